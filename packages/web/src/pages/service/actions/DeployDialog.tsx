/**
 * Deploys the service to an environment. By default with a new image for the release running
 * there (POST /releases/{id}/redeploy: its Score workload and files again, no file to paste);
 * else from a pasted Score workload (POST /deploys), optionally with a new image for its
 * containers whose image is '.'. The dialog says, as the fields change, which release it
 * replaces there and whether the new one will wait for approval.
 */
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { typeOf, useServiceContext } from '../context';
import { shortImage } from '../model';
import { useRefreshService } from '../queries';
import { otherProblems } from './other-problems';

const scoreHelp = `apiVersion: score.dev/v1b1
metadata:
  name: SERVICE
containers:
  main:
    image: .
service:
  ports:
    http:
      port: 8080`;

export function DeployDialog({
  initial,
  onCancel,
  onDone,
}: {
  initial: string | undefined;
  onCancel: () => void;
  onDone: (outcome: string, environment?: string) => void;
}) {
  const ctx = useServiceContext();
  const refresh = useRefreshService(ctx.service);
  const choices = ctx.environments.filter((e) => e.status !== 'deleted' && e.status !== 'deleting');
  const currentIn = (name: string) => ctx.summaries.find((s) => s.environment === name)?.current ?? null;
  const [environment, setEnvironment] = useState(initial ?? choices[0]?.name ?? '');
  const [source, setSource] = useState<'release' | 'score'>(currentIn(environment) ? 'release' : 'score');
  const [image, setImage] = useState(currentIn(environment)?.image ?? '');
  const [workload, setWorkload] = useState('');
  const [commit, setCommit] = useState('');
  const [reason, setReason] = useState('');
  const [autoRollback, setAutoRollback] = useState(true);
  const current = currentIn(environment);
  const fromRelease = source === 'release' && current !== null;
  const { requiresApproval, env } = typeOf(ctx, environment);

  const chooseEnvironment = (name: string) => {
    setEnvironment(name);
    const there = currentIn(name);
    if (source === 'release') setImage(there?.image ?? '');
    if (!there) setSource('score');
  };
  const chooseSource = (next: 'release' | 'score') => {
    setSource(next);
    setImage(next === 'release' ? (current?.image ?? '') : '');
  };

  const optional = {
    ...(image.trim() ? { image: image.trim() } : {}),
    ...(commit.trim() ? { commit: commit.trim() } : {}),
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  };
  const deploy = useMutation({
    mutationFn: () =>
      fromRelease
        ? call(api.POST('/api/v1/releases/{id}/redeploy', { params: { path: { id: current.id } }, body: optional }))
        : call(
            api.POST('/api/v1/deploys', {
              body: { environment, service: ctx.service, workload, ...optional, autoRollback },
            }),
          ),
    onSuccess: ({ release, warnings }) => {
      refresh();
      const waits = release.status === 'pending_approval' ? ': it waits for approval by someone else' : '';
      onDone(
        `Deployed ${shortImage(release.image)} to ${release.environment} as release #${release.number}${waits}.${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
        release.environment,
      );
    },
  });

  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setWorkload(await file.text());
  };
  const error = deploy.error;
  const workloadProblem =
    fieldProblem(error, '/workload') ??
    otherProblems(error, ['/environment', '/image', '/commit', '/reason', '/service', '/autoRollback']);

  return (
    <ConfirmDialog
      open
      title={`Deploy ${ctx.service}`}
      confirmLabel={environment ? `Deploy to ${environment}` : 'Deploy'}
      busy={deploy.isPending}
      onConfirm={() => deploy.mutate()}
      onCancel={onCancel}
    >
      <Field id="deploy-env" label="Environment" problem={fieldProblem(error, '/environment')}>
        {(w) => (
          <select {...w} value={environment} onChange={(e) => chooseEnvironment(e.target.value)}>
            {choices.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name} ({e.type})
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="deploy-source">
        <legend>What to deploy</legend>
        <div className="row checkbox-row">
          <input
            id="deploy-source-release"
            type="radio"
            name="deploy-source"
            checked={fromRelease}
            disabled={!current}
            onChange={() => chooseSource('release')}
          />
          <label htmlFor="deploy-source-release">
            New image for the current release
            {current ? ` (#${current.number})` : ` (none in ${environment || 'this environment'} yet)`}
          </label>
        </div>
        <div className="row checkbox-row">
          <input
            id="deploy-source-score"
            type="radio"
            name="deploy-source"
            checked={!fromRelease}
            onChange={() => chooseSource('score')}
          />
          <label htmlFor="deploy-source-score">Paste a Score workload</label>
        </div>
      </fieldset>
      <Field
        id="deploy-image"
        label="Image"
        help={
          fromRelease
            ? "The image the current release's workload is deployed with; its Score file and files stay as they were."
            : "Replaces the image of the containers whose image is '.' (or of the only container). Leave empty to use the file's."
        }
        problem={fieldProblem(error, '/image')}
      >
        {(w) => (
          <input
            {...w}
            value={image}
            placeholder={current?.image ?? 'registry.example.com/team/app:1.2.3'}
            onChange={(e) => setImage(e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      {!fromRelease && (
        <Field
          id="deploy-workload"
          label="Score workload (score.yaml)"
          help="Paste the service's score.yaml, or load the file. It is validated before anything is applied."
          problem={workloadProblem}
        >
          {(w) => (
            <>
              <textarea
                {...w}
                value={workload}
                rows={8}
                className="mono"
                spellCheck={false}
                placeholder={scoreHelp.replace('SERVICE', ctx.service)}
                onChange={(e) => setWorkload(e.target.value)}
              />
              <label className="file-label" htmlFor="deploy-file">
                Load a file
              </label>
              <input id="deploy-file" type="file" accept=".yaml,.yml,.json" onChange={(e) => void loadFile(e)} />
            </>
          )}
        </Field>
      )}
      <div className="two-fields">
        <Field id="deploy-commit" label="Commit (optional)" problem={fieldProblem(error, '/commit')}>
          {(w) => <input {...w} value={commit} onChange={(e) => setCommit(e.target.value)} spellCheck={false} />}
        </Field>
        <Field id="deploy-reason" label="Reason (optional)" problem={fieldProblem(error, '/reason')}>
          {(w) => <input {...w} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
      {fromRelease ? (
        <p className="field-help">If the new release fails, it rolls back to the last healthy one.</p>
      ) : (
        <div className="row checkbox-row">
          <input
            id="deploy-autorollback"
            type="checkbox"
            checked={autoRollback}
            onChange={(e) => setAutoRollback(e.target.checked)}
          />
          <label htmlFor="deploy-autorollback">Roll back to the last healthy release if this one fails</label>
        </div>
      )}
      <div className="what-changes" data-testid="what-changes">
        <strong>What will change</strong>
        {fromRelease ? (
          <p>
            A new release of <strong>{ctx.service}</strong> in <strong>{environment}</strong> with the Score workload of
            release #{current.number}:{' '}
            {image.trim() && image.trim() !== current.image ? (
              <>
                image <code>{shortImage(current.image)}</code> → <code>{image.trim()}</code>
              </>
            ) : (
              <>
                same image <code>{shortImage(current.image)}</code>
              </>
            )}
            ; it replaces release #{current.number} ({current.status.replace(/_/g, ' ')}).
          </p>
        ) : (
          <p>
            A new release of <strong>{ctx.service}</strong> in <strong>{environment || '…'}</strong>
            {image.trim() ? (
              <>
                {' '}
                with image <code>{image.trim()}</code>
              </>
            ) : (
              ' with the image the file names'
            )}
            {current ? (
              <>
                {' '}
                replaces release #{current.number} (<code>{shortImage(current.image)}</code>,{' '}
                {current.status.replace(/_/g, ' ')}).
              </>
            ) : (
              <>: the first release of {ctx.service} there.</>
            )}
          </p>
        )}
        {requiresApproval ? (
          <p>
            <strong>Needs approval:</strong> {environment} is a {env?.type} environment; the release waits until someone
            other than you approves it.
          </p>
        ) : (
          <p>No approval needed: it rolls out at once.</p>
        )}
        {env?.status === 'paused' && (
          <p>{environment} is paused: the release is applied but runs no pods until it resumes.</p>
        )}
      </div>
      <ErrorNotice error={error} title="The deploy was refused" />
    </ConfirmDialog>
  );
}
