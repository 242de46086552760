import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/Page';
import { Table } from '../../components/Table';
import type { EntityDetail } from './catalog-api';
import { entityFields } from './entity-fields';
import { entityPath, kindLabel, kindTone, parseRef, shortRef } from './refs';
import { relationRank, relationWords } from './relation-words';

// The graph library is large: it loads with this tab, never with the catalog list.
const RelationGraph = lazy(() => import('./RelationGraph'));

/** The entity's relations twice: as a graph to look at, and as a table any reader can use. */
export function EntityRelations({ detail }: { detail: EntityDetail }) {
  const fields = entityFields(detail.entity);
  if (detail.relations.length === 0) {
    return (
      <p className="muted">
        {fields.title} has no relations: its catalog file names no owner, system, APIs or dependencies.
      </p>
    );
  }
  const relations = [...detail.relations].sort(
    (a, b) => relationRank(a.type) - relationRank(b.type) || a.targetRef.localeCompare(b.targetRef),
  );
  return (
    <div className="stack">
      <section aria-labelledby="relation-graph-title">
        <h2 id="relation-graph-title">Graph</h2>
        <p className="muted">
          Entities that own, contain or use {fields.title} are on its left; those it owns, contains or uses are on its
          right. Select one to open it.
        </p>
        <Suspense fallback={<Loading what="the graph" />}>
          <RelationGraph detail={detail} />
        </Suspense>
      </section>
      <section aria-labelledby="relation-list-title">
        <h2 id="relation-list-title">All relations</h2>
        <Table
          caption={`Relations of ${fields.title}`}
          testId="relation-table"
          columns={['Relation', 'Entity', 'Kind']}
          items={relations}
          empty={`${fields.title} has no relations.`}
        >
          {(r) => (
            <tr key={`${r.type} ${r.targetRef}`}>
              <td>
                {relationWords(r.type)} <span className="muted mono">({r.type})</span>
              </td>
              <th scope="row">
                {r.kind === null ? (
                  <>
                    <span className="mono">{shortRef(r.targetRef, parseRef(r.targetRef).kind)}</span>{' '}
                    <span className="muted">(not in the catalog)</span>
                  </>
                ) : (
                  <Link to={entityPath(r.targetRef)}>
                    {r.title ?? shortRef(r.targetRef, parseRef(r.targetRef).kind)}
                  </Link>
                )}
              </th>
              <td>
                {r.kind ? (
                  <span className={`kind-chip kind-${kindTone(r.kind)}`}>{kindLabel(r.kind)}</span>
                ) : (
                  <span className="muted">unknown</span>
                )}
              </td>
            </tr>
          )}
        </Table>
      </section>
    </div>
  );
}
