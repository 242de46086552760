/**
 * The Delivery page's filters: each a plain select whose change goes straight into the address
 * (no Apply button: every choice is one cheap query). A name the lists do not hold (a link to a
 * service since removed) is still offered, so the select shows what the address says.
 */
import { useEnvironmentTypes } from '../../queries/environment-types';
import { useServices } from '../../queries/services';
import { useTeams } from '../../queries/teams';
import { type DeliveryFilters, defaultEnvironmentType, windowChoices } from './search-params';

export function FilterBar({
  filters,
  onChange,
}: {
  filters: DeliveryFilters;
  onChange: (patch: Partial<DeliveryFilters>) => void;
}) {
  const services = useServices();
  const teams = useTeams();
  const types = useEnvironmentTypes();
  const serviceNames = withCurrent(
    (services.data?.items ?? []).map((s) => s.name),
    filters.service,
  );
  const teamNames = withCurrent(
    (teams.data?.items ?? []).map((t) => t.name),
    filters.team,
  );
  const typeNames = withCurrent(
    withCurrent(
      (types.data?.items ?? []).map((t) => t.name),
      defaultEnvironmentType,
    ),
    filters.environmentType,
  );
  const weekChoices = withCurrent(windowChoices.map(String), String(filters.weeks)).map(Number);
  return (
    <form className="card dora-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Select
        id="dora-service"
        label="Service"
        value={filters.service}
        onChange={(service) => onChange({ service })}
        options={[['', 'All services'], ...serviceNames.map((n): [string, string] => [n, n])]}
      />
      <Select
        id="dora-team"
        label="Team"
        value={filters.team}
        onChange={(team) => onChange({ team })}
        options={[['', 'All teams'], ...teamNames.map((n): [string, string] => [n, n])]}
      />
      <Select
        id="dora-env-type"
        label="Environment type"
        value={filters.environmentType}
        onChange={(environmentType) => onChange({ environmentType })}
        options={typeNames.map((n): [string, string] => [n, n])}
      />
      <Select
        id="dora-window"
        label="Window"
        value={String(filters.weeks)}
        onChange={(weeks) => onChange({ weeks: Number(weeks) })}
        options={weekChoices.map((n): [string, string] => [String(n), n === 1 ? 'This week' : `Last ${n} weeks`])}
      />
      <Select
        id="dora-group"
        label="Group by"
        value={filters.groupBy}
        onChange={(groupBy) => onChange({ groupBy: groupBy as DeliveryFilters['groupBy'] })}
        options={[
          ['', 'No grouping'],
          ['service', 'Service'],
          ['team', 'Team'],
        ]}
      />
    </form>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<[value: string, label: string]>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function withCurrent(names: readonly string[], current: string): string[] {
  const all = current && !names.includes(current) ? [...names, current] : [...names];
  return all.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
