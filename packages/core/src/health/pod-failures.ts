/**
 * Explains why pods are not running, in plain words with a fix a developer can act on. Each
 * problem is one entry of a table of detectors (in the spirit of Backstage's error-detection):
 * adding a case is adding a row, and the first detector that matches a container explains it,
 * so one crash is not reported three times under three names.
 */
import { type KubeObject, slipwayLabels } from '../kube/object.ts';
import { field, findCondition, type Json, list, num, str, timeOf } from './fields.ts';
import { restartPolicyOf } from './pod.ts';
import { clip, duration, plural } from './text.ts';

export type PodFailureReason =
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'InvalidImageName'
  | 'OOMKilled'
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'RunContainerError'
  | 'ContainerFailed'
  | 'Unschedulable'
  | 'Evicted'
  | 'ReadinessProbeFailing';

export interface PodFailure {
  pod: string;
  namespace?: string;
  container?: string;
  reason: PodFailureReason;
  /** What is wrong, in a sentence a developer who is not a Kubernetes expert understands. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** When the problem started, as far as the pod's status tells (RFC 3339). */
  since?: string;
}

export interface PodFailureOptions {
  /** How long a running container may stay unready before it counts as failing. Default 120 s. */
  readinessThresholdSeconds?: number;
  /** How long an OOM kill stays worth reporting once the container is ready again. Default 600 s. */
  recentSeconds?: number;
}

/** What a detector sees of a pod. */
export interface PodView {
  pod: KubeObject;
  name: string;
  now: number;
  options: Required<PodFailureOptions>;
  /** When the pod's Ready condition last turned false, if it is not ready. */
  unreadySince: string | undefined;
}

/** What a detector sees of one container: its status, and its spec for limits and probes. */
export interface ContainerView {
  name: string;
  status: Json;
  spec: Json | undefined;
  init: boolean;
}

type Finding = Pick<PodFailure, 'message' | 'fix' | 'since'>;

export interface PodDetector {
  reason: PodFailureReason;
  detect(p: PodView): Finding | undefined;
}

export interface ContainerDetector {
  reason: PodFailureReason;
  detect(c: ContainerView, p: PodView): Finding | undefined;
}

export function detectPodFailures(
  pods: readonly KubeObject[],
  now: Date,
  options: PodFailureOptions = {},
): PodFailure[] {
  const opts = { readinessThresholdSeconds: 120, recentSeconds: 600, ...options };
  // A pod being deleted (an old replica on its way out) is not a failure of the rollout.
  return pods.filter((pod) => !pod.metadata.deletionTimestamp).flatMap((pod) => detectInPod(pod, now, opts));
}

function detectInPod(pod: KubeObject, now: Date, options: Required<PodFailureOptions>): PodFailure[] {
  const ready = findCondition(pod, 'Ready');
  const view: PodView = {
    pod,
    name: pod.metadata.name,
    now: now.getTime(),
    options,
    unreadySince: ready && ready.status !== 'True' ? ready.lastTransitionTime : undefined,
  };
  const base = { pod: view.name, ...(pod.metadata.namespace ? { namespace: pod.metadata.namespace } : {}) };
  for (const d of podDetectors) {
    const found = d.detect(view);
    if (found) return [failure(base, d.reason, found)];
  }
  return containersOf(pod).flatMap((c) => {
    for (const d of containerDetectors) {
      const found = d.detect(c, view);
      if (found) return [failure({ ...base, container: c.name }, d.reason, found)];
    }
    return [];
  });
}

function failure(base: Pick<PodFailure, 'pod' | 'namespace' | 'container'>, reason: PodFailureReason, f: Finding) {
  const result: PodFailure = { ...base, reason, message: f.message, fix: f.fix };
  if (f.since) result.since = f.since;
  return result;
}

function containersOf(pod: KubeObject): ContainerView[] {
  const view = (init: boolean) => (status: Json) => {
    const specs = list(field(pod.spec, init ? 'initContainers' : 'containers'));
    const name = str(status.name) ?? '?';
    return { name, status, spec: specs.find((s) => s.name === name), init };
  };
  return [
    ...list(pod.status?.initContainerStatuses).map(view(true)),
    ...list(pod.status?.containerStatuses).map(view(false)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Wording shared by detectors

/** Where to read a container's logs: Slipway's CLI when the pod belongs to a service. */
export function logsCommand(p: PodView, c: ContainerView, previous: boolean): string {
  const service = p.pod.metadata.labels?.[slipwayLabels.service];
  const environment = p.pod.metadata.labels?.[slipwayLabels.environment];
  const prev = previous ? ' --previous' : '';
  const container = c.name === service ? '' : ` --container ${c.name}`;
  if (service && environment && !c.init) return `slipway logs ${service} --env ${environment}${container}${prev}`;
  const ns = p.pod.metadata.namespace ? ` -n ${p.pod.metadata.namespace}` : '';
  return `kubectl logs${ns} ${p.name} -c ${c.name}${prev}`;
}

/** Exit codes that say something by themselves (128 + signal for the signals). */
const exitCodeMeaning: Readonly<Record<number, string>> = {
  126: 'its command is not executable',
  127: 'its command was not found in the image',
  137: 'it was killed (SIGKILL)',
  139: 'it crashed with a segmentation fault',
  143: 'it was stopped (SIGTERM), often by a failing liveness probe',
};

function exitPhrase(terminated: unknown): string {
  if (terminated === undefined) return 'it keeps failing to start';
  const code = num(field(terminated, 'exitCode'));
  const meaning = exitCodeMeaning[code];
  const said = str(field(terminated, 'message'));
  return `it exited with code ${code}${meaning ? ` (${meaning})` : ''}${said ? `, saying "${clip(said, 200)}"` : ''}`;
}

/** " and has restarted N times", or nothing for a container that never restarts (a Job's). */
const restarts = (c: ContainerView): string => {
  const n = num(c.status.restartCount);
  return n > 0 ? ` and has restarted ${plural(n, 'time')}` : '';
};
const waiting = (c: ContainerView, key: 'reason' | 'message') => str(field(c.status, 'state', 'waiting', key));
const imageOf = (c: ContainerView): string => str(c.spec?.image) ?? str(c.status.image) ?? '?';
const secondsSince = (p: PodView, time: string | undefined) => (p.now - (timeOf(time) ?? p.now)) / 1000;

// ---------------------------------------------------------------------------------------------
// Pod-level detectors: the pod never got containers running, or lost them.

/** Fixes for the scheduler's usual complaints; `found` holds every capture of the pattern. */
const schedulingHints: ReadonlyArray<{ pattern: RegExp; hint: (found: string[]) => string }> = [
  {
    // Extended resources have dots and slashes (nvidia.com/gpu); the sentence's period does not count.
    pattern: /Insufficient ([\w./-]*\w)/g,
    hint: (found) => {
      const what = found.join(' and ');
      return `No node has enough free ${what} for the pod's requests: lower the service's ${what} request, or add capacity to the cluster.`;
    },
  },
  {
    pattern: /(node affinity|node selector|didn't match Pod's node)/gi,
    hint: () => "No node has the labels the pod's nodeSelector or affinity requires: fix those rules or label a node.",
  },
  {
    pattern: /(taint)/gi,
    hint: () => 'The nodes carry a taint the pod does not tolerate: add a toleration or run on untainted nodes.',
  },
  {
    pattern: /(PersistentVolumeClaim|volume node affinity)/gi,
    hint: () =>
      "The pod's volume cannot be provided: check its PersistentVolumeClaim exists and can bind (storage class, zone).",
  },
  {
    pattern: /(pod anti-affinity|pod affinity)/gi,
    hint: () => 'Pod affinity rules leave no node: relax them or add nodes.',
  },
  {
    pattern: /(Too many pods)/gi,
    hint: () => 'The nodes hold as many pods as they can: add nodes or remove unused pods.',
  },
  {
    pattern: /(free ports)/gi,
    hint: () => 'Another pod already uses the node port (hostPort) it asks for: drop hostPort or add nodes.',
  },
];

function schedulingFix(message: string): string {
  const hints = schedulingHints.flatMap(({ pattern, hint }) => {
    const found = [...new Set([...message.matchAll(pattern)].map((m) => m[1] ?? ''))];
    return found.length ? [hint(found)] : [];
  });
  return hints.length
    ? hints.join(' ')
    : "Relax the pod's scheduling constraints (requests, node selector, tolerations) or add capacity.";
}

export const podDetectors: readonly PodDetector[] = [
  {
    reason: 'Evicted',
    detect: (p) => {
      if (str(p.pod.status?.phase) !== 'Failed' || str(p.pod.status?.reason) !== 'Evicted') return undefined;
      const why = str(p.pod.status?.message) ?? 'its node ran short of resources';
      return {
        message: `The pod '${p.name}' was evicted from its node: ${clip(why)}`,
        fix: 'Give its containers memory and ephemeral-storage requests that cover what they really use, so nodes are not overcommitted; the workload has already replaced the pod.',
        since: findCondition(p.pod, 'DisruptionTarget')?.lastTransitionTime ?? p.unreadySince,
      };
    },
  },
  {
    reason: 'Unschedulable',
    detect: (p) => {
      const scheduled = findCondition(p.pod, 'PodScheduled');
      if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
      const said = scheduled.message ?? 'no node fits it';
      return {
        message: `The pod '${p.name}' cannot be scheduled on any node: ${said}`,
        fix: schedulingFix(said),
        since: scheduled.lastTransitionTime,
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Container-level detectors, most specific first.

/** Why an image pull failed, read from the kubelet's message, with what to do about it. */
const imagePullCauses: ReadonlyArray<{ pattern: RegExp; cause: string; fix: string }> = [
  {
    pattern: /not found|manifest unknown|does not exist/i,
    cause: 'the image or its tag does not exist',
    fix: 'Check the image name and tag, and that the build pushed it to the registry.',
  },
  {
    pattern: /unauthorized|authentication required|denied|forbidden|\b40[13]\b/i,
    cause: 'the registry refused access',
    fix: 'Give the cluster credentials for the registry (an imagePullSecret on the service account), or make the image public.',
  },
  {
    pattern: /no such host|i\/o timeout|connection refused|dial tcp|TLS handshake/i,
    cause: 'the registry cannot be reached from the cluster',
    fix: "Check the registry's address and that the nodes can reach it (DNS, firewall, proxy).",
  },
];

function imagePullFinding(c: ContainerView, p: PodView): Finding {
  const said = waiting(c, 'message') ?? '';
  const known = imagePullCauses.find((k) => k.pattern.test(said));
  const cause = known?.cause ?? (said && !said.startsWith('Back-off') ? clip(said, 200) : undefined);
  return {
    message: `The image '${imageOf(c)}' of container '${c.name}' cannot be pulled${cause ? `: ${cause}` : ''}.`,
    fix:
      known?.fix ??
      'Check the image name and tag exist in the registry and that the cluster may pull from it (imagePullSecrets).',
    since: p.unreadySince,
  };
}

/** Detectors keyed by the kubelet's waiting reason. */
const waitingFindings: Readonly<Partial<Record<PodFailureReason, (c: ContainerView, p: PodView) => Finding>>> = {
  InvalidImageName: (c, p) => ({
    message: `The image reference '${imageOf(c)}' of container '${c.name}' is not valid: ${clip(waiting(c, 'message') ?? '', 200)}`,
    fix: 'Fix the image in the workload: a lowercase repository, then an optional :tag or @sha256:digest.',
    since: p.unreadySince,
  }),
  ErrImagePull: imagePullFinding,
  ImagePullBackOff: imagePullFinding,
  CreateContainerConfigError: (c, p) => ({
    message: `The container '${c.name}' cannot start because its configuration refers to something missing: ${clip(waiting(c, 'message') ?? '', 200)}`,
    fix: "Create the missing Secret or ConfigMap (or key), or fix the reference in the service's variables or files; the pod starts by itself once it exists.",
    since: p.unreadySince,
  }),
  CreateContainerError: (c, p) => ({
    message: `The container '${c.name}' could not be created: ${clip(waiting(c, 'message') ?? '', 200)}`,
    fix: "Check the container's command, working directory and volume mounts against what the image contains.",
    since: p.unreadySince,
  }),
  RunContainerError: (c, p) => ({
    message: `The container '${c.name}' could not be started: ${clip(waiting(c, 'message') ?? '', 200)}`,
    fix: "Check the container's command and entrypoint exist in the image and are executable.",
    since: p.unreadySince,
  }),
  CrashLoopBackOff: (c, p) => {
    const last = field(c.status, 'lastState', 'terminated');
    const code = num(field(last, 'exitCode'));
    const commandHint = code === 126 || code === 127 ? " Check the container's command and entrypoint." : '';
    return {
      message: `The container '${c.name}' keeps crashing: ${exitPhrase(last)}${restarts(c)}.`,
      fix: `Read the logs of the crashed run (${logsCommand(p, c, true)}) to see why it exits.${commandHint}`,
      since: p.unreadySince ?? str(field(last, 'finishedAt')),
    };
  },
};

const oomKilled: ContainerDetector = {
  reason: 'OOMKilled',
  detect: (c, p) => {
    const killed = [field(c.status, 'state', 'terminated'), field(c.status, 'lastState', 'terminated')].find(
      (t) => str(field(t, 'reason')) === 'OOMKilled',
    );
    if (killed === undefined) return undefined;
    const finishedAt = str(field(killed, 'finishedAt'));
    // Once the container is ready again an old kill is history, unless it is recent.
    if (c.status.ready === true && secondsSince(p, finishedAt) > p.options.recentSeconds) return undefined;
    const limit = str(field(c.spec, 'resources', 'limits', 'memory'));
    const over = limit ? `using more than its ${limit} memory limit` : 'using more memory than its node could spare';
    return {
      message: `The container '${c.name}' ran out of memory: it was killed (exit code ${num(field(killed, 'exitCode'), 137)}) for ${over}${restarts(c) && `,${restarts(c)}`}.`,
      fix: limit
        ? `Raise its memory limit (resources.limits.memory, now ${limit}) or reduce what the app holds in memory; the logs of the killed run (${logsCommand(p, c, true)}) may show what it was doing.`
        : 'Give it a memory request and limit that match what the app really uses, so it lands on a node with room.',
      since: p.unreadySince ?? finishedAt,
    };
  },
};

const containerFailed: ContainerDetector = {
  reason: 'ContainerFailed',
  detect: (c, p) => {
    const t = field(c.status, 'state', 'terminated');
    // With restartPolicy Always the kubelet restarts it; CrashLoopBackOff reports that case.
    if (t === undefined || num(field(t, 'exitCode')) === 0 || restartPolicyOf(p.pod) === 'Always') return undefined;
    return {
      message: `The container '${c.name}' failed: ${exitPhrase(t)}.`,
      fix: `Read its logs (${logsCommand(p, c, false)}) to see why it failed.`,
      since: str(field(t, 'finishedAt')),
    };
  },
};

function describeProbe(probe: unknown): string {
  const port = (x: unknown) => String(field(x, 'port') ?? '?');
  if (field(probe, 'httpGet'))
    return `HTTP GET ${str(field(probe, 'httpGet', 'path')) ?? '/'} on port ${port(field(probe, 'httpGet'))}`;
  if (field(probe, 'tcpSocket')) return `TCP connection to port ${port(field(probe, 'tcpSocket'))}`;
  if (field(probe, 'grpc')) return `gRPC health check on port ${port(field(probe, 'grpc'))}`;
  const command = field(probe, 'exec', 'command');
  if (Array.isArray(command)) return `command '${clip(command.join(' '), 80)}'`;
  return '';
}

const readinessFailing: ContainerDetector = {
  reason: 'ReadinessProbeFailing',
  detect: (c, p) => {
    if (c.init || c.status.ready !== false || field(c.status, 'state', 'running') === undefined) return undefined;
    const startedAt = str(field(c.status, 'state', 'running', 'startedAt'));
    // Unready since the later of: the pod turning unready, this container (re)starting.
    const since = [p.unreadySince, startedAt].filter(Boolean).sort().at(-1);
    const unreadyFor = secondsSince(p, since);
    if (since === undefined || unreadyFor <= p.options.readinessThresholdSeconds) return undefined;
    // A startup probe gates the readiness probe: name whichever one is holding the container.
    const probeKind = c.status.started === false && c.spec?.startupProbe ? 'startup' : 'readiness';
    const probe = describeProbe(c.spec?.[`${probeKind}Probe`]);
    return {
      message: `The container '${c.name}' is running but has not been ready for ${duration(unreadyFor)}${probe ? `: its ${probeKind} probe (${probe}) keeps failing` : ''}.`,
      fix: `Make sure the app answers ${probe ? `the ${probeKind} probe (${probe})` : 'its probes'} once started: check the port and path match what it listens on, or give it more time (initialDelaySeconds, failureThreshold). Its logs may say why (${logsCommand(p, c, false)}).`,
      since,
    };
  },
};

export const containerDetectors: readonly ContainerDetector[] = [
  oomKilled,
  ...Object.entries(waitingFindings).map(
    ([reason, find]): ContainerDetector => ({
      reason: reason as PodFailureReason,
      detect: (c, p) => (waiting(c, 'reason') === reason ? find(c, p) : undefined),
    }),
  ),
  containerFailed,
  readinessFailing,
];
