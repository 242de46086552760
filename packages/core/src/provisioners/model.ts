/**
 * Provisioners are data: YAML a platform engineer writes, saying how a resource type (postgres,
 * route, volume, …) becomes outputs and Kubernetes objects. This file holds their types and
 * turns a YAML document into validated provisioners, or into one error listing every wrong
 * field by its JSON Pointer (and line) in that document.
 */
import { type Document, LineCounter, parseDocument } from 'yaml';
import { type FieldIssue, jsonPointer, parseJsonPointer, SlipwayError, yamlValue } from '../errors/index.ts';
import { ajvIssues, paramsValidator, strictAjv } from './ajv.ts';
import type { ProvisionerMatch } from './provisioner-match.ts';
import { provisionerSchemas } from './schema.ts';
import { fromScoreK8s, isScoreK8sDocument, type ScoreK8sProvisioner } from './score-k8s.ts';
import { hasActions, parseTemplate } from './template.ts';
import { TemplateError } from './template-error.ts';

export type ProvisionerKind = 'template' | 'helm' | 'static' | 'score-k8s';

export type { ProvisionerMatch } from './provisioner-match.ts';

/** Template values: any JSON, where every string may hold `{{ … }}` actions (see template.ts). */
export type TemplateValues = Record<string, unknown>;

interface ProvisionerCommon {
  id: string;
  description?: string;
  match: ProvisionerMatch;
  /** A JSON Schema for the request's `params`; its defaults are filled in before rendering. */
  params?: Record<string, unknown>;
  /** Values computed first, in order; later templates read them as `.init.NAME`. */
  init?: TemplateValues;
  outputs?: TemplateValues;
  /** Output keys that are secret (rendered into a Secret by the workload, never logged). */
  secretOutputs?: string[];
}

export interface TemplateProvisioner extends ProvisionerCommon {
  kind: 'template';
  manifests?: TemplateValues[];
}

export type HelmChart = { path: string } | { repo: string; name: string; version: string };

/** Core renders the values and outputs; the server runs `helm template` for the manifests. */
export interface HelmProvisioner extends ProvisionerCommon {
  kind: 'helm';
  chart: HelmChart;
  values?: TemplateValues;
}

/** Fixed values, e.g. an existing external database's address and credentials. */
export interface StaticProvisioner extends ProvisionerCommon {
  kind: 'static';
  outputs: TemplateValues;
}

export type { ScoreK8sProvisioner } from './score-k8s.ts';

export type Provisioner = TemplateProvisioner | HelmProvisioner | StaticProvisioner | ScoreK8sProvisioner;

/**
 * Parses a YAML list of provisioners and validates it: ours (`kind:` template, helm, static), or
 * a score-k8s `*.provisioners.yaml` (entries with `uri:`), recognised by its shape and read
 * unchanged. Field paths point into the document: `/0/match/type`.
 */
export function parseProvisioners(text: string, source = 'the provisioners document'): Provisioner[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [syntax] = doc.errors;
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new SlipwayError('invalid_input', `${source} is not valid YAML (line ${at.line}): ${syntax.message}`, {
      fields: [{ path: '', message: syntax.message.split('\n')[0] ?? syntax.message }],
    });
  }
  const read = yamlValue(doc);
  if ('refused' in read) throw invalid(source, [{ path: '', message: read.refused }]);
  try {
    return validateProvisioners(read.value, source);
  } catch (error) {
    if (!(error instanceof SlipwayError && error.fields)) throw error;
    throw invalid(source, withLines(error.fields, doc, lines), error.hint);
  }
}

/** Validates already-parsed data (a list of provisioners). */
export function validateProvisioners(data: unknown, source = 'the provisioners document'): Provisioner[] {
  if (!Array.isArray(data)) {
    throw invalid(source, [{ path: '', message: 'must be a list of provisioners' }]);
  }
  if (isScoreK8sDocument(data)) {
    const { provisioners, issues } = fromScoreK8s(data, source);
    if (issues.length) throw invalid(source, issues, scoreK8sHint);
    return provisioners;
  }
  const issues = data.flatMap((item, i) => provisionerIssues(item, jsonPointer([i])));
  issues.push(...duplicateIds(data));
  if (issues.length) throw invalid(source, issues);
  return data as Provisioner[];
}

/** Validates one provisioner, e.g. one stored through the API; paths start at `pointer`. */
export function validateProvisioner(data: unknown, pointer = ''): Provisioner {
  const issues = provisionerIssues(data, pointer);
  if (issues.length) throw invalid('the provisioner', issues);
  return data as Provisioner;
}

const ourHint =
  'provisioners have id, kind (template, helm or static), match.type and outputs; see the provisioners guide';
const scoreK8sHint =
  'this reads as a score-k8s provisioners file (entries with uri:): template:// entries have type, and optionally class, id, description, init, state, shared, outputs, manifests, supported_params, expected_outputs';

function invalid(source: string, fields: FieldIssue[], hint = ourHint): SlipwayError {
  const [first] = fields;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  return new SlipwayError('invalid_input', `${source} is not valid: ${first?.path || '/'} ${first?.message}${more}`, {
    fields,
    hint,
  });
}

const validators = {
  template: strictAjv.compile(provisionerSchemas.template),
  helm: strictAjv.compile(provisionerSchemas.helm),
  static: strictAjv.compile(provisionerSchemas.static),
};

function provisionerIssues(item: unknown, at: string): FieldIssue[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [{ path: at, message: 'must be an object (a provisioner)' }];
  }
  const kind = (item as { kind?: unknown }).kind;
  if (kind === undefined) return [{ path: `${at}/kind`, message: 'is required (template, helm or static)' }];
  if (typeof kind !== 'string' || !Object.hasOwn(validators, kind)) {
    return [{ path: `${at}/kind`, message: 'must be one of: template, helm, static' }];
  }
  const validate = validators[kind as keyof typeof validators];
  if (!validate(item)) return ajvIssues(validate.errors, at);
  return semanticIssues(item as Exclude<Provisioner, ScoreK8sProvisioner>, at);
}

/** What a schema cannot say: secret keys exist, params is a schema, templates parse. */
function semanticIssues(p: Exclude<Provisioner, ScoreK8sProvisioner>, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [i, key] of (p.secretOutputs ?? []).entries()) {
    if (!p.outputs || !Object.hasOwn(p.outputs, key)) {
      issues.push({ path: `${at}/secretOutputs/${i}`, message: `names "${key}", which is not one of the outputs` });
    }
  }
  if (p.params) {
    try {
      paramsValidator(p.params);
    } catch (error) {
      issues.push({ path: `${at}/params`, message: `is not a valid JSON Schema: ${(error as Error).message}` });
    }
  }
  if (p.kind === 'helm') issues.push(...chartIssues(p.chart, `${at}/chart`));
  for (const field of ['init', 'outputs', 'manifests', 'values'] as const) {
    const value = (p as unknown as Record<string, unknown>)[field];
    if (value !== undefined) issues.push(...templateIssues(value, `${at}/${field}`));
  }
  return issues;
}

function chartIssues(chart: Partial<Record<'path' | 'repo' | 'name' | 'version', string>>, at: string): FieldIssue[] {
  if (chart.path !== undefined && chart.repo === undefined && chart.name === undefined && chart.version === undefined) {
    return [];
  }
  if (chart.path === undefined && chart.repo && chart.name && chart.version) return [];
  return [{ path: at, message: 'must give either path, or repo, name and version' }];
}

/** Parses every template string now, so a typo is reported where it is, not at deploy time. */
function templateIssues(value: unknown, at: string): FieldIssue[] {
  if (typeof value === 'string') {
    if (!hasActions(value)) return [];
    try {
      parseTemplate(value);
      return [];
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return [{ path: at, message: `template ${error.message}` }];
    }
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => templateIssues(v, `${at}/${jsonPointer([k]).slice(1)}`));
}

function duplicateIds(data: unknown[]): FieldIssue[] {
  const seen = new Map<unknown, number>();
  return data.flatMap((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return [];
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return [];
    }
    return [{ path: `/${i}/id`, message: `"${id}" is already the id of provisioner /${first}` }];
  });
}

/** Adds "(line N)" to each issue: the line of the field, or of its parent when it is missing. */
function withLines(fields: FieldIssue[], doc: Document, lines: LineCounter): FieldIssue[] {
  return fields.map((field) => {
    const segments = parseJsonPointer(field.path);
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return { ...field, message: `${field.message} (line ${lines.linePos(node.range[0]).line})` };
    }
    return field;
  });
}
