/**
 * Environment types: the platform engineers' rules per kind of environment (defaults, quota,
 * policies, approvals, roles, lifetime). A table to compare them; each opens in the editor.
 */
import { Link } from 'react-router';
import { useSession } from '../../../api/session';
import { EmptyState, Loading, PageHeader } from '../../../components/Page';
import { Table } from '../../../components/Table';
import { useEnvironmentTypes } from '../../../queries/environment-types';
import { duration, SectionError } from '../common';
import type { TypeView } from './form';

export function EnvironmentTypesSection() {
  const { access } = useSession();
  const types = useEnvironmentTypes();
  return (
    <section>
      <PageHeader
        title="Environment types"
        summary="What every environment of a kind starts from, and the guardrails deploying to it passes."
        actions={
          access.admin ? (
            <Link className="button primary" to="/admin/environment-types/new">
              New environment type
            </Link>
          ) : undefined
        }
      />
      {types.isPending && <Loading what="environment types" />}
      {types.error && <SectionError error={types.error} what="the environment types" />}
      {types.data && <TypeTable types={types.data.items} admin={access.admin} />}
    </section>
  );
}

function TypeTable({ types, admin }: { types: TypeView[]; admin: boolean }) {
  return (
    <Table
      caption="Environment types and their guardrails"
      columns={['Type', 'Policies', 'Approval', 'Who deploys · approves', 'Lifetime']}
      items={types}
      empty={<EmptyState title="No environment types">Create one to create environments.</EmptyState>}
    >
      {(t) => (
        <tr key={t.name}>
          <th scope="row">
            <Link to={`/admin/environment-types/${t.name}`} className="admin-name">
              {t.name}
              <span className="visually-hidden">{admin ? ' (edit)' : ' (view)'}</span>
            </Link>
            {t.description && <div className="muted small">{t.description}</div>}
          </th>
          <td>
            {t.policies.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="admin-tags">
                {t.policies.map((p) => (
                  <li key={p} className="badge info">
                    {p}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            {t.requiresApproval ? (
              `Required (waits ${duration(t.approvalTtlSeconds)})`
            ) : (
              <span className="muted">No</span>
            )}
          </td>
          <td>
            {t.access?.deploy ?? 'developer'} · {t.access?.approve ?? 'maintainer'}
          </td>
          <td>
            {t.ttlSeconds ? `Deleted after ${duration(t.ttlSeconds)}` : <span className="muted">Long-lived</span>}
          </td>
        </tr>
      )}
    </Table>
  );
}
