import { type FieldIssue, findInputProblem, jsonPointer, maxNestingDepth } from '../errors/index.ts';
import { isBase64 } from './hash.ts';

/**
 * The `score.dev/v1b1` schema as rules over a parsed document. It is written out by hand
 * rather than run through a JSON-Schema validator so that every problem gets a message a
 * developer can act on (a JSON-Schema `oneOf` failure says little) and all problems are
 * reported at once, each at its JSON Pointer.
 */
export type Path = Array<string | number>;

export const scorePatterns = {
  /** RFC 1123 label of 2–63 characters: workload, container, port and resource names. */
  name: /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/,
  annotationKey:
    /^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$/,
  resourceType: /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/,
  resourceId: /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/,
  cpu: /^\d+(?:m|\.\d+)?$/,
  memory: /^(0\.\d+|[1-9]\d*(\.\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
  fileMode: /^0?[0-7]{3}$/,
  headerName: /^[A-Za-z0-9_-]+$/,
} as const;

/**
 * How large each part of a Score workload may be, in characters: the same for a file sent as
 * YAML text and for one sent as a JSON object, as both are checked here. Text fields not
 * named get `text`. The document limit counts the YAML or JSON text (an object as its JSON).
 * Kubernetes keeps a whole object under about 1.5 MB, so nothing larger could be deployed.
 */
export const scoreLimits = {
  /** The whole Score file. */
  document: 1_000_000,
  /** `containers.*.image`, as an image override at deploy time. */
  image: 1_000,
  /** A key of `containers.*.variables`. */
  variableName: 256,
  /** A value of `containers.*.variables`. */
  variableValue: 65_536,
  /** One item of `command` or `args` (probe commands included). */
  argument: 65_536,
  /** `files.*.content` and `files.*.binaryContent`. */
  fileContent: 1_000_000,
  /** An annotation's value (Kubernetes keeps all of an object's annotations under 256 KiB). */
  annotationValue: 65_536,
  /** Every other text: paths, hosts, header values, sources, file targets. */
  text: 4_096,
} as const;

const nameRule = 'must be 2 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit';

class Issues {
  readonly list: FieldIssue[] = [];
  add(path: Path, message: string): void {
    this.list.push({ path: jsonPointer(path), message });
  }
}

type Obj = Record<string, unknown>;

export function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  return typeof v === 'boolean' ? 'true/false' : typeof v;
}

/** Checks the shape of a Score workload; returns every problem found (none means valid). */
export function validateScore(doc: unknown): FieldIssue[] {
  const out = new Issues();
  const deep = nestingIssue(doc);
  if (deep) return [deep];
  if (!isRecord(doc)) {
    out.add([], `A Score file must be a mapping with apiVersion, metadata and containers, not ${describe(doc)}`);
    return out.list;
  }
  knownKeys(doc, ['apiVersion', 'metadata', 'containers', 'service', 'resources'], [], out, 'a Score file');
  required(doc, 'apiVersion', [], out, 'Every Score file starts with apiVersion: score.dev/v1b1', checkApiVersion);
  required(doc, 'metadata', [], out, 'metadata with at least a name is required', checkMetadata);
  const names = isRecord(doc.containers) ? Object.keys(doc.containers) : [];
  required(doc, 'containers', [], out, 'A workload needs at least one container', (v, p, o) =>
    checkContainers(v, p, o, names),
  );
  optional(doc, 'service', [], out, checkService);
  optional(doc, 'resources', [], out, checkResources);
  return out.list;
}

/**
 * Objects and lists nested deeper than Slipway reads anywhere (`maxNestingDepth`), found
 * without recursion, so the checks and renderers after it may recurse. Only `params` of a
 * resource can nest at all; a Score file needs a handful of levels.
 */
export function nestingIssue(doc: unknown): FieldIssue | null {
  const problem = findInputProblem(doc, { maxDepth: maxNestingDepth });
  if (!problem) return null;
  return {
    path: problem.path,
    message: `Is nested deeper than ${maxNestingDepth} levels of mappings and lists, more than Slipway reads`,
  };
}

type Check = (v: unknown, path: Path, out: Issues) => void;

function required(o: Obj, key: string, at: Path, out: Issues, missing: string, check: Check): void {
  if (o[key] === undefined) out.add([...at, key], missing);
  else check(o[key], [...at, key], out);
}

function optional(o: Obj, key: string, at: Path, out: Issues, check: Check): void {
  if (o[key] !== undefined) check(o[key], [...at, key], out);
}

function knownKeys(o: Obj, allowed: readonly string[], at: Path, out: Issues, what: string): void {
  for (const key of Object.keys(o)) {
    if (allowed.includes(key)) continue;
    const guess = closest(key, allowed);
    const hint = guess ? `did you mean "${guess}"?` : `${what} may have ${allowed.join(', ')}`;
    out.add([...at, key], `Unknown field ${quoted(key)} in ${what}; ${hint}`);
  }
}

/** The allowed key a typo most likely meant (edit distance ≤ 2), if any. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((row[j - 1] as number) + 1, (previous[j] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = row;
  }
  return previous[b.length] as number;
}

function mapping(v: unknown, at: Path, out: Issues, what: string): Obj | undefined {
  if (isRecord(v)) return v;
  out.add(at, `${what} must be a mapping, not ${describe(v)}`);
  return undefined;
}

interface TextRule {
  pattern?: { test(value: string): boolean };
  rule?: string;
  nonEmpty?: boolean;
  /** At most this many characters; `scoreLimits.text` unless said otherwise. */
  max?: number;
}

function text(v: unknown, at: Path, out: Issues, rule: TextRule = {}): v is string {
  if (typeof v !== 'string') {
    const quote = typeof v === 'number' || typeof v === 'boolean' ? `; put it in quotes, e.g. "${v}"` : '';
    out.add(at, `Must be text, not ${describe(v)}${quote}`);
    return false;
  }
  if (!withinLimit(v, at, out, rule.max ?? scoreLimits.text)) return true;
  if (rule.nonEmpty && v === '') out.add(at, 'Must not be empty');
  else if (rule.pattern && !rule.pattern.test(v)) out.add(at, `${quoted(v)} ${rule.rule ?? 'is not valid here'}`);
  return true;
}

/** Says how long the text is and what is allowed; the text itself is not echoed back. */
function withinLimit(v: string, at: Path, out: Issues, max: number): boolean {
  if (v.length <= max) return true;
  out.add(at, `Is ${count(v.length)} characters long; at most ${count(max)} are allowed`);
  return false;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Text quoted in a message, cut short: the message names a value, the path says where it is. */
function quoted(v: string): string {
  return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

function integer(v: unknown, at: Path, out: Issues, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const unquote = typeof v === 'string' && /^\d+$/.test(v) ? '; remove the quotes' : '';
    out.add(at, `Must be a whole number, not ${describe(v)}${unquote}`);
  } else if (v < min || v > max) out.add(at, `${v} is out of range; use ${min} to ${max}`);
}

function boolean(v: unknown, at: Path, out: Issues): void {
  if (typeof v !== 'boolean') out.add(at, `Must be true or false, not ${describe(v)}`);
}

function textList(v: unknown, at: Path, out: Issues): void {
  if (!Array.isArray(v)) out.add(at, `Must be a list of text, not ${describe(v)}`);
  else
    v.forEach((item, i) => {
      text(item, [...at, i], out, { max: scoreLimits.argument });
    });
}

function nameKeys(o: Obj, at: Path, out: Issues, what: string): void {
  for (const key of Object.keys(o)) {
    if (!scorePatterns.name.test(key)) out.add([...at, key], `${what} name ${quoted(key)} ${nameRule}`);
  }
}

function checkApiVersion(v: unknown, at: Path, out: Issues): void {
  if (text(v, at, out) && v !== 'score.dev/v1b1') {
    out.add(at, `Unsupported apiVersion ${quoted(v)}; Slipway reads score.dev/v1b1`);
  }
}

function checkMetadata(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'metadata');
  if (!o) return;
  required(o, 'name', at, out, 'metadata.name is required: it names the workload', (name, p) =>
    text(name, p, out, { pattern: scorePatterns.name, rule: nameRule }),
  );
  optional(o, 'annotations', at, out, checkAnnotations);
}

function checkAnnotations(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'annotations');
  if (!o) return;
  for (const [key, value] of Object.entries(o)) {
    if (!scorePatterns.annotationKey.test(key) || key.length > 316) {
      out.add(
        [...at, key],
        `Annotation key ${quoted(key)} must be an optional DNS prefix and "/" then a name of letters, digits, "-", "_" or "."`,
      );
    }
    text(value, [...at, key], out, { max: scoreLimits.annotationValue });
  }
}

function checkContainers(v: unknown, at: Path, out: Issues, names: string[]): void {
  const o = mapping(v, at, out, 'containers');
  if (!o) return;
  if (names.length === 0) out.add(at, 'A workload needs at least one container');
  nameKeys(o, at, out, 'Container');
  for (const [name, c] of Object.entries(o)) checkContainer(c, [...at, name], out, names);
}

const containerKeys = [
  'image',
  'command',
  'args',
  'variables',
  'files',
  'volumes',
  'resources',
  'livenessProbe',
  'readinessProbe',
  'before',
] as const;

function checkContainer(v: unknown, at: Path, out: Issues, names: string[]): void {
  const o = mapping(v, at, out, 'A container');
  if (!o) return;
  knownKeys(o, containerKeys, at, out, `container "${at[at.length - 1]}"`);
  required(o, 'image', at, out, 'Every container needs an image (use "." to give it at deploy time)', (img, p) =>
    text(img, p, out, { nonEmpty: true, max: scoreLimits.image }),
  );
  optional(o, 'command', at, out, textList);
  optional(o, 'args', at, out, textList);
  optional(o, 'variables', at, out, checkVariables);
  optional(o, 'files', at, out, (f, p) => checkByTarget(f, p, out, 'files', checkFile));
  optional(o, 'volumes', at, out, (f, p) => checkByTarget(f, p, out, 'volumes', checkVolume));
  optional(o, 'resources', at, out, checkContainerResources);
  optional(o, 'livenessProbe', at, out, checkProbe);
  optional(o, 'readinessProbe', at, out, checkProbe);
  optional(o, 'before', at, out, (b, p) => checkBefore(b, p, out, names, String(at[at.length - 1])));
}

function checkVariables(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'variables');
  if (!o) return;
  for (const [key, value] of Object.entries(o)) {
    if (!withinLimit(key, [...at, key], out, scoreLimits.variableName)) continue;
    if (key === '' || key.includes('='))
      out.add([...at, key], `Variable name ${quoted(key)} must not be empty or contain "="`);
    if (value === null) out.add([...at, key], 'Must be text; write "" for an empty value');
    else text(value, [...at, key], out, { max: scoreLimits.variableValue });
  }
}

type EntryCheck = (v: unknown, at: Path, out: Issues, listForm: boolean) => void;

/** Files and volumes: a map keyed by target path, or the deprecated list with `target` in each item. */
function checkByTarget(v: unknown, at: Path, out: Issues, what: string, check: EntryCheck): void {
  if (Array.isArray(v))
    v.forEach((item, i) => {
      check(item, [...at, i], out, true);
    });
  else if (isRecord(v))
    for (const [target, item] of Object.entries(v)) {
      if (withinLimit(target, [...at, target], out, scoreLimits.text)) check(item, [...at, target], out, false);
    }
  else out.add(at, `${what} must be a mapping from target path to details (or the older list), not ${describe(v)}`);
}

function checkTarget(o: Obj, at: Path, out: Issues, listForm: boolean, what: string): void {
  if (listForm) {
    required(o, 'target', at, out, `Each ${what} in the list form needs a target path`, (t, p) =>
      text(t, p, out, { nonEmpty: true }),
    );
  } else if (o.target !== undefined) {
    out.add([...at, 'target'], `In the map form the key is the target path; remove "target" from this ${what}`);
  }
}

const fileKeys = ['target', 'mode', 'source', 'content', 'binaryContent', 'noExpand'];

function checkFile(v: unknown, at: Path, out: Issues, listForm: boolean): void {
  const o = mapping(v, at, out, 'A file');
  if (!o) return;
  knownKeys(o, fileKeys, at, out, 'a file');
  checkTarget(o, at, out, listForm, 'file');
  const given = ['content', 'source', 'binaryContent'].filter((k) => o[k] !== undefined);
  if (given.length === 0) out.add(at, 'A file needs its content: one of content, source or binaryContent');
  if (given.length > 1) out.add(at, `A file takes one of content, source or binaryContent, not ${given.join(' and ')}`);
  optional(o, 'content', at, out, (c, p) => text(c, p, out, { max: scoreLimits.fileContent }));
  optional(o, 'source', at, out, (s, p) => text(s, p, out, { nonEmpty: true }));
  optional(o, 'binaryContent', at, out, (b, p) =>
    text(b, p, out, { pattern: { test: isBase64 }, rule: 'is not standard base64', max: scoreLimits.fileContent }),
  );
  optional(o, 'mode', at, out, (m, p) => {
    // YAML reads an unquoted 0644 as the number 644, so say how to write it rather than echo 644.
    if (typeof m === 'number') out.add(p, 'Must be text: put the mode in quotes, e.g. mode: "0644"');
    else text(m, p, out, { pattern: scorePatterns.fileMode, rule: 'must be an octal mode such as "0644" or "600"' });
  });
  optional(o, 'noExpand', at, out, boolean);
}

function checkVolume(v: unknown, at: Path, out: Issues, listForm: boolean): void {
  const o = mapping(v, at, out, 'A volume');
  if (!o) return;
  knownKeys(o, ['target', 'source', 'path', 'readOnly'], at, out, 'a volume');
  checkTarget(o, at, out, listForm, 'volume');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Score placeholder, shown to the user
  required(o, 'source', at, out, 'A volume needs a source, usually ${resources.NAME}', (s, p) =>
    text(s, p, out, { nonEmpty: true }),
  );
  optional(o, 'path', at, out, (s, p) => text(s, p, out));
  optional(o, 'readOnly', at, out, boolean);
}

function checkContainerResources(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'resources');
  if (!o) return;
  knownKeys(o, ['limits', 'requests'], at, out, 'container resources');
  for (const key of ['limits', 'requests']) optional(o, key, at, out, checkAmounts);
}

function checkAmounts(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, String(at[at.length - 1]));
  if (!o) return;
  knownKeys(o, ['cpu', 'memory'], at, out, String(at[at.length - 1]));
  optional(o, 'cpu', at, out, (c, p) =>
    text(c, p, out, { pattern: scorePatterns.cpu, rule: 'must be CPUs such as "1", "0.5" or "250m"' }),
  );
  optional(o, 'memory', at, out, (m, p) =>
    text(m, p, out, {
      pattern: scorePatterns.memory,
      rule: 'must be bytes with an optional unit such as "128Mi" or "1G"',
    }),
  );
}

function checkProbe(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'A probe');
  if (!o) return;
  knownKeys(o, ['httpGet', 'exec'], at, out, 'a probe');
  if (o.httpGet === undefined && o.exec === undefined) out.add(at, 'A probe needs httpGet or exec');
  optional(o, 'httpGet', at, out, checkHttpGet);
  optional(o, 'exec', at, out, (e, p) => {
    const exec = mapping(e, p, out, 'exec');
    if (!exec) return;
    knownKeys(exec, ['command'], p, out, 'exec');
    required(exec, 'command', p, out, 'exec needs a command to run', (c, cp) => {
      textList(c, cp, out);
      if (Array.isArray(c) && c.length === 0) out.add(cp, 'The command must not be empty');
    });
  });
}

function checkHttpGet(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'httpGet');
  if (!o) return;
  knownKeys(o, ['host', 'scheme', 'path', 'port', 'httpHeaders'], at, out, 'httpGet');
  required(o, 'path', at, out, 'httpGet needs the path to request, e.g. /healthz', (p, pp) => text(p, pp, out));
  required(o, 'port', at, out, 'httpGet needs the port to connect to', (p, pp) => integer(p, pp, out, 1, 65535));
  optional(o, 'host', at, out, (h, p) => text(h, p, out, { nonEmpty: true }));
  // The Score docs show lower-case `http`; the schema says HTTP. Accept both, render upper case.
  optional(o, 'scheme', at, out, (s, p) =>
    text(s, p, out, { pattern: /^(https?|HTTPS?)$/, rule: 'must be HTTP or HTTPS' }),
  );
  optional(o, 'httpHeaders', at, out, checkHeaders);
}

function checkHeaders(v: unknown, at: Path, out: Issues): void {
  if (!Array.isArray(v)) {
    out.add(at, `httpHeaders must be a list of name and value, not ${describe(v)}`);
    return;
  }
  v.forEach((h, i) => {
    const o = mapping(h, [...at, i], out, 'A header');
    if (!o) return;
    knownKeys(o, ['name', 'value'], [...at, i], out, 'a header');
    required(o, 'name', [...at, i], out, 'A header needs a name', (n, p) =>
      text(n, p, out, { pattern: scorePatterns.headerName, rule: 'must be letters, digits, "-" or "_"' }),
    );
    required(o, 'value', [...at, i], out, 'A header needs a value', (n, p) => text(n, p, out, { nonEmpty: true }));
  });
}

function checkBefore(v: unknown, at: Path, out: Issues, names: string[], self: string): void {
  const o = mapping(v, at, out, 'before');
  if (!o) return;
  for (const [name, entry] of Object.entries(o)) {
    const p = [...at, name];
    if (name === self || !names.includes(name)) {
      out.add(p, `${quoted(name)} is not another container of this workload; containers are: ${names.join(', ')}`);
    }
    const e = mapping(entry, p, out, 'A before entry');
    if (!e) continue;
    knownKeys(e, ['ready'], p, out, 'a before entry');
    required(
      e,
      'ready',
      p,
      out,
      'Say when the next container may start: ready: started, healthy or complete',
      (r, rp) =>
        text(r, rp, out, { pattern: /^(started|healthy|complete)$/, rule: 'must be started, healthy or complete' }),
    );
  }
}

function checkService(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'service');
  if (!o) return;
  knownKeys(o, ['ports'], at, out, 'service');
  optional(o, 'ports', at, out, (ports, p) => {
    const map = mapping(ports, p, out, 'service.ports');
    if (!map) return;
    nameKeys(map, p, out, 'Port');
    for (const [name, port] of Object.entries(map)) checkPort(port, [...p, name], out);
  });
}

function checkPort(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'A port');
  if (!o) return;
  knownKeys(o, ['port', 'targetPort', 'protocol'], at, out, 'a service port');
  required(o, 'port', at, out, 'A service port needs its port number', (p, pp) => integer(p, pp, out, 1, 65535));
  optional(o, 'targetPort', at, out, (p, pp) => integer(p, pp, out, 1, 65535));
  optional(o, 'protocol', at, out, (p, pp) => text(p, pp, out, { pattern: /^(TCP|UDP)$/, rule: 'must be TCP or UDP' }));
}

function checkResources(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'resources');
  if (!o) return;
  nameKeys(o, at, out, 'Resource');
  for (const [name, r] of Object.entries(o)) checkResource(r, [...at, name], out);
}

const typeRule = 'must be 2 to 63 letters, digits or "-", starting and ending with a letter or digit';

function checkResource(v: unknown, at: Path, out: Issues): void {
  const o = mapping(v, at, out, 'A resource');
  if (!o) return;
  knownKeys(o, ['type', 'class', 'id', 'metadata', 'params'], at, out, `resource "${at[at.length - 1]}"`);
  required(o, 'type', at, out, 'A resource needs a type, e.g. postgres, redis, dns, route or volume', (t, p) =>
    text(t, p, out, { pattern: scorePatterns.resourceType, rule: typeRule }),
  );
  optional(o, 'class', at, out, (c, p) => text(c, p, out, { pattern: scorePatterns.resourceType, rule: typeRule }));
  optional(o, 'id', at, out, (c, p) =>
    text(c, p, out, {
      pattern: scorePatterns.resourceId,
      rule: 'must be lowercase letters, digits and "-", in parts separated by "."',
    }),
  );
  optional(o, 'metadata', at, out, (m, p) => {
    const meta = mapping(m, p, out, 'metadata');
    if (meta) optional(meta, 'annotations', p, out, checkAnnotations);
  });
  optional(o, 'params', at, out, (m, p) => mapping(m, p, out, 'params'));
}
