/**
 * Clusters environments live on: Slipway's own (from its configuration) and registered ones,
 * with their health and Kubernetes version. Admins register, check and unregister them.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../../api/client';
import { useSession } from '../../../api/session';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader, TimeAgo } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { clusterKeys, useClusters } from '../../../queries/clusters';
import { SectionError } from '../common';
import { DeleteClusterDialog } from './DeleteClusterDialog';
import { RegisterClusterForm } from './RegisterClusterForm';

type Cluster = Schemas['ClusterView'];

export function ClustersSection() {
  const { access } = useSession();
  const [registering, setRegistering] = useState(false);
  const clusters = useClusters();
  return (
    <section aria-labelledby="clusters-title">
      <PageHeader
        title="Clusters"
        summary="The Kubernetes clusters environments live on. Credentials are checked against the cluster, then stored encrypted; they never come back out."
        actions={
          access.admin && !registering ? (
            <button type="button" className="primary" onClick={() => setRegistering(true)}>
              Register a cluster
            </button>
          ) : undefined
        }
      />
      {registering && <RegisterClusterForm onDone={() => setRegistering(false)} />}
      {clusters.isPending && <Loading what="clusters" />}
      {clusters.error && <SectionError error={clusters.error} what="the clusters" />}
      {clusters.data && <ClusterTable clusters={clusters.data.items} admin={access.admin} />}
    </section>
  );
}

function ClusterTable({ clusters, admin }: { clusters: Cluster[]; admin: boolean }) {
  return (
    <Table
      caption="Clusters, their health and Kubernetes version"
      columns={['Name', 'Status', 'Kubernetes', 'API server', 'Last checked', ...(admin ? ['Actions'] : [])]}
      items={clusters}
      empty={<EmptyState title="No clusters yet">Register one to create environments on it.</EmptyState>}
    >
      {(c) => <ClusterRow key={c.name} cluster={c} admin={admin} />}
    </Table>
  );
}

function ClusterRow({ cluster: c, admin }: { cluster: Cluster; admin: boolean }) {
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const check = useMutation({
    mutationFn: () => call(api.POST('/api/v1/clusters/{name}/check', { params: { path: { name: c.name } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all }),
  });
  const registered = c.source === 'registered';
  return (
    <tr data-testid={`cluster-${c.name}`}>
      <th scope="row">
        <div className="admin-name">{c.name}</div>
        <div className="muted small">
          {registered ? `Registered${c.createdBy ? ` by ${c.createdBy}` : ''}` : "Slipway's own (configuration)"}
        </div>
      </th>
      <td>
        <StatusBadge status={c.status} />
        {c.message && <div className="muted small admin-message">{c.message}</div>}
        {check.error && <ErrorNotice error={check.error} title={`Checking ${c.name} did not work`} />}
      </td>
      <td>{c.version ? <code>{c.version}</code> : <span className="muted">not known</span>}</td>
      <td className="admin-break">
        <code>{c.server}</code>
      </td>
      <td>
        <TimeAgo at={c.checkedAt} />
      </td>
      {admin && (
        <td>
          {registered ? (
            <div className="row">
              <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
                {check.isPending ? 'Checking…' : 'Check now'}
                <span className="visually-hidden"> {c.name}</span>
              </button>
              <button type="button" className="danger" onClick={() => setDeleting(true)}>
                Delete<span className="visually-hidden"> {c.name}</span>
              </button>
              {deleting && <DeleteClusterDialog name={c.name} onClose={() => setDeleting(false)} />}
            </div>
          ) : (
            <span className="muted small">Set in the configuration</span>
          )}
        </td>
      )}
    </tr>
  );
}
