/**
 * Renders score-k8s `template://` provisioners with the reference engine: Go's text/template and
 * sprig, in our small Go program `gotemplate` (testbed/modules/gotemplate, built and cached by
 * testbed/build.sh like Helm). One process per resolve, whatever the number of resources: the
 * requests go in on stdin as JSON, outputs, state and manifests come back as JSON. No shell, a
 * timeout, an empty environment. Core built the requests; this file runs the program and turns
 * its results (or its complaint) into Slipway's terms.
 */
import { type ExecFileException, execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  finalizeManifest,
  jsonPointer,
  type KubeObject,
  type ResolvedResource,
  type ResolveResourcesResult,
  resolveSecretRefs,
  type ScoreK8sRenderRequest,
  SlipwayError,
  scoreK8sOrigin,
} from '@slipway/core';

type Env = Record<string, string | undefined>;

export interface GoTemplateOptions {
  /** The program; else `SLIPWAY_GOTEMPLATE`, else the newest `gotemplate-*` testbed/build.sh built. */
  binary?: string;
  /** Milliseconds one resolve may take (default 30 s). */
  timeoutMs?: number;
  /** Read for SLIPWAY_GOTEMPLATE, SLIPWAY_CACHE and HOME (default: process.env). */
  env?: Env;
}

/** What one resource's templates produced. */
export interface ScoreK8sResult {
  state: Record<string, unknown>;
  shared: Record<string, unknown>;
  outputs: Record<string, unknown>;
  manifests: Record<string, unknown>[];
}

const defaultTimeoutMs = 30_000;
const maxOutputBytes = 64 * 1024 * 1024;
const hint = 'build it with `testbed/build.sh gotemplate`, or point SLIPWAY_GOTEMPLATE at the built program';

/** Finds the program: the option, `SLIPWAY_GOTEMPLATE`, or the most recently built one in the cache. */
export function findGoTemplateBinary(options: Pick<GoTemplateOptions, 'binary' | 'env'> = {}): string {
  const env = options.env ?? process.env;
  const explicit = options.binary ?? env.SLIPWAY_GOTEMPLATE;
  if (explicit) return explicit;
  const bin = join(env.SLIPWAY_CACHE ?? join(env.HOME ?? homedir(), '.cache', 'slipway'), 'bin');
  // The cache folder is named after sprig's version and a hash of our sources, so the newest
  // build (by time) is the one made from the current sources.
  const newest = cacheDirs(bin)
    .map((dir) => join(bin, dir, 'gotemplate'))
    .filter(isExecutable)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (newest) return newest;
  throw new SlipwayError('unavailable', `The gotemplate program was not found in ${bin}`, { hint });
}

function cacheDirs(bin: string): string[] {
  try {
    return readdirSync(bin).filter((d) => /^gotemplate-v[0-9][\w.-]*$/.test(d) && !d.includes('.tmp.'));
  } catch {
    return [];
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs every request of one resolve in order, in one process, threading the shared state from
 * each resource to the next (and in from `shared`). Returns each resource's results and the
 * shared state at the end.
 */
export async function runGoTemplate(
  requests: readonly ScoreK8sRenderRequest[],
  shared: Record<string, unknown> = {},
  options: GoTemplateOptions = {},
): Promise<{ results: ScoreK8sResult[]; shared: Record<string, unknown> }> {
  const binary = findGoTemplateBinary(options);
  const input = JSON.stringify({
    requests: requests.map((r) => ({ templates: r.templates, data: r.data, randomSeed: r.randomSeed })),
    shared,
  });
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    const child = execFile(
      binary,
      [],
      { timeout, maxBuffer: maxOutputBytes, env: {}, windowsHide: true },
      (error, out, stderr) => {
        if (!error) return resolvePromise(out);
        reject(failure(error, String(out), String(stderr), binary, timeout, requests));
      },
    );
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
  const parsed = JSON.parse(stdout) as { results: ScoreK8sResult[]; shared: Record<string, unknown> };
  return parsed;
}

function failure(
  error: ExecFileException,
  stdout: string,
  stderr: string,
  binary: string,
  timeout: number,
  requests: readonly ScoreK8sRenderRequest[],
): SlipwayError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    return new SlipwayError('unavailable', `The gotemplate program could not be run from ${binary}`, {
      hint,
      cause: error,
    });
  }
  if (error.killed && error.signal) {
    return new SlipwayError('timeout', `score-k8s provisioners did not render within ${timeout} ms`, { cause: error });
  }
  const reported = readFailure(stdout);
  const request = reported ? requests[reported.index] : undefined;
  if (reported && request) return renderError(request, reported.field, reported.message);
  return new SlipwayError('internal', `gotemplate failed: ${stderr.trim() || reported?.message || error.message}`, {
    cause: error,
  });
}

function readFailure(stdout: string): { index: number; field: string; message: string } | undefined {
  try {
    return (JSON.parse(stdout) as { error?: { index: number; field: string; message: string } }).error;
  } catch {
    return undefined;
  }
}

/** Names the provisioner, its file and entry, and the template (`init`, `outputs`, ...) that failed. */
function renderError(request: ScoreK8sRenderRequest, field: string, message: string): SlipwayError {
  const where = `${scoreK8sOrigin(request.origin)}${field ? `, its ${field} template,` : ''}`;
  const detail = `the score-k8s provisioner ${request.provisioner}${where} failed: ${message}`;
  return new SlipwayError('invalid_input', `Resource "${request.resource}" could not be provisioned: ${detail}`, {
    fields: [{ path: jsonPointer(['resources', request.resource]), message: detail }],
    hint: `check the resource's params, or the ${field ? `${field} template` : 'templates'} of that provisioner`,
  });
}

/**
 * Renders the score-k8s resources of a resolution and fills in their outputs and manifests. A
 * shared resource asked for under two names gets its outputs under both (its manifests under
 * the first). Returns the resources and the shared state to hand to the next resolve.
 */
export async function renderScoreK8s(
  result: ResolveResourcesResult,
  shared: Record<string, unknown> = {},
  options: GoTemplateOptions = {},
): Promise<{ resolved: Record<string, ResolvedResource>; shared: Record<string, unknown> }> {
  const resolved = { ...result.resolved };
  if (!result.scoreK8sRenders.length) return { resolved, shared };
  const run = await runGoTemplate(result.scoreK8sRenders, shared, options);
  result.scoreK8sRenders.forEach((request, i) => {
    const produced = run.results[i] as ScoreK8sResult;
    const secrets = resolveSecretRefs(produced.outputs, produced.manifests);
    const [problem] = secrets.problems;
    if (problem) throw renderError(request, 'outputs', `the output ${problem.path} ${problem.message}`);
    const manifests = produced.manifests.map((m) => complete(m, request));
    for (const [name, resource] of Object.entries(resolved)) {
      const same = name === request.resource || (resource.shared && resource.id === request.resourceId);
      if (!same || resource.provisioner !== request.provisioner) continue;
      resolved[name] = {
        ...resource,
        outputs: structuredClone(secrets.outputs),
        secretOutputs: secrets.secretKeys,
        manifests: name === request.resource ? manifests : resource.manifests,
      };
    }
  });
  return { resolved, shared: run.shared };
}

function complete(item: unknown, request: ScoreK8sRenderRequest): KubeObject {
  const result = finalizeManifest(item, { namespace: request.namespace, resource: request.resourceSlug });
  if (typeof result === 'string') throw renderError(request, 'manifests', `a rendered manifest ${result}`);
  return result;
}
