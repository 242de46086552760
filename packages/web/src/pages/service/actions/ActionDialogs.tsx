import type { Action } from '../context';
import { DecisionDialog } from './DecisionDialog';
import { DeployDialog } from './DeployDialog';
import { PauseDialog } from './PauseDialog';
import { PromoteDialog } from './PromoteDialog';
import { RollbackDialog } from './RollbackDialog';

/** The dialog of the action asked for; `done` reports what happened, in a sentence. */
export function ActionDialogs({
  action,
  close,
  done,
}: {
  action: Action | null;
  close: () => void;
  done: (outcome: string, environment?: string) => void;
}) {
  if (!action) return null;
  const finish = (outcome: string, environment?: string) => {
    close();
    done(outcome, environment);
  };
  switch (action.kind) {
    case 'deploy':
      return <DeployDialog initial={action.environment} onCancel={close} onDone={finish} />;
    case 'promote':
      return <PromoteDialog from={action.from} to={action.to} onCancel={close} onDone={finish} />;
    case 'rollback':
      return (
        <RollbackDialog environment={action.environment} target={action.target} onCancel={close} onDone={finish} />
      );
    case 'approve':
    case 'reject':
      return <DecisionDialog decision={action.kind} release={action.release} onCancel={close} onDone={finish} />;
    case 'pause':
    case 'resume':
      return <PauseDialog verb={action.kind} environment={action.environment} onCancel={close} onDone={finish} />;
  }
}
