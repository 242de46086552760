/**
 * Renders the charts of `helm` provisioners with the real Helm binary: `helm template`, values
 * on stdin, no shell, a timeout. Core decided the release name, namespace and values; this file
 * only runs Helm and turns its output (or its complaint) into Slipway's terms.
 */
import { type ExecFileException, execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import {
  finalizeManifest,
  type HelmRenderRequest,
  jsonPointer,
  type KubeObject,
  type ResolvedResource,
  type ResolveResourcesResult,
  SlipwayError,
  yamlValue,
} from '@slipway/core';
import { parseAllDocuments } from 'yaml';

type Env = Record<string, string | undefined>;

export interface HelmOptions {
  /** The Helm binary; else `SLIPWAY_HELM`, else the newest one testbed/build.sh built. */
  helmBinary?: string;
  /** Where relative chart paths start (default: the working directory). */
  chartRoot?: string;
  /** Milliseconds Helm may take (default 60 s). */
  timeoutMs?: number;
  /** Read for SLIPWAY_HELM, SLIPWAY_CACHE and HOME (default: process.env). */
  env?: Env;
}

const defaultTimeoutMs = 60_000;
const maxOutputBytes = 64 * 1024 * 1024;
const releaseName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const namespaceName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Finds the Helm binary: the argument, `SLIPWAY_HELM`, or the newest `helm-v*` in the cache. */
export function findHelmBinary(options: Pick<HelmOptions, 'helmBinary' | 'env'> = {}): string {
  const env = options.env ?? process.env;
  const explicit = options.helmBinary ?? env.SLIPWAY_HELM;
  if (explicit) return explicit;
  const bin = join(env.SLIPWAY_CACHE ?? join(env.HOME ?? homedir(), '.cache', 'slipway'), 'bin');
  const newest = listHelmDirs(bin)
    .sort(compareVersions)
    .reverse()
    .map((dir) => join(bin, dir, 'helm'))
    .find(isExecutable);
  if (newest) return newest;
  throw new SlipwayError('unavailable', `Helm was not found in ${bin}`, {
    hint: 'build it with `testbed/build.sh helm`, or point SLIPWAY_HELM at a Helm v4 binary',
  });
}

function listHelmDirs(bin: string): string[] {
  try {
    return readdirSync(bin).filter((d) => /^helm-v\d+(\.\d+)*$/.test(d));
  } catch {
    return [];
  }
}

function compareVersions(a: string, b: string): number {
  const parts = (s: string) =>
    s
      .replace(/^helm-v/, '')
      .split('.')
      .map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `helm template` for one request and returns the chart's objects, ready to apply. */
export async function helmTemplate(request: HelmRenderRequest, options: HelmOptions = {}): Promise<KubeObject[]> {
  const args = helmArgs(request, options.chartRoot);
  const binary = findHelmBinary(options);
  const stdout = await runHelm(binary, args, JSON.stringify(request.values), request, options);
  return parseHelmOutput(stdout, request);
}

/**
 * Flags first, then `--`, then the release and the chart: nothing a request holds can be read
 * by Helm as a flag (a chart path of `--post-renderer=…` stays a path).
 */
export function helmArgs(request: HelmRenderRequest, chartRoot = process.cwd()): string[] {
  if (!releaseName.test(request.releaseName) || request.releaseName.length > 53) {
    throw renderError(request, `"${request.releaseName}" is not a valid Helm release name`);
  }
  if (!namespaceName.test(request.namespace)) {
    throw renderError(request, `"${request.namespace}" is not a valid namespace`);
  }
  const flags = ['template', '--namespace', request.namespace, '--values', '-'];
  const chart = request.chart;
  if ('path' in chart) {
    const path = isAbsolute(chart.path) ? chart.path : resolve(chartRoot, chart.path);
    return [...flags, '--', request.releaseName, path];
  }
  if (!/^(https?|oci):\/\//.test(chart.repo)) {
    throw renderError(request, `the chart repository "${chart.repo}" is not an http(s) or oci URL`);
  }
  return [...flags, '--repo', chart.repo, '--version', chart.version, '--', request.releaseName, chart.name];
}

function runHelm(
  binary: string,
  args: string[],
  values: string,
  request: HelmRenderRequest,
  options: HelmOptions,
): Promise<string> {
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      binary,
      args,
      { timeout, maxBuffer: maxOutputBytes, env: helmEnv(options.env ?? process.env), windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        reject(helmFailure(error, String(stderr), binary, timeout, request));
      },
    );
    // Helm may fail before reading its values; a closed pipe is then not the error to report.
    child.stdin?.on('error', () => {});
    child.stdin?.end(values);
  });
}

/** Only what Helm needs to find its own directories: no kubeconfig, no cloud credentials. */
function helmEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = { HOME: env.HOME ?? homedir(), PATH: env.PATH ?? '/usr/bin:/bin' };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && /^HELM_(CACHE|CONFIG|DATA)_HOME$/.test(key)) out[key] = value;
  }
  return out;
}

function helmFailure(
  error: ExecFileException,
  stderr: string,
  binary: string,
  timeout: number,
  request: HelmRenderRequest,
): SlipwayError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    return new SlipwayError('unavailable', `Helm could not be run from ${binary}`, {
      hint: 'build it with `testbed/build.sh helm`, or point SLIPWAY_HELM at a Helm v4 binary',
      cause: error,
    });
  }
  if (error.killed && error.signal) {
    return new SlipwayError(
      'timeout',
      `Helm did not render the chart of resource "${request.resource}" within ${timeout} ms`,
      {
        cause: error,
      },
    );
  }
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return renderError(request, `the chart rendered more than ${maxOutputBytes} bytes`);
  }
  return renderError(request, helmMessage(stderr) || error.message);
}

/** Helm's own words: its `Error:` line(s), without the advice about --debug. */
export function helmMessage(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const errors = lines.filter((l) => l.startsWith('Error: ')).map((l) => l.slice('Error: '.length));
  const useful = errors.length ? errors : lines.filter((l) => l && !l.startsWith('Use --debug'));
  return useful.join('; ');
}

function renderError(request: HelmRenderRequest, message: string): SlipwayError {
  return new SlipwayError(
    'invalid_input',
    `Helm could not render the chart of resource "${request.resource}" (provisioner "${request.provisioner}"): ${message}`,
    {
      fields: [{ path: jsonPointer(['resources', request.resource]), message }],
      hint: `check the values and chart of the provisioner "${request.provisioner}"`,
    },
  );
}

/**
 * Splits Helm's multi-document output into objects: empty documents (templates whose
 * conditions were false) are skipped, `List`s are unpacked, and each object is completed like
 * a template provisioner's manifests (namespace, labels).
 */
export function parseHelmOutput(text: string, request: HelmRenderRequest): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const [syntax] = doc.errors;
    if (syntax) throw renderError(request, `the chart rendered YAML that does not parse: ${syntax.message}`);
    const read = yamlValue(doc);
    if ('refused' in read) throw renderError(request, `the chart rendered YAML that ${read.refused}`);
    const value = read.value;
    if (value === null || value === undefined) continue;
    const items = isList(value) ? value.items : [value];
    for (const item of items) objects.push(complete(item, request));
  }
  return objects;
}

function isList(value: unknown): value is { items: unknown[] } {
  const v = value as { kind?: unknown; items?: unknown };
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function complete(item: unknown, request: HelmRenderRequest): KubeObject {
  const result = finalizeManifest(item, { namespace: request.namespace, resource: request.resourceSlug });
  if (typeof result === 'string') throw renderError(request, `an object the chart rendered ${result}`);
  return result;
}

/**
 * Renders every chart of a resolution and puts each chart's objects on the resource that asked
 * for it. Charts render one after the other: Helm is CPU-bound, and deploys are not hurried.
 */
export async function renderHelmReleases(
  result: ResolveResourcesResult,
  options: HelmOptions = {},
): Promise<Record<string, ResolvedResource>> {
  const resolved = { ...result.resolved };
  for (const request of result.helmReleases) {
    const manifests = await helmTemplate(request, options);
    const resource = resolved[request.resource];
    if (resource) resolved[request.resource] = { ...resource, manifests: [...resource.manifests, ...manifests] };
  }
  return resolved;
}
