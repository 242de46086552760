import { EmptyState } from '../../components/Page';
import { useServiceContext } from './context';
import { EnvironmentPicker } from './EnvironmentPicker';
import { LivePanel } from './LivePanel';

/** The live panel for the environment chosen in the picker. */
export function LiveTab() {
  const ctx = useServiceContext();
  return (
    <div className="stack">
      <EnvironmentPicker id="live-env" />
      {ctx.environment ? (
        <LivePanel key={ctx.environment} service={ctx.service} environment={ctx.environment} />
      ) : (
        <EmptyState title="Nothing to watch yet">
          Deploy {ctx.service} to an environment to follow it live here.
        </EmptyState>
      )}
    </div>
  );
}
