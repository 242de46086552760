/**
 * An environment written out as files a GitOps tool (Argo CD, Flux, `kubectl apply -k`) can
 * apply: one YAML file per object, a folder per service and one for the environment's own
 * objects (its Namespace, default-deny NetworkPolicy, quota), and a `kustomization.yaml` that
 * lists them in apply order. The objects are exactly those Slipway applies, labels included, so
 * applying the folder changes nothing in a cluster Slipway already deployed to.
 */
import { stringify } from 'yaml';
import { applyTier } from '../kube/apply-order.ts';
import { type KubeObject, objectKey } from '../kube/object.ts';

export interface ExportedRelease {
  service: string;
  /** The release whose objects these are, named in the kustomization's comments. */
  number: number;
  objects: readonly KubeObject[];
}

export interface ExportInput {
  environment: string;
  /** The objects that make the namespace an environment (see environmentNamespaceObjects). */
  environmentObjects: readonly KubeObject[];
  releases: readonly ExportedRelease[];
}

export interface ExportFile {
  /** Relative, with `/` separators: `kustomization.yaml`, `_environment/namespace-x.yaml`, `cart/deployment-cart.yaml`. */
  path: string;
  content: string;
}

/** The folder of the environment's own objects; a service cannot take this name (DNS labels have no `_`). */
export const environmentFolder = '_environment';
export const kustomizationFile = 'kustomization.yaml';
/** The first line of the kustomization Slipway writes; a later export may replace a folder that starts with it. */
export const exportHeader = '# Written by `slipway export`: the objects Slipway applies to this environment.';

/** The files of an export, kustomization first, then every object's file in apply order. */
export function exportFiles(input: ExportInput): ExportFile[] {
  const objects = [
    ...input.environmentObjects.map((o) => ({ folder: environmentFolder, object: o })),
    ...[...input.releases]
      .sort((a, b) => a.service.localeCompare(b.service))
      .flatMap((r) => r.objects.map((o) => ({ folder: r.service, object: o }))),
  ].sort((a, b) => applyTier(a.object.kind) - applyTier(b.object.kind) || compareKeys(a, b));
  const files = withUniquePaths(objects).map(({ path, object }) => ({ path, content: objectYaml(object) }));
  return [{ path: kustomizationFile, content: kustomization(input, files) }, ...files];
}

function compareKeys(a: { folder: string; object: KubeObject }, b: { folder: string; object: KubeObject }): number {
  return a.folder.localeCompare(b.folder) || objectKey(a.object).localeCompare(objectKey(b.object));
}

/**
 * `<folder>/<kind>-<name>.yaml`, lower case; an object whose name repeats in its folder (the
 * same kind in two API groups or namespaces) gets its group and namespace added.
 */
function withUniquePaths(
  objects: ReadonlyArray<{ folder: string; object: KubeObject }>,
): Array<{ path: string; object: KubeObject }> {
  const short = (folder: string, o: KubeObject) => `${folder}/${o.kind}-${o.metadata.name}`.toLowerCase();
  const counts = new Map<string, number>();
  for (const { folder, object } of objects)
    counts.set(short(folder, object), (counts.get(short(folder, object)) ?? 0) + 1);
  return objects.map(({ folder, object }) => {
    const base = short(folder, object);
    if (counts.get(base) === 1) return { path: `${base}.yaml`, object };
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : 'core';
    const namespace = object.metadata.namespace ?? 'cluster';
    return { path: `${base}.${group}.${namespace}.yaml`.toLowerCase(), object };
  });
}

function kustomization(input: ExportInput, files: readonly ExportFile[]): string {
  const releases = [...input.releases]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((r) => `#   ${r.service}: release ${r.number}`);
  const head = [
    exportHeader,
    `# Environment ${input.environment}.`,
    ...(releases.length ? ['# Releases:', ...releases] : []),
  ];
  return kustomizationOf(head, files);
}

/** `apiVersion`, `kind` and `metadata` first, every other key in alphabetical order, as kubectl prints them. */
function objectYaml(object: KubeObject): string {
  return stringify(object, { sortMapEntries: byKubernetesOrder, lineWidth: 0, aliasDuplicateObjects: false });
}

const leading = ['apiVersion', 'kind', 'metadata'];

function byKubernetesOrder(a: { key: unknown }, b: { key: unknown }): number {
  const [x, y] = [String(a.key), String(b.key)];
  const [i, j] = [leading.indexOf(x), leading.indexOf(y)];
  if (i !== -1 || j !== -1) return (i === -1 ? leading.length : i) - (j === -1 ? leading.length : j);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * GitOps mode keeps each folder self-contained, so a commit for one service rewrites only its
 * own folder and concurrent releases of other services never undo each other: the files of one
 * folder (the environment's, or a service's), with a kustomization listing them in apply order.
 * Paths are relative to the folder.
 */
export function folderFiles(folder: string, heading: readonly string[], objects: readonly KubeObject[]): ExportFile[] {
  const sorted = objects
    .map((object) => ({ folder, object }))
    .sort((a, b) => applyTier(a.object.kind) - applyTier(b.object.kind) || compareKeys(a, b));
  const files = withUniquePaths(sorted).map(({ path, object }) => ({
    path: path.slice(folder.length + 1),
    content: objectYaml(object),
  }));
  return [{ path: kustomizationFile, content: kustomizationOf([exportHeader, ...heading], files) }, ...files];
}

/** The environment folder's own kustomization in GitOps mode: its subfolders, the environment's own first. */
export function foldersKustomization(environment: string, folders: readonly string[]): string {
  const ordered = [...folders].sort((a, b) =>
    a === environmentFolder ? -1 : b === environmentFolder ? 1 : a.localeCompare(b),
  );
  return kustomizationOf([exportHeader, `# Environment ${environment}: a folder per service.`], ordered);
}

function kustomizationOf(head: readonly string[], resources: ReadonlyArray<string | ExportFile>): string {
  const body = stringify(
    {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: resources.map((r) => (typeof r === 'string' ? r : r.path)),
    },
    { lineWidth: 0 },
  );
  return `${head.join('\n')}\n${body}`;
}
