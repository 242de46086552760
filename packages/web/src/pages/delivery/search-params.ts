/**
 * The Delivery page's filters live in its address (`?team=payments&weeks=26&by=service`), so a
 * view can be linked and comes back with the Back button. Defaults stay out of the address.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { DoraQuery } from './queries';

export const windowChoices = [4, 12, 26, 52] as const;
export const defaultWeeks = 12;
export const defaultEnvironmentType = 'production';

export interface DeliveryFilters {
  service: string;
  team: string;
  environmentType: string;
  weeks: number;
  groupBy: '' | 'service' | 'team';
}

export function filtersFromParams(params: URLSearchParams): DeliveryFilters {
  const weeks = Number(params.get('weeks') ?? defaultWeeks);
  const by = params.get('by');
  return {
    service: params.get('service') ?? '',
    team: params.get('team') ?? '',
    environmentType: params.get('envType') || defaultEnvironmentType,
    // Anything else the API refuses in its own words (1…104); a word that is no number falls back.
    weeks: Number.isInteger(weeks) ? weeks : defaultWeeks,
    groupBy: by === 'service' || by === 'team' ? by : '',
  };
}

export function paramsFromFilters(f: DeliveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.service) params.set('service', f.service);
  if (f.team) params.set('team', f.team);
  if (f.environmentType !== defaultEnvironmentType) params.set('envType', f.environmentType);
  if (f.weeks !== defaultWeeks) params.set('weeks', String(f.weeks));
  if (f.groupBy) params.set('by', f.groupBy);
  return params;
}

/** What the API is asked: the filters, without the empty ones. */
export function doraQueryOf(f: DeliveryFilters): DoraQuery {
  return {
    ...(f.service ? { service: f.service } : {}),
    ...(f.team ? { team: f.team } : {}),
    environmentType: f.environmentType,
    weeks: f.weeks,
    ...(f.groupBy ? { groupBy: f.groupBy } : {}),
  };
}

/** The filters in the address, and a way to change one (a new history entry each time). */
export function useDeliveryFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const change = useCallback(
    (patch: Partial<DeliveryFilters>) =>
      setParams((current) => paramsFromFilters({ ...filtersFromParams(current), ...patch }), {
        preventScrollReset: true,
      }),
    [setParams],
  );
  return { filters, change };
}
