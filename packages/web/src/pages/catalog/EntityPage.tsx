import './catalog.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, PageHeader } from '../../components/Page';
import { type EntityDetail, getEntity } from './catalog-api';
import { EntityDocs } from './EntityDocs';
import { EntityOverview } from './EntityOverview';
import { EntityRaw } from './EntityRaw';
import { EntityRelations } from './EntityRelations';
import { EntityTabs, type Tab } from './EntityTabs';
import { entityFields, specText } from './entity-fields';
import { type EntityName, entityPath, kindLabel, kindTone, parseRef } from './refs';

const panelId = 'entity-panel';

/**
 * One catalog entity: /catalog/:kind/:namespace/:name/:tab, the tab in the address
 * (`docs/guides/setup.md` for a docs page).
 */
export default function EntityPage() {
  const params = useParams();
  const name: EntityName = {
    kind: (params.kind ?? '').toLowerCase(),
    namespace: params.namespace ?? 'default',
    name: params.name ?? '',
  };
  const [tab = '', ...rest] = (params['*'] ?? '').split('/');
  const detail = useQuery({ queryKey: ['catalog', 'entity', name], queryFn: () => getEntity(name) });

  if (detail.isPending) return <Loading what="the entity" />;
  if (detail.error) {
    return (
      <>
        <Breadcrumb name={name} />
        <PageHeader title={name.name} />
        <ErrorNotice error={detail.error} title="This entity could not be read" />
        <Link to="/catalog">Back to the catalog</Link>
      </>
    );
  }
  const tabs: Tab[] = [
    { id: 'overview', label: 'Overview', to: entityPath(name) },
    { id: 'relations', label: `Relations (${detail.data.relations.length})`, to: entityPath(name, 'relations') },
    { id: 'docs', label: 'Docs', to: entityPath(name, 'docs') },
    { id: 'raw', label: 'Raw', to: entityPath(name, 'raw') },
  ];
  const current = tab === '' ? 'overview' : tab;
  const known = tabs.some((t) => t.id === current);
  return (
    <>
      <Breadcrumb name={name} />
      <EntityHeader detail={detail.data} />
      <EntityTabs tabs={tabs} current={current} panelId={panelId} />
      <div
        id={panelId}
        role="tabpanel"
        {...(known ? { 'aria-labelledby': `entity-tab-${current}` } : { 'aria-label': 'Unknown view' })}
        className="entity-panel"
      >
        <TabPanel tab={current} rest={rest.join('/')} name={name} detail={detail.data} />
      </div>
    </>
  );
}

function TabPanel({ tab, rest, name, detail }: { tab: string; rest: string; name: EntityName; detail: EntityDetail }) {
  switch (tab) {
    case 'overview':
      return <EntityOverview detail={detail} />;
    case 'relations':
      return <EntityRelations detail={detail} />;
    case 'docs':
      return <EntityDocs name={name} page={rest} />;
    case 'raw':
      return <EntityRaw detail={detail} />;
    default:
      return (
        <p>
          This entity has no “{tab}” view. <Link to={entityPath(name)}>Show its overview</Link>.
        </p>
      );
  }
}

function EntityHeader({ detail }: { detail: EntityDetail }) {
  const f = entityFields(detail.entity);
  const type = specText(f, 'type');
  const lifecycle = specText(f, 'lifecycle');
  return (
    <PageHeader
      title={f.title}
      summary={
        <span className="entity-summary">
          <span className={`kind-chip kind-${kindTone(f.kind)}`}>{kindLabel(f.kind)}</span>
          {type && <span>{type}</span>}
          {lifecycle && <span className="badge info">{lifecycle}</span>}
          <span className="mono">{detail.ref}</span>
          {detail.errors.length > 0 && (
            <Link to={`${entityPath(parseRef(detail.ref))}#entity-problems`} className="badge bad">
              {detail.errors.length === 1 ? '1 problem' : `${detail.errors.length} problems`}
            </Link>
          )}
        </span>
      }
      actions={
        detail.deployments ? (
          <Link className="button primary" to={`/services/${encodeURIComponent(detail.deployments.service)}`}>
            Open service {detail.deployments.service}
          </Link>
        ) : undefined
      }
    />
  );
}

function Breadcrumb({ name }: { name: EntityName }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link to="/catalog">Catalog</Link>
        </li>
        <li>
          <Link to={`/catalog?kind=${encodeURIComponent(name.kind)}`}>{kindLabel(name.kind)}</Link>
        </li>
        <li aria-current="page">
          {name.namespace === 'default' ? '' : `${name.namespace}/`}
          {name.name}
        </li>
      </ol>
    </nav>
  );
}
