/**
 * A Score workload (`score.dev/v1b1`) as its author wrote it. Files and volumes keep the form
 * the author used (the deprecated list or the map keyed by target) so that every error can
 * point at the exact place in the file; `containerFiles`/`containerVolumes` give one view of both.
 */
export const scoreApiVersion = 'score.dev/v1b1';

export interface ScoreWorkload {
  apiVersion: typeof scoreApiVersion;
  metadata: ScoreMetadata;
  containers: Record<string, ScoreContainer>;
  service?: ScoreService;
  resources?: Record<string, ScoreResource>;
}

export interface ScoreMetadata {
  /** An RFC 1123 label: the workload's name. */
  name: string;
  annotations?: Record<string, string>;
  /** Other keys are allowed and may be read by `${metadata.KEY}` placeholders. */
  [key: string]: unknown;
}

export interface ScoreContainer {
  /** Image reference; `.` means "given at deploy time". */
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  files?: ScoreFile[] | Record<string, ScoreFile>;
  volumes?: ScoreVolume[] | Record<string, ScoreVolume>;
  resources?: ScoreContainerResources;
  livenessProbe?: ScoreProbe;
  readinessProbe?: ScoreProbe;
  /** Containers this one starts before, and the state it must reach first. */
  before?: Record<string, { ready: ScoreReadyCondition }>;
}

export type ScoreReadyCondition = 'started' | 'healthy' | 'complete';

export interface ScoreFile {
  /** Only in the deprecated list form; the map form keys files by target. */
  target?: string;
  /** Octal access mode, e.g. `0600`. */
  mode?: string;
  /** Path of a file beside the Score file whose content is mounted. */
  source?: string;
  content?: string;
  /** Standard base64; never expanded. */
  binaryContent?: string;
  noExpand?: boolean;
}

export interface ScoreVolume {
  /** Only in the deprecated list form; the map form keys volumes by target. */
  target?: string;
  /** Usually `${resources.NAME}`. */
  source: string;
  path?: string;
  readOnly?: boolean;
}

export interface ScoreResourceAmounts {
  cpu?: string;
  memory?: string;
}

export interface ScoreContainerResources {
  limits?: ScoreResourceAmounts;
  requests?: ScoreResourceAmounts;
}

export interface ScoreProbe {
  httpGet?: ScoreHttpProbe;
  exec?: { command: string[] };
}

export interface ScoreHttpProbe {
  host?: string;
  scheme?: 'HTTP' | 'HTTPS';
  path: string;
  port: number;
  httpHeaders?: Array<{ name: string; value: string }>;
}

export interface ScoreService {
  ports?: Record<string, ScoreServicePort>;
}

export interface ScoreServicePort {
  port: number;
  targetPort?: number;
  protocol?: 'TCP' | 'UDP';
}

export interface ScoreResource {
  type: string;
  class?: string;
  id?: string;
  params?: Record<string, unknown>;
  metadata?: { annotations?: Record<string, string>; [key: string]: unknown };
}

/** One file of a container, whichever form it was written in. */
export interface ContainerFileEntry {
  target: string;
  file: ScoreFile;
  /** Path segments of the file's entry in the Score document. */
  at: Array<string | number>;
}

/** One volume mount of a container, whichever form it was written in. */
export interface ContainerVolumeEntry {
  target: string;
  volume: ScoreVolume;
  at: Array<string | number>;
}

/**
 * The `source` paths a workload's files name, as written. Core reads no files: a client reads
 * these beside the Score file and passes their contents to rendering as `fileSources`.
 */
export function fileSources(workload: ScoreWorkload): string[] {
  const sources = Object.entries(workload.containers).flatMap(([name, c]) =>
    containerFiles(name, c).flatMap(({ file }) => (file.source === undefined ? [] : [file.source])),
  );
  return [...new Set(sources)].sort();
}

export function containerFiles(name: string, c: ScoreContainer): ContainerFileEntry[] {
  return entriesByTarget(name, 'files', c.files);
}

export function containerVolumes(name: string, c: ScoreContainer): ContainerVolumeEntry[] {
  return entriesByTarget(name, 'volumes', c.volumes).map(({ target, file, at }) => ({ target, volume: file, at }));
}

function entriesByTarget<T extends { target?: string }>(
  container: string,
  field: string,
  value: T[] | Record<string, T> | undefined,
): Array<{ target: string; file: T; at: Array<string | number> }> {
  if (!value) return [];
  const base = ['containers', container, field];
  if (Array.isArray(value)) return value.map((v, i) => ({ target: v.target ?? '', file: v, at: [...base, i] }));
  return Object.keys(value)
    .sort()
    .map((target) => ({ target, file: value[target] as T, at: [...base, target] }));
}
