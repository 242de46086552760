import { Link } from 'react-router';
import { Table } from '../../components/Table';
import type { EntitySummary } from './catalog-api';
import { entityPath, kindLabel, kindTone, shortRef } from './refs';

/** The search results: one row per entity, its name linking to its page. */
export function EntityTable({ items }: { items: EntitySummary[] }) {
  return (
    <Table
      caption="Catalog entities"
      className="catalog-table"
      columns={['Name and description', 'Kind', 'Type', 'Owner', 'Lifecycle']}
      items={items}
      empty="No entity matches."
    >
      {(e) => <EntityRow key={e.ref} entity={e} />}
    </Table>
  );
}

function EntityRow({ entity: e }: { entity: EntitySummary }) {
  const title = e.title || e.name;
  return (
    <tr>
      <td className="catalog-name">
        <div className="catalog-title">
          <Link to={entityPath(e)}>{title}</Link>
          {title !== e.name && <span className="muted mono catalog-subname">{shortRef(e.ref, e.kind)}</span>}
          {e.errorCount > 0 && (
            <span className="badge bad" data-testid="entity-problems">
              {e.errorCount === 1 ? '1 problem' : `${e.errorCount} problems`}
            </span>
          )}
        </div>
        {e.description && <p className="catalog-description">{e.description}</p>}
        {e.tags.length > 0 && (
          <ul className="tag-list" aria-label="Tags">
            {e.tags.map((t) => (
              <li key={t} className="tag">
                {t}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <span className={`kind-chip kind-${kindTone(e.kind)}`}>{kindLabel(e.kind)}</span>
      </td>
      <td>{e.type || <span className="muted">—</span>}</td>
      <td className="catalog-owner">
        {e.owner ? (
          <Link to={entityPath(e.owner)} title={e.owner}>
            {shortRef(e.owner, 'group')}
          </Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{e.lifecycle || <span className="muted">—</span>}</td>
    </tr>
  );
}
