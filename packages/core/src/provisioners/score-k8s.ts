/**
 * score-k8s provisioner files (`*.provisioners.yaml`, a list of entries with `uri:`) read as
 * they are. Their templates are Go text/template + sprig, which core cannot run: this file only
 * recognises the format, checks every field (all wrong fields reported at once, by JSON Pointer)
 * and turns each entry into a `score-k8s` provisioner holding the raw template strings. The
 * server renders them with the real Go engine (packages/server/src/provisioners/gotemplate.ts).
 */
import { type FieldIssue, jsonPointer } from '../errors/index.ts';
import type { ProvisionerMatch } from './provisioner-match.ts';

/** The five templates of a score-k8s `template://` provisioner, rendered in this order. */
export const scoreK8sTemplateFields = ['init', 'state', 'shared', 'outputs', 'manifests'] as const;
export type ScoreK8sTemplates = Partial<Record<(typeof scoreK8sTemplateFields)[number], string>>;

export interface ScoreK8sProvisioner {
  kind: 'score-k8s';
  /** The entry's `uri`, e.g. `template://default-provisioners/postgres`. */
  id: string;
  description?: string;
  /** `type`, and `class`/`id` when not null. */
  match: ProvisionerMatch;
  templates: ScoreK8sTemplates;
  /**
   * Set for `cmd://` entries: loaded so that files load unchanged, but never run (a file must not
   * be able to make the server execute a program); a resource they match is refused.
   */
  command?: { args: string[] };
  /** Where the entry came from (`file` as loaded, `entry` its JSON Pointer), so errors can say. */
  origin?: { file: string; entry: string };
  /** Informational in score-k8s (listed, not enforced); kept for the catalogue. */
  supportedParams?: string[];
  expectedOutputs?: string[];
}

/** The fields score-k8s's provisioners know; it decodes with KnownFields(true), so do we. */
const common = ['uri', 'type', 'class', 'id', 'description', 'supported_params', 'expected_outputs'];
const knownFields = {
  template: new Set([...common, ...scoreK8sTemplateFields]),
  cmd: new Set([...common, 'args', 'params', 'outputs']),
};
const stringLists = {
  template: ['supported_params', 'expected_outputs'],
  cmd: ['supported_params', 'expected_outputs', 'args', 'params', 'outputs'],
};

/**
 * A document is in score-k8s's format when some entry has a `uri` and none has our `kind`
 * (so an entry that lacks its `uri` is reported as such, not read as one of ours).
 */
export function isScoreK8sDocument(data: unknown): data is unknown[] {
  return (
    Array.isArray(data) &&
    data.some((item) => isObject(item) && Object.hasOwn(item, 'uri')) &&
    !data.some((item) => isObject(item) && Object.hasOwn(item, 'kind'))
  );
}

/**
 * Converts the entries of a score-k8s file, or returns every issue found in them (all of them,
 * not the first). `file` is recorded on each provisioner for error messages.
 */
export function fromScoreK8s(
  data: unknown[],
  file?: string,
): { provisioners: ScoreK8sProvisioner[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const provisioners = data.flatMap((item, i) => {
    const entry = jsonPointer([i]);
    if (!isObject(item)) {
      issues.push({ path: entry, message: 'must be a mapping (a provisioner with uri, type, ...)' });
      return [];
    }
    const found = entryIssues(item, entry);
    issues.push(...found);
    if (found.length) return [];
    const p = convert(item);
    if (file !== undefined) p.origin = { file, entry };
    return [p];
  });
  return { provisioners, issues };
}

function entryIssues(entry: Record<string, unknown>, at: string): FieldIssue[] {
  const uri = entry.uri;
  if (uri === undefined) return [{ path: `${at}/uri`, message: 'is required: template://… or cmd://…' }];
  const scheme = typeof uri === 'string' ? /^([a-z][a-z0-9+.-]*):\/\//.exec(uri)?.[1] : undefined;
  if (typeof uri !== 'string' || !scheme) {
    return [{ path: `${at}/uri`, message: 'must be a URI with a scheme, e.g. template://my-org/postgres' }];
  }
  if (scheme !== 'template' && scheme !== 'cmd') {
    return [
      { path: `${at}/uri`, message: `has the scheme "${scheme}"; score-k8s provisioners are template:// or cmd://` },
    ];
  }
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(entry)) {
    if (!knownFields[scheme].has(key)) {
      issues.push({
        path: `${at}${jsonPointer([key])}`,
        message: `is not a field of a score-k8s ${scheme}:// provisioner`,
      });
    }
  }
  if (typeof entry.type !== 'string' || entry.type === '') {
    issues.push({ path: `${at}/type`, message: 'is required: the resource type it provisions' });
  }
  const strings = ['class', 'id', 'description', ...(scheme === 'template' ? scoreK8sTemplateFields : [])];
  for (const key of strings) {
    const v = entry[key];
    if (v !== undefined && v !== null && typeof v !== 'string')
      issues.push({ path: `${at}/${key}`, message: 'must be a string' });
  }
  for (const key of stringLists[scheme]) {
    const v = entry[key];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
      issues.push({ path: `${at}/${key}`, message: 'must be a list of strings' });
    }
  }
  return issues;
}

function convert(entry: Record<string, unknown>): ScoreK8sProvisioner {
  const str = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
  const match: ProvisionerMatch = { type: entry.type as string };
  const cls = str('class');
  const id = str('id');
  if (cls !== undefined) match.class = cls;
  if (id !== undefined) match.id = id;
  const templates: ScoreK8sTemplates = {};
  for (const field of scoreK8sTemplateFields) {
    const text = str(field);
    if (text !== undefined && text.trim() !== '') templates[field] = text;
  }
  const p: ScoreK8sProvisioner = { kind: 'score-k8s', id: entry.uri as string, match, templates };
  if ((entry.uri as string).startsWith('cmd://')) p.command = { args: (entry.args as string[] | undefined) ?? [] };
  const description = str('description');
  if (description !== undefined) p.description = description;
  if (Array.isArray(entry.supported_params)) p.supportedParams = entry.supported_params as string[];
  if (Array.isArray(entry.expected_outputs)) p.expectedOutputs = entry.expected_outputs as string[];
  return p;
}

/** ` in FILE at /N` for messages, or nothing when the origin is not known. */
export function scoreK8sOrigin(origin: ScoreK8sProvisioner['origin']): string {
  return origin ? ` in ${origin.file} at ${origin.entry}` : '';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
