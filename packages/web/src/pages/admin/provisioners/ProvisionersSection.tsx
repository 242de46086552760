/**
 * What resource types a workload can ask for (Score `resources`), which provisioner serves
 * each, and the parameters it takes. Grouped by type, in matching order: the platform's own
 * provisioners first (they always win over built-ins), then the built-ins.
 */
import type { Schemas } from '../../../api/client';
import { EmptyState, Loading, PageHeader } from '../../../components/Page';
import { Table } from '../../../components/Table';
import { useProvisioners } from '../../../queries/provisioners';
import { SectionError } from '../common';

type Provisioner = Schemas['ProvisionerView'];

export function ProvisionersSection() {
  const list = useProvisioners();
  return (
    <section>
      <PageHeader
        title="Provisioners"
        summary="How each resource type a workload asks for becomes real. The most specific match wins (id, then class, then environment type); the platform's own provisioners come before the built-in ones."
      />
      {list.isPending && <Loading what="provisioners" />}
      {list.error && <SectionError error={list.error} what="the provisioners" />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <EmptyState title="No provisioners" />
        ) : (
          <>
            <p className="muted">
              {list.data.types.length} resource types: {list.data.types.map((t) => t).join(', ')}. Platform provisioners
              are configured in the files listed under <code>provisioners.files</code>.
            </p>
            {list.data.types.map((type) => (
              <TypeGroup key={type} type={type} provisioners={list.data.items.filter((p) => p.match.type === type)} />
            ))}
          </>
        ))}
    </section>
  );
}

function TypeGroup({ type, provisioners }: { type: string; provisioners: Provisioner[] }) {
  return (
    <section aria-labelledby={`type-${type}`} className="admin-group">
      <h2 id={`type-${type}`}>
        <code>{type}</code>
      </h2>
      <div className="stack">
        {provisioners.map((p) => (
          <ProvisionerCard key={p.id} p={p} />
        ))}
      </div>
    </section>
  );
}

function matchWords(p: Provisioner): string {
  const parts = [
    p.match.class !== undefined ? `class ${p.match.class}` : null,
    p.match.id !== undefined ? `id ${p.match.id}` : null,
    p.match.environmentType !== undefined ? `environment type ${p.match.environmentType}` : null,
  ].filter(Boolean);
  return parts.length ? `Serves ${parts.join(', ')}` : 'Serves every request of this type';
}

function ProvisionerCard({ p }: { p: Provisioner }) {
  return (
    <article className="card" aria-labelledby={`prov-${p.id}`}>
      <div className="row admin-card-head">
        <h3 id={`prov-${p.id}`}>
          <code>{p.id}</code>
        </h3>
        <span className={`badge ${p.source === 'builtin' ? '' : 'info'}`}>
          {p.source === 'builtin' ? 'built-in' : 'platform'}
        </span>
        <span className="badge">{p.kind}</span>
      </div>
      {p.description && <p>{p.description}</p>}
      <dl className="admin-facts">
        <dt>Matches</dt>
        <dd>{matchWords(p)}</dd>
        {p.chart && (
          <>
            <dt>Helm chart</dt>
            <dd>
              <code>{p.chart.path ?? `${p.chart.repo} ${p.chart.name}@${p.chart.version}`}</code>
            </dd>
          </>
        )}
        <dt>Outputs</dt>
        <dd>
          {p.outputs.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="admin-tags">
              {p.outputs.map((o) => (
                <li key={o}>
                  <code>{o}</code>
                  {p.secretOutputs.includes(o) && <span className="badge warn">secret</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Environment types</dt>
        <dd>
          {p.environmentTypes.length ? p.environmentTypes.join(', ') : <span className="muted">none allow it</span>}
        </dd>
      </dl>
      <Table
        caption="Parameters (params)"
        showCaption
        columns={['Name', 'Type', 'Required', 'Default', 'About']}
        items={p.parameters}
        empty={<p className="muted small">Takes no parameters.</p>}
      >
        {(param) => (
          <tr key={param.name}>
            <th scope="row">
              <code>{param.name}</code>
            </th>
            <td>{param.enum ? `one of ${param.enum.map((v) => JSON.stringify(v)).join(', ')}` : param.type}</td>
            <td>{param.required ? 'yes' : 'no'}</td>
            <td>
              {param.default === undefined ? (
                <span className="muted">—</span>
              ) : (
                <code>{JSON.stringify(param.default)}</code>
              )}
            </td>
            <td>{param.description ?? ''}</td>
          </tr>
        )}
      </Table>
    </article>
  );
}
