/** The provisioners, read by their admin section and the environment type editor. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const provisionerKeys = { all: ['provisioners'] as const };

export function useProvisioners() {
  return useQuery({ queryKey: provisionerKeys.all, queryFn: () => call(api.GET('/api/v1/provisioners')) });
}
