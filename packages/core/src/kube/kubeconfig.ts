import { parse, stringify } from 'yaml';
import { type FieldIssue, invalidInput } from '../errors/index.ts';

/**
 * Kubeconfigs that Slipway stores for registered clusters. A stored one must stand alone: one
 * context, its cluster and user, certificates inline — a path to a file on the machine that
 * registered it means nothing to the server, and a credential plugin would run a program.
 */
interface NamedEntry {
  name: string;
}

interface KubeconfigDoc {
  'current-context'?: string;
  contexts?: Array<NamedEntry & { context?: { cluster?: string; user?: string; namespace?: string } }>;
  clusters?: Array<NamedEntry & { cluster?: Record<string, unknown> }>;
  users?: Array<NamedEntry & { user?: Record<string, unknown> }>;
}

/** Fields that name a file, and the field that holds the same data inline. */
const fileFields = {
  cluster: { 'certificate-authority': 'certificate-authority-data' },
  user: { 'client-certificate': 'client-certificate-data', 'client-key': 'client-key-data', tokenFile: 'token' },
} as const;

export interface MinifiedKubeconfig {
  /** YAML of a kubeconfig with one context and everything inline. */
  text: string;
  server: string;
  context: string;
}

/**
 * Keeps only one context (the current one unless named) and inlines the files it points at,
 * like `kubectl config view --minify --flatten`. `readFile` is how the caller reads them.
 */
export function minifyKubeconfig(
  text: string,
  options: { context?: string; readFile?: (path: string) => Uint8Array } = {},
): MinifiedKubeconfig {
  const doc = parseDoc(text);
  const contextName = options.context ?? doc['current-context'];
  const context = doc.contexts?.find((c) => c.name === contextName);
  if (!contextName || !context) {
    const known = (doc.contexts ?? []).map((c) => c.name).join(', ') || 'none';
    throw invalidInput(`The kubeconfig has no context ${contextName ?? '(none is current)'}`, [
      { path: '/kubeconfig', message: `contexts: ${known}` },
    ]);
  }
  const cluster = doc.clusters?.find((c) => c.name === context.context?.cluster);
  const user = doc.users?.find((u) => u.name === context.context?.user);
  if (!cluster?.cluster) throw missing(`cluster ${context.context?.cluster ?? '(unnamed)'}`);
  const inline = (entry: Record<string, unknown>, fields: Record<string, string>) => {
    const out = { ...entry };
    for (const [fileField, dataField] of Object.entries(fields)) {
      const path = out[fileField];
      if (typeof path !== 'string') continue;
      if (!options.readFile) continue;
      const bytes = options.readFile(path);
      out[dataField] = fileField === 'tokenFile' ? new TextDecoder().decode(bytes).trim() : base64(bytes);
      delete out[fileField];
    }
    return out;
  };
  const minified = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': contextName,
    contexts: [{ name: contextName, context: context.context }],
    clusters: [{ name: cluster.name, cluster: inline(cluster.cluster, fileFields.cluster) }],
    users: user?.user ? [{ name: user.name, user: inline(user.user, fileFields.user) }] : [],
  };
  return { text: stringify(minified), server: String(cluster.cluster.server ?? ''), context: contextName };
}

/**
 * Checks that a kubeconfig can be stored and used by the server as it is; returns the API
 * server's URL. Every problem is reported at once, each under `/kubeconfig`.
 */
export function checkStorableKubeconfig(text: string, path = '/kubeconfig'): { server: string } {
  const doc = parseDoc(text, path);
  const issues: FieldIssue[] = [];
  const context = doc.contexts?.find((c) => c.name === doc['current-context']);
  if (!context) issues.push({ path, message: 'current-context names no context of the file' });
  const cluster = doc.clusters?.find((c) => c.name === context?.context?.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === context?.context?.user)?.user ?? {};
  const server = typeof cluster?.server === 'string' ? cluster.server : '';
  if (!/^https?:\/\/\S+$/.test(server)) issues.push({ path, message: 'the cluster has no server URL (https://...)' });
  for (const [field, data] of Object.entries(fileFields.cluster)) {
    if (cluster && typeof cluster[field] === 'string') issues.push(fileIssue(path, `cluster.${field}`, data));
  }
  for (const [field, data] of Object.entries(fileFields.user)) {
    if (typeof user[field] === 'string') issues.push(fileIssue(path, `user.${field}`, data));
  }
  for (const plugin of ['exec', 'auth-provider']) {
    if (user[plugin] !== undefined) {
      issues.push({
        path,
        message: `user.${plugin}: credential plugins are not supported; use a token or a client certificate`,
      });
    }
  }
  if (issues.length) throw invalidInput('The kubeconfig cannot be stored as it is', issues, minifyHint);
  return { server };
}

const minifyHint =
  'The CLI inlines files for you (slipway cluster add NAME --kubeconfig FILE); by hand: kubectl config view --minify --flatten.';

function fileIssue(path: string, field: string, data: string): FieldIssue {
  return { path, message: `${field} names a file on another machine; inline it as ${data}` };
}

function parseDoc(text: string, path = '/kubeconfig'): KubeconfigDoc {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw invalidInput('The kubeconfig is not valid YAML', [{ path, message: (error as Error).message }]);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw invalidInput('The kubeconfig is not a YAML mapping', [
      { path, message: 'expected apiVersion, clusters, users, contexts' },
    ]);
  }
  return doc as KubeconfigDoc;
}

function missing(what: string) {
  return invalidInput(`The kubeconfig has no ${what}`, [{ path: '/kubeconfig', message: `${what} is missing` }]);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
