import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/Page';
import { useServiceContext } from './context';
import { useCatalogComponent } from './queries';

/**
 * The service's docs live with its catalog entry (Markdown from its repository, rendered by
 * the catalog pages); this tab leads there, or says how to get them there.
 */
export function DocsTab() {
  const ctx = useServiceContext();
  const catalog = useCatalogComponent(ctx.service);
  if (catalog.isPending) return <Loading what="the catalog entry" />;
  if (catalog.error) return <ErrorNotice error={catalog.error} title="The catalog could not be read" />;
  if (!catalog.data) {
    return (
      <EmptyState title={`${ctx.service} has no catalog entry yet`}>
        <p>
          Docs appear here once the service's repository has a <code>catalog-info.yaml</code> describing a Component
          named <code>{ctx.service}</code> (with its Markdown docs beside it) and that repository is registered in the{' '}
          <Link to="/catalog">catalog</Link>. Services created from a template get both.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="card stack">
      <h2>Docs of {ctx.service}</h2>
      <p>The service's docs are read from its repository and shown with its catalog entry.</p>
      <p className="row">
        <Link className="button primary" to={`/catalog/component/default/${ctx.service}/docs`}>
          Read the docs of {ctx.service}
        </Link>
        <Link className="button" to={`/catalog/component/default/${ctx.service}`}>
          Open its catalog entry
        </Link>
      </p>
    </div>
  );
}
