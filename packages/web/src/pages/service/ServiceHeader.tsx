import { Link } from 'react-router';
import { PageHeader } from '../../components/Page';
import { useServiceContext } from './context';
import { rollbackTarget } from './model';
import { useCatalogComponent } from './queries';

/** The service's name, its owner, its catalog entry (when there is one) and its actions. */
export function ServiceHeader({ name, owner, loaded }: { name: string; owner: string | null; loaded: boolean }) {
  const catalog = useCatalogComponent(name);
  const summary = (
    <span className="service-meta">
      <span>
        Owned by <strong>{owner ? `team ${owner}` : loaded ? 'the platform' : '…'}</strong>
      </span>
      {catalog.data && (
        <>
          <span aria-hidden="true">·</span>
          <Link to={`/catalog/component/default/${name}`}>Catalog entry</Link>
          <span aria-hidden="true">·</span>
          <Link to={`/catalog/component/default/${name}/docs`}>Docs</Link>
        </>
      )}
      {catalog.data === false && (
        <>
          <span aria-hidden="true">·</span>
          <span className="muted">Not in the catalog yet</span>
        </>
      )}
    </span>
  );
  return <PageHeader title={name} summary={summary} actions={loaded ? <HeaderActions /> : undefined} />;
}

/** The actions on the environment in view; each asks first, saying what will change. */
function HeaderActions() {
  const ctx = useServiceContext();
  const environment = ctx.environment;
  const summary = ctx.summaries.find((s) => s.environment === environment);
  const env = ctx.environments.find((e) => e.name === environment);
  const canPromote = ctx.summaries.some((s) => s.lastHealthy) && ctx.environments.length > 1;
  const target = summary ? rollbackTarget(summary) : null;
  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={() => ctx.act({ kind: 'deploy', environment: environment ?? undefined })}
      >
        Deploy…
      </button>
      <button
        type="button"
        disabled={!canPromote}
        title={canPromote ? undefined : 'Promotion needs a healthy release and a second environment'}
        onClick={() => ctx.act({ kind: 'promote', from: environment ?? undefined })}
      >
        Promote…
      </button>
      {environment && (
        <button
          type="button"
          disabled={!target}
          title={target ? undefined : `No earlier healthy release in ${environment} to go back to`}
          onClick={() => ctx.act({ kind: 'rollback', environment, target: target ?? undefined })}
        >
          Roll back {environment}…
        </button>
      )}
      {env &&
        (env.status === 'paused' ? (
          <button type="button" onClick={() => ctx.act({ kind: 'resume', environment: env.name })}>
            Resume {env.name}…
          </button>
        ) : (
          <button type="button" onClick={() => ctx.act({ kind: 'pause', environment: env.name })}>
            Pause {env.name}…
          </button>
        ))}
    </>
  );
}
