/**
 * What a release changed against the one before it, and whether the cluster still matches
 * it (drift), as lines a person reads: "+ added", "− removed", "~ changed from … to …", with
 * colour repeating the words.
 */
import { type FieldChange, isBookkeepingChange, type ReleaseDiff } from '@slipway/core/diff';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import type { Release } from './model';

interface DriftObject {
  key: string;
  state: 'missing' | 'in-sync' | 'drifted';
  changes: FieldChange[];
}

/** A field path as words: `/spec/template/spec/containers/web/image` → `spec › template › … › image`. */
export function readablePath(path: string): string {
  const parts = path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // The pod template's long prefix says little; keep what tells fields apart.
  const template = parts.indexOf('template');
  const shown = template >= 0 && parts[template + 1] === 'spec' ? ['pod', ...parts.slice(template + 2)] : parts;
  return shown.join(' › ');
}

export function showValue(value: unknown): string {
  if (value === undefined) return '(nothing)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Labels Slipway sets on every object of a release (its hash, the image's version): they
 * change with every release and say nothing new, so they are folded away under the rest. The
 * diff is asked for with them (`all`) so the page can say which objects only changed those.
 */
export const isBookkeeping = isBookkeepingChange;

function objectName(key: string): string {
  const [, kind, , name] = key.split('/');
  return `${kind} ${name}`;
}

export function ReleaseChanges({ release }: { release: Release }) {
  const diff = useQuery({
    queryKey: ['release', release.id, 'diff'],
    queryFn: () =>
      call(api.GET('/api/v1/releases/{id}/diff', { params: { path: { id: release.id }, query: { all: true } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (diff.isPending) return <Loading what={`the changes of #${release.number}`} />;
  if (diff.error) return <ErrorNotice error={diff.error} title="The changes could not be read" />;
  const d = diff.data.diff as unknown as ReleaseDiff;
  const against = diff.data.from ? `release #${diff.data.from.number}` : 'nothing (the first release here)';
  const total = d.added.length + d.removed.length + d.changed.length;
  const relabelled = d.changed.filter((o) => o.changes.every(isBookkeeping));
  return (
    <div className="changes" data-testid={`changes-${release.number}`}>
      <p className="small">
        <strong>Against {against}:</strong> {d.changed.length} changed, {d.added.length} added, {d.removed.length}{' '}
        removed, {d.unchanged} unchanged.
      </p>
      {total === 0 && <p className="muted">The same objects as {against}: a redeploy.</p>}
      <ul className="diff plain">
        {d.added.map((o) => (
          <li key={`+${o.key}`} className="diff-add">
            <span className="diff-sign" aria-hidden="true">
              +
            </span>{' '}
            added {o.kind} <code>{o.name}</code>
          </li>
        ))}
        {d.removed.map((o) => (
          <li key={`-${o.key}`} className="diff-remove">
            <span className="diff-sign" aria-hidden="true">
              −
            </span>{' '}
            removed {o.kind} <code>{o.name}</code>
          </li>
        ))}
        {d.changed
          .filter((o) => o.changes.some((c) => !isBookkeeping(c)))
          .map((o) => {
            const labels = o.changes.filter(isBookkeeping);
            return (
              <li key={`~${o.key}`} className="diff-object">
                <span className="diff-sign" aria-hidden="true">
                  ~
                </span>{' '}
                changed {o.kind} <code>{o.name}</code>
                <FieldChanges
                  changes={o.changes.filter((c) => !isBookkeeping(c))}
                  words={{ add: 'added', remove: 'removed', replace: 'changed' }}
                />
                {labels.length > 0 && <span className="muted small diff-labels">and its release labels</span>}
              </li>
            );
          })}
        {relabelled.length > 0 && (
          <li className="muted small">
            {relabelled.map((o) => `${o.kind} ${o.name}`).join(', ')}: only the release labels changed.
          </li>
        )}
      </ul>
      {release.startedAt && <DriftCheck release={release} />}
    </div>
  );
}

function FieldChanges({
  changes,
  words,
  drift,
}: {
  changes: FieldChange[];
  words: Record<FieldChange['op'], string>;
  /** In drift, `from` is what Slipway set and `to` what the cluster has. */
  drift?: boolean;
}) {
  return (
    <ul className="plain field-changes">
      {changes.map((c) => (
        <li key={`${c.op}${c.path}`} className={`diff-${c.op}`}>
          <code>{readablePath(c.path)}</code> {words[c.op]}
          {c.op === 'replace' && !drift && (
            <>
              {' '}
              from <code className="old">{showValue(c.from)}</code> to <code className="new">{showValue(c.to)}</code>
            </>
          )}
          {c.op === 'replace' && drift && (
            <>
              : Slipway set <code className="old">{showValue(c.from)}</code>, the cluster has{' '}
              <code className="new">{showValue(c.to)}</code>
            </>
          )}
          {c.op === 'add' && (
            <>
              : <code className="new">{showValue(c.to)}</code>
            </>
          )}
          {c.op === 'remove' && (
            <>
              : <code className="old">{showValue(c.from)}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Asks on demand (it reads the cluster) whether the live objects still match the release. */
function DriftCheck({ release }: { release: Release }) {
  const [asked, setAsked] = useState(false);
  const drift = useQuery({
    queryKey: ['release', release.id, 'drift'],
    queryFn: () => call(api.GET('/api/v1/releases/{id}/drift', { params: { path: { id: release.id } } })),
    enabled: asked,
    staleTime: 0,
  });
  if (!asked) {
    return (
      <button type="button" onClick={() => setAsked(true)}>
        Compare #{release.number} with the cluster
      </button>
    );
  }
  if (drift.isPending) return <Loading what="what runs in the cluster" />;
  if (drift.error) return <ErrorNotice error={drift.error} title="Drift could not be checked" />;
  const objects = drift.data.objects as unknown as DriftObject[];
  const off = objects.filter((o) => o.state !== 'in-sync');
  return (
    <div className="drift" data-testid={`drift-${release.number}`}>
      <p className="row">
        <strong>In the cluster:</strong>
        <StatusBadge
          status={drift.data.status === 'in-sync' ? 'healthy' : 'degraded'}
          label={drift.data.status === 'in-sync' ? 'in sync' : 'drifted'}
        />
        <span className="muted small">
          {off.length === 0
            ? `all ${objects.length} objects match release #${release.number}`
            : `${off.length} of ${objects.length} objects differ from release #${release.number}`}
        </span>
        <button type="button" onClick={() => void drift.refetch()}>
          Check again
        </button>
      </p>
      <ul className="diff plain">
        {off.map((o) => (
          <li key={o.key} className={o.state === 'missing' ? 'diff-remove' : 'diff-object'}>
            <span className="diff-sign" aria-hidden="true">
              {o.state === 'missing' ? '−' : '~'}
            </span>{' '}
            {objectName(o.key)} {o.state === 'missing' ? 'is missing from the cluster' : 'was changed in the cluster'}
            <FieldChanges
              changes={o.changes}
              words={{ add: 'has an extra item', remove: 'is missing', replace: 'differs' }}
              drift
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
