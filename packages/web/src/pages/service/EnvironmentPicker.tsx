import { useServiceContext } from './context';

/**
 * Which environment the Live, Events, Logs and Releases tabs show: those the service has
 * releases in. The choice lives in the address (?env=), so it survives a reload and a link.
 */
export function EnvironmentPicker({ id }: { id: string }) {
  const ctx = useServiceContext();
  const names = ctx.summaries.map((s) => s.environment);
  if (ctx.environment && !names.includes(ctx.environment)) names.push(ctx.environment);
  return (
    <div className="env-picker">
      <label htmlFor={id}>Environment</label>
      <select id={id} value={ctx.environment ?? ''} onChange={(e) => ctx.setEnvironment(e.target.value)}>
        {names.length === 0 && <option value="">No environment yet</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}
