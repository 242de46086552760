/**
 * The environment's actions, each asking first and saying exactly what will change: clone
 * (a new environment with these services), pause or resume (its workloads), delete (its
 * namespace and everything in it; the name must be typed). One dialog is open at a time.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, fieldProblem } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { environmentKeys } from '../../queries/environments';
import type { EnvironmentView, ReleaseView } from './queries';

export type Action = 'clone' | 'pause' | 'resume' | 'delete';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function EnvironmentActionButtons({ env, onAction }: { env: EnvironmentView; onAction: (a: Action) => void }) {
  const live = env.status === 'active' || env.status === 'paused';
  return (
    <>
      <button type="button" onClick={() => onAction('clone')} disabled={!live}>
        Clone
      </button>
      {env.status === 'paused' ? (
        <button type="button" onClick={() => onAction('resume')}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => onAction('pause')} disabled={!live}>
          Pause
        </button>
      )}
      <button type="button" className="danger" onClick={() => onAction('delete')} disabled={!live}>
        Delete
      </button>
    </>
  );
}

interface DialogProps {
  env: EnvironmentView;
  services: readonly ReleaseView[];
  onClose: () => void;
  onDone: (notice: string) => void;
}

export function ActionDialog({ action, ...props }: DialogProps & { action: Action }) {
  if (action === 'clone') return <CloneDialog {...props} />;
  if (action === 'delete') return <DeleteDialog {...props} />;
  return <PauseDialog {...props} resume={action === 'resume'} />;
}

function serviceList(services: readonly ReleaseView[]): string {
  return services.map((s) => s.service).join(', ');
}

function CloneDialog({ env, services, onClose }: DialogProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(`${env.name}-copy`);
  const [images, setImages] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const changed = Object.fromEntries(Object.entries(images).filter(([, image]) => image.trim()));
      const result = await call(
        api.POST('/api/v1/environments/{name}/clone', {
          params: { path: { name: env.name } },
          body: {
            name: name.trim(),
            // Said explicitly: left out, the server gives the copy the caller's own team, not the source's.
            ...(env.owner ? { owner: env.owner } : {}),
            ...(Object.keys(changed).length ? { images: changed } : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      const warnings = result.warnings.length ? ` Warnings: ${result.warnings.join('; ')}` : '';
      navigate(`/environments/${encodeURIComponent(result.environment.name)}`, {
        state: {
          notice: `Cloned ${env.name} into ${result.environment.name}: ${plural(result.releases, 'service')} deployed.${warnings}`,
        },
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Clone ${env.name}`}
      confirmLabel="Clone"
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        Creates a new environment with the settings of {env.name} (type {env.type}, cluster {env.cluster}, its
        overrides, schedule{env.domain ? `, domain ${env.domain}` : ''} and owner) and deploys into it the current
        release of{' '}
        {services.length
          ? `each of its ${plural(services.length, 'service')}: ${serviceList(services)}`
          : 'each of its services (it has none yet)'}
        . {env.name} itself does not change.
      </p>
      <ErrorNotice error={error} title="It was not cloned" />
      <Field
        id="clone-name"
        label="Name of the new environment"
        problem={fieldProblem(error, '/name')}
        help="Lower-case letters, digits and dashes."
      >
        {(w) => (
          <input {...w} value={name} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      {services.length > 0 && (
        <details>
          <summary>Deploy other images (optional)</summary>
          {services.map((s) => {
            const id = `clone-image-${s.service}`;
            const problem = fieldProblem(error, `/images/${s.service}`);
            return (
              <Field
                key={s.service}
                id={id}
                label={`Image of ${s.service}`}
                problem={problem}
                help={`Now ${s.image ?? 'from its Score file'}; left empty, the same.`}
              >
                {(w) => (
                  <input
                    {...w}
                    value={images[s.service] ?? ''}
                    spellCheck={false}
                    onChange={(e) => setImages({ ...images, [s.service]: e.target.value })}
                  />
                )}
              </Field>
            );
          })}
        </details>
      )}
    </ConfirmDialog>
  );
}

function PauseDialog({ env, services, onClose, onDone, resume }: DialogProps & { resume: boolean }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { name: env.name } } };
      const result = await call(
        resume
          ? api.POST('/api/v1/environments/{name}/resume', path)
          : api.POST('/api/v1/environments/{name}/pause', path),
      );
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      onDone(
        resume
          ? `Resumed ${env.name}: ${plural(result.scaledDown, 'workload')} scaled back up, ${plural(result.suspended, 'CronJob')} running again.`
          : `Paused ${env.name}: ${plural(result.scaledDown, 'workload')} scaled to zero, ${plural(result.suspended, 'CronJob')} suspended.`,
      );
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const names = services.length ? ` (${serviceList(services)})` : '';
  return (
    <ConfirmDialog
      open
      title={resume ? `Resume ${env.name}` : `Pause ${env.name}`}
      confirmLabel={resume ? 'Resume' : 'Pause'}
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      {resume ? (
        <p>
          The Deployments and StatefulSets of its {plural(services.length, 'service')}
          {names} scale back to the replicas they had before the pause, and its CronJobs run on schedule again.
        </p>
      ) : (
        <>
          <p>
            The Deployments and StatefulSets of its {plural(services.length, 'service')}
            {names} scale to zero replicas and its CronJobs are suspended: its services stop answering until it is
            resumed.
          </p>
          <p>
            Nothing is deleted: releases, Secrets, volumes and settings stay, and resuming brings back the replicas it
            had.{env.schedule ? ` Its schedule resumes it at “${env.schedule.resume}” (${env.schedule.timezone}).` : ''}
          </p>
        </>
      )}
      <ErrorNotice error={error} title={resume ? 'It was not resumed' : 'It was not paused'} />
    </ConfirmDialog>
  );
}

function DeleteDialog({ env, services, onClose }: DialogProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (typed.trim() !== env.name) {
      setMismatch(true);
      document.getElementById('delete-confirm-name')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(api.DELETE('/api/v1/environments/{name}', { params: { path: { name: env.name } } }));
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      navigate('/environments', {
        state: {
          notice: `Deleting ${env.name}: its namespace ${env.namespace} and everything in it are being removed.`,
        },
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const problem = mismatch ? `Type ${env.name} exactly to confirm.` : undefined;
  return (
    <ConfirmDialog
      open
      danger
      title={`Delete ${env.name}`}
      confirmLabel="Delete for good"
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        This removes namespace <code>{env.namespace}</code> on cluster {env.cluster} and everything in it:{' '}
        {services.length
          ? `the workloads of its ${plural(services.length, 'service')} (${serviceList(services)}), their pods, Services, routes, Secrets and provisioned resources.`
          : 'its pods, Services, routes, Secrets and provisioned resources.'}
      </p>
      <p>Their releases stay as history. This cannot be undone.</p>
      <ErrorNotice error={error} title="It was not deleted" />
      <Field
        id="delete-confirm-name"
        label={`Type ${env.name} to confirm`}
        problem={problem}
        help="The environment's name, exactly."
      >
        {(w) => (
          <input
            {...w}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setTyped(e.target.value);
              setMismatch(false);
            }}
          />
        )}
      </Field>
    </ConfirmDialog>
  );
}
