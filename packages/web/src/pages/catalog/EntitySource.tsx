import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import type { EntityDetail, LocationDetail } from './catalog-api';
import { refreshLocation } from './catalog-api';
import { annotationUrl, type EntityFields } from './entity-fields';

/**
 * Where the entity was read from: the repository (its catalog location), the file, when, and
 * the source and edit links its annotations give. Admins can have the location read again.
 */
export function EntitySource({
  detail,
  fields,
  location,
  locationError,
}: {
  detail: EntityDetail;
  fields: EntityFields;
  location: LocationDetail | undefined;
  locationError: unknown;
}) {
  const { access } = useSession();
  const source = annotationUrl(fields.annotations['backstage.io/source-location'] ?? '');
  const view = annotationUrl(fields.annotations['backstage.io/view-url'] ?? '');
  const edit = annotationUrl(fields.annotations['backstage.io/edit-url'] ?? '');
  const loc = location?.location;
  return (
    <section className="card entity-card" aria-labelledby="entity-source-title">
      <h2 id="entity-source-title">Source</h2>
      <dl className="entity-facts">
        <dt>Repository</dt>
        <dd className="mono entity-break">
          {loc ? loc.target : locationError ? <span className="muted">not readable</span> : '…'}
          {loc?.ref ? <span className="muted"> @ {loc.ref}</span> : null}
        </dd>
        <dt>File</dt>
        <dd className="mono entity-break">{detail.sourcePath}</dd>
        {loc && (
          <>
            <dt>Last read</dt>
            <dd>
              <span className="row">
                <StatusBadge status={locationStatus(loc.status)} label={loc.status} />
                <TimeAgo at={loc.refreshedAt} />
              </span>
              {loc.revision && <span className="mono muted"> {loc.revision.slice(0, 12)}</span>}
            </dd>
          </>
        )}
        <dt>Entity updated</dt>
        <dd>
          <TimeAgo at={detail.updatedAt} />
        </dd>
      </dl>
      {(source || view || edit) && (
        <ul className="entity-links">
          {source && (
            <li>
              <a href={source} rel="noopener noreferrer">
                Source code
              </a>
            </li>
          )}
          {view && (
            <li>
              <a href={view} rel="noopener noreferrer">
                View the catalog file
              </a>
            </li>
          )}
          {edit && (
            <li>
              <a href={edit} rel="noopener noreferrer">
                Edit the catalog file
              </a>
            </li>
          )}
        </ul>
      )}
      {locationError ? <ErrorNotice error={locationError} title="The catalog location could not be read" /> : null}
      {access.admin && loc && <RefreshLocation id={loc.id} target={loc.target} />}
    </section>
  );
}

function locationStatus(status: string): string {
  return status === 'ok' ? 'healthy' : status === 'warning' ? 'degraded' : status === 'error' ? 'failed' : 'pending';
}

/** Reads the location again now, after asking: it may add, change or remove entities. */
function RefreshLocation({ id, target }: { id: string; target: string }) {
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => refreshLocation(id),
    onSuccess: async () => {
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: ['catalog'] });
    },
  });
  const result = refresh.data?.refresh;
  return (
    <div className="stack entity-refresh">
      <div>
        <button type="button" onClick={() => setAsking(true)}>
          Read again now
        </button>
      </div>
      {result && (
        <p className={`notice ${result.result === 'failed' ? 'bad' : 'ok'}`} role="status">
          {result.result === 'unchanged'
            ? 'Read again: nothing changed since the last read.'
            : result.result === 'failed'
              ? `The read failed: ${result.message ?? 'see the location'}`
              : `Read again: ${result.inserted ?? 0} added, ${result.updated ?? 0} changed, ${result.deleted ?? 0} removed.`}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title="Read this location again now?"
        confirmLabel="Read again now"
        busy={refresh.isPending}
        onConfirm={() => refresh.mutate()}
        onCancel={() => {
          setAsking(false);
          refresh.reset();
        }}
      >
        <p>
          Slipway reads <code className="entity-break">{target}</code> at its current commit. Entities added there are
          added to the catalog, changed ones are updated, and entities no longer there are removed from the catalog.
        </p>
        <ErrorNotice error={refresh.error} title="The location could not be read" />
      </ConfirmDialog>
    </div>
  );
}
