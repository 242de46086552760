/**
 * The catalog benchmark's source repositories: real bare Git repositories, each built by one
 * `git fast-import` (an init and one import per repository, instead of the dozen commands of a
 * work-tree commit), so 500 of them are made in seconds and read through the real git client.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';

export const words = [
  'payments',
  'ledger',
  'checkout',
  'search',
  'catalog',
  'billing',
  'identity',
  'shipping',
  'pricing',
  'inventory',
  'reviews',
  'notify',
  'media',
  'analytics',
  'fraud',
  'orders',
];
export const lifecycles = ['production', 'experimental', 'deprecated'];
export const types = ['service', 'website', 'library'];
export const groups = 40;
const roles = ['api', 'worker', 'web', 'jobs', 'gateway', 'store', 'sync'];

const doc = (kind: string, metadata: Record<string, unknown>, spec: Record<string, unknown>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata,
  spec,
});

/**
 * One repository's files, 20 entities: a system with its APIs and database in the root
 * catalog-info.yaml (the first repositories also hold a team group and a domain), and one
 * catalog-info.yaml per component under services/. Owners are groups of other repositories,
 * so relations cross locations.
 */
export function repositoryFiles(r: number): Record<string, string> {
  const word = words[r % words.length] as string;
  const owner = `team-${String(r % groups).padStart(2, '0')}`;
  const system = `${word}-system-${r}`;
  const root: object[] = [
    doc('System', { name: system, description: `Everything ${word} (${r})` }, { owner, domain: `${word}-domain` }),
  ];
  if (r < groups)
    root.push(
      doc(
        'Group',
        { name: owner, title: `Team ${r}` },
        { type: 'team', children: [], ...(r > 0 ? { parent: 'team-00' } : {}) },
      ),
    );
  if (r < words.length) root.push(doc('Domain', { name: `${word}-domain` }, { owner }));
  for (let a = 0; a < 4; a++)
    root.push(
      doc(
        'API',
        { name: `${word}-rest-${r}-${a}`, tags: ['rest'] },
        { type: 'openapi', lifecycle: 'production', owner, system, definition: 'openapi: 3.0.0\n' },
      ),
    );
  root.push(doc('Resource', { name: `${word}-db-${r}`, tags: ['postgres'] }, { type: 'database', owner, system }));
  const files: Record<string, string> = { 'catalog-info.yaml': root.map((d) => stringify(d)).join('---\n') };
  const count = 20 - root.length;
  for (let c = 0; c < count; c++) {
    const name = `${word}-${roles[c % roles.length]}-${r}-${c}`;
    const component = doc(
      'Component',
      {
        name,
        title: `${word} ${c}`,
        description: `The ${word} ${types[c % 3]} number ${c} of repository ${r}`,
        tags: [word, ['java', 'go', 'node', 'python'][c % 4]],
      },
      {
        type: types[c % 3],
        lifecycle: lifecycles[(r + c) % 3],
        owner,
        system,
        ...(c < 4 ? { providesApis: [`${word}-rest-${r}-${c}`] } : {}),
        ...(c > 0 ? { dependsOn: [`component:${word}-api-${r}-0`, `resource:${word}-db-${r}`] } : {}),
        ...(c > 0 && r > 0 ? { consumesApis: [`${words[(r - 1) % words.length]}-rest-${r - 1}-0`] } : {}),
      },
    );
    files[`services/${name}/catalog-info.yaml`] = stringify(component);
  }
  return files;
}

/** Runs git with optional stdin; rejects with its stderr. */
export function git(args: string[], options: { cwd?: string; input?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn('git', args, { cwd: options.cwd, stdio: [stdin, 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git ${args[0]}: ${Buffer.concat(err).toString().trim()}`)),
    );
    child.stdin?.end(options.input);
  });
}

/** A bare repository on branch main with one commit of `files`; answers its file:// URL. */
export async function fastImportRepo(dir: string, files: Record<string, string>): Promise<string> {
  await git(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = [
    'commit refs/heads/main\n',
    'committer Fixture <fixture@example.com> 1700000000 +0000\n',
    data('initial'),
    ...Object.entries(files).map(([path, content]) => `M 100644 inline ${path}\n${data(content)}`),
  ].join('');
  await git(['fast-import', '--quiet'], { cwd: dir, input: stream });
  return pathToFileURL(dir).href;
}

/** Runs `task` over `items`, `concurrency` at a time, keeping the order of the answers. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export const repoDir = (root: string, r: number) => join(root, `repo-${r}.git`);
