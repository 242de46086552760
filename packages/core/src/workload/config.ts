import type { KubeObject } from '../kube/object.ts';
import { slipwayAnnotations } from './annotations.ts';
import { canonicalJson } from './canonical.ts';
import { base64Encode, contentDigest, shortHash } from './hash.ts';
import type { EnvVar, KeyToPath, PodVolume, VolumeMount } from './kube-shapes.ts';
import { expandPlaceholders, withoutSecrets } from './placeholders.ts';
import { addIssue, objectMeta, type RenderContext } from './render-context.ts';
import { type ContainerFileEntry, containerFiles } from './types.ts';

/**
 * Variables and files. Plain values go into one ConfigMap, anything that reads a secret
 * output into one Secret, so a password never lands in a ConfigMap. Containers read variables
 * by key reference (the value reaches the process exactly as Score expanded it: Kubernetes
 * does not apply its own `$(VAR)` expansion to referenced values) and files by `subPath`
 * mounts at each file's target (the rest of the target directory stays as the image has it).
 */
export interface ConfigPlan {
  objects: KubeObject[];
  env: Map<string, EnvVar[]>;
  mounts: Map<string, VolumeMount[]>;
  volumes: PodVolume[];
  /** Pod-template annotations: the checksum of everything in the ConfigMap and Secret. */
  annotations: Record<string, string>;
}

/** Kubernetes env var names before 1.34, which every supported cluster accepts; also valid ConfigMap keys. */
const envName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const volumeNames = { config: 'slipway-files', secret: 'slipway-secret-files' } as const;

interface Store {
  data: Record<string, string>;
  binaryData: Record<string, string>;
  items: KeyToPath[];
}

const emptyStore = (): Store => ({ data: {}, binaryData: {}, items: [] });

export function planConfig(ctx: RenderContext, fileSources: Readonly<Record<string, string>>): ConfigPlan {
  const plain = emptyStore();
  const secret = emptyStore();
  const env = new Map<string, EnvVar[]>();
  const mounts = new Map<string, VolumeMount[]>();
  for (const name of Object.keys(ctx.workload.containers).sort()) {
    env.set(name, containerEnv(ctx, name, plain, secret));
    mounts.set(name, containerFileMounts(ctx, name, plain, secret, fileSources));
  }
  return {
    objects: [configMap(ctx, plain), secretObject(ctx, secret)].filter((o): o is KubeObject => o !== undefined),
    env,
    mounts,
    volumes: fileVolumes(ctx, plain, secret),
    annotations: checksum(plain, secret, ctx.checksumKey),
  };
}

function checksum(plain: Store, secret: Store, checksumKey: string | undefined): Record<string, string> {
  if (!plain.items.length && !secret.items.length && !Object.keys({ ...plain.data, ...secret.data }).length) return {};
  return { [slipwayAnnotations.configChecksum]: contentDigest(canonicalJson({ plain, secret }), checksumKey) };
}

function containerEnv(ctx: RenderContext, container: string, plain: Store, secret: Store): EnvVar[] {
  const variables = ctx.workload.containers[container]?.variables ?? {};
  return Object.keys(variables)
    .sort()
    .flatMap((name): EnvVar[] => {
      const at = ['containers', container, 'variables', name];
      if (!envName.test(name)) {
        addIssue(
          ctx,
          at,
          `Variable name "${name}" must be letters, digits, "_", "-" or "." and not start with a digit`,
        );
        return [];
      }
      const expanded = expandPlaceholders(variables[name] as string, ctx.placeholders, at);
      ctx.issues.push(...expanded.issues);
      const key = `env.${container}.${name}`;
      if (expanded.secret) {
        secret.data[key] = base64Encode(expanded.value);
        return [{ name, valueFrom: { secretKeyRef: { name: ctx.names.secret, key } } }];
      }
      plain.data[key] = expanded.value;
      return [{ name, valueFrom: { configMapKeyRef: { name: ctx.names.config, key } } }];
    });
}

function containerFileMounts(
  ctx: RenderContext,
  container: string,
  plain: Store,
  secret: Store,
  fileSources: Readonly<Record<string, string>>,
): VolumeMount[] {
  const files = containerFiles(container, ctx.workload.containers[container] ?? { image: '' });
  const keys = fileKeys(container, files);
  return files.flatMap((entry, i): VolumeMount[] => {
    const content = fileContent(ctx, entry, fileSources);
    if (!content) return [];
    const key = keys[i] as string;
    const store = content.secret ? secret : plain;
    if (content.binary) store.binaryData[key] = content.value;
    else if (content.secret) store.data[key] = base64Encode(content.value);
    else store.data[key] = content.value;
    store.items.push({ key, path: key, ...(entry.file.mode ? { mode: Number.parseInt(entry.file.mode, 8) } : {}) });
    const name = content.secret ? volumeNames.secret : volumeNames.config;
    return [{ name, mountPath: entry.target, subPath: key, readOnly: true }];
  });
}

/** Readable, unique keys: `file.<container>.<basename>`, with a hash of the target when basenames repeat. */
function fileKeys(container: string, files: ContainerFileEntry[]): string[] {
  const base = files.map((f) => {
    const name = (f.target.split('/').pop() ?? '').replace(/[^-._a-zA-Z0-9]/g, '_');
    return /^\.*$/.test(name) ? 'file' : name;
  });
  return files.map((f, i) => {
    const name = base[i] as string;
    const repeated = base.filter((b) => b === name).length > 1;
    return `file.${container}.${repeated ? `${name}-${shortHash(f.target, 6)}` : name}`;
  });
}

interface FileContent {
  value: string;
  secret: boolean;
  binary: boolean;
}

function fileContent(
  ctx: RenderContext,
  { file, at }: ContainerFileEntry,
  fileSources: Readonly<Record<string, string>>,
): FileContent | undefined {
  if (file.binaryContent !== undefined) return { value: file.binaryContent, secret: false, binary: true };
  let text = file.content;
  let textAt = [...at, 'content'];
  if (text === undefined && file.source !== undefined) {
    // A source names a file; a secret in it would only surface in the error for a missing file.
    const source = expandPlaceholders(file.source, withoutSecrets(ctx.placeholders), [...at, 'source']);
    ctx.issues.push(...source.issues);
    text = fileSources[source.value];
    textAt = [...at, 'source'];
    if (text === undefined) {
      addIssue(
        ctx,
        textAt,
        `The file "${source.value}" was not supplied with the workload; send it with the Score file`,
      );
      return undefined;
    }
  }
  if (text === undefined) return undefined;
  if (file.noExpand) return { value: text, secret: false, binary: false };
  const expanded = expandPlaceholders(text, ctx.placeholders, textAt);
  ctx.issues.push(...expanded.issues);
  return { value: expanded.value, secret: expanded.secret, binary: false };
}

function configMap(ctx: RenderContext, store: Store): KubeObject | undefined {
  if (!Object.keys(store.data).length && !Object.keys(store.binaryData).length) return undefined;
  const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMeta(ctx, ctx.names.config) };
  if (Object.keys(store.data).length) object.data = store.data;
  if (Object.keys(store.binaryData).length) object.binaryData = store.binaryData;
  return object;
}

function secretObject(ctx: RenderContext, store: Store): KubeObject | undefined {
  if (!Object.keys(store.data).length) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMeta(ctx, ctx.names.secret),
    type: 'Opaque',
    data: store.data,
  };
}

function fileVolumes(ctx: RenderContext, plain: Store, secret: Store): PodVolume[] {
  const byKey = (a: KeyToPath, b: KeyToPath) => (a.key < b.key ? -1 : 1);
  const volumes: PodVolume[] = [];
  if (plain.items.length) {
    const items = [...plain.items].sort(byKey);
    volumes.push({ name: volumeNames.config, configMap: { name: ctx.names.config, items } });
  }
  if (secret.items.length) {
    const items = [...secret.items].sort(byKey);
    volumes.push({ name: volumeNames.secret, secret: { secretName: ctx.names.secret, items } });
  }
  return volumes;
}
