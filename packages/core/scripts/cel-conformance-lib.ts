/**
 * The conformance runner behind scripts/cel-conformance.ts and test/cel/conformance.test.ts: turns
 * the cel-spec simple tests (JSON form from @bufbuild/cel-spec) into (expression, bindings,
 * expected) triples and runs them through one library's adapter.
 */
import { tests as conformance } from '@bufbuild/cel-spec/testdata/conformance.js';

/** The sections that matter for expressions over JSON-like data (no protobuf messages). */
export const conformanceSections = [
  'basic',
  'comparisons',
  'conversions',
  'fields',
  'fp_math',
  'integer_math',
  'lists',
  'logic',
  'macros',
  'macros2',
  'parse',
  'plumbing',
  'string',
  'timestamps',
  'type_deductions',
] as const;

export interface ConformanceTally {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

/** What a library must do: evaluate or say it failed (a thrown error or an error value). */
type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
type Adapter = (expr: string, bindings: Record<string, unknown>) => Outcome;
/** ints come in as bigint for libraries that model CEL int as bigint, as number for the others. */
interface Candidate {
  run: Adapter;
  bigints: boolean;
}

async function loadCandidate(library: string): Promise<Candidate> {
  if (library === '@bufbuild/cel') {
    // Typed by hand: only the chosen library stays installed, the others are added to compare.
    const cel = (await import(library)) as {
      run(expr: string, bindings: unknown): unknown;
      isCelError(v: unknown): v is Error;
    };
    return {
      bigints: true,
      run: (expr, bindings) => {
        const value = cel.run(expr, bindings);
        return cel.isCelError(value) ? { ok: false, error: value.message } : { ok: true, value };
      },
    };
  }
  if (library === '@marcbachmann/cel-js') {
    const { Environment } = await import(library as '@marcbachmann/cel-js');
    const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
    return { bigints: true, run: (expr, bindings) => ({ ok: true, value: env.evaluate(expr, bindings) }) };
  }
  const celJs = (await import(library)) as { evaluate(e: string, c: unknown): unknown };
  return { bigints: false, run: (expr, bindings) => ({ ok: true, value: celJs.evaluate(expr, bindings) }) };
}

/** Runs the chosen sections through `library`; rejects when the library is not installed. */
export async function runConformance(library: string): Promise<Record<string, ConformanceTally>> {
  const candidate = await loadCandidate(library);
  const tally: Record<string, ConformanceTally> = {};
  const total: ConformanceTally = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const section of conformanceSections) {
    const t: ConformanceTally = { passed: 0, failed: 0, errored: 0, skipped: 0 };
    for (const test of testsOf(section)) t[runOne(candidate, test)]++;
    tally[section] = t;
    for (const k of Object.keys(t) as Array<keyof ConformanceTally>) total[k] += t[k];
  }
  tally.total = total;
  return tally;
}

interface SerializedSuite {
  name: string;
  suites?: SerializedSuite[];
  tests?: Array<{ original: JsonObj }>;
}

function testsOf(section: string): JsonObj[] {
  const root = conformance as unknown as SerializedSuite;
  const suite = root.suites?.find((s) => s.name === section);
  const out: JsonObj[] = [];
  const walk = (s: SerializedSuite): void => {
    for (const t of s.tests ?? []) out.push(t.original);
    for (const sub of s.suites ?? []) walk(sub);
  };
  if (suite) walk(suite);
  return out;
}

function runOne(candidate: Candidate, test: JsonObj): keyof ConformanceTally {
  if (needsProtobuf(test)) return 'skipped';
  const bindings: Record<string, unknown> = {};
  for (const [name, b] of Object.entries((test.bindings ?? {}) as JsonObj)) {
    bindings[name] = fromValue((b as JsonObj).value as JsonObj, candidate.bigints);
  }
  const expectError = test.evalError !== undefined;
  let outcome: Outcome;
  try {
    outcome = candidate.run(String(test.expr), bindings);
  } catch (error) {
    outcome = { ok: false, error: String(error) };
  }
  if (expectError) return outcome.ok ? 'failed' : 'passed';
  if (!outcome.ok) return 'errored';
  const expected = test.value === undefined ? true : fromValue(test.value as JsonObj, candidate.bigints);
  return canonical(outcome.value) === canonical(expected) ? 'passed' : 'failed';
}

function needsProtobuf(test: JsonObj): boolean {
  const text = JSON.stringify([test.value ?? null, test.bindings ?? null, test.typeEnv ?? null]);
  return (
    test.container !== undefined ||
    test.typedResult !== undefined ||
    test.anyEvalErrors !== undefined ||
    test.unknown !== undefined ||
    text.includes('objectValue') ||
    text.includes('messageType') ||
    text.includes('enumValue')
  );
}

/** cel.expr.Value (JSON form) to a plain JS value. */
function fromValue(v: JsonObj, bigints: boolean): unknown {
  const [kind, raw] = Object.entries(v)[0] ?? ['nullValue', null];
  switch (kind) {
    case 'int64Value':
    case 'uint64Value':
      return bigints ? BigInt(raw as string) : Number(raw);
    case 'doubleValue':
      return Number(raw);
    case 'bytesValue':
      return Uint8Array.from(Buffer.from(String(raw), 'base64'));
    case 'listValue':
      return (((raw as JsonObj).values ?? []) as JsonObj[]).map((x) => fromValue(x, bigints));
    case 'mapValue':
      return new Map(
        (((raw as JsonObj).entries ?? []) as JsonObj[]).map((e) => [
          fromValue(e.key as JsonObj, bigints),
          fromValue(e.value as JsonObj, bigints),
        ]),
      );
    case 'nullValue':
      return null;
    case 'typeValue':
      return { type: raw };
    default:
      return raw;
  }
}

/** A library-neutral rendering: numbers by value, lists and maps structurally, maps key-sorted. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return `n:${v}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'n:NaN' : `n:${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (v instanceof Uint8Array) return `b:${Buffer.from(v).toString('hex')}`;
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string | symbol, unknown> & { entries?: () => Iterable<[unknown, unknown]> };
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Map || (typeof o.entries === 'function' && !(Symbol.iterator in o) && !('type' in o))) {
    const entries = [...(o.entries as () => Iterable<[unknown, unknown]>)()];
    return `{${entries
      .map(([k, x]) => `${canonical(k)}:${canonical(x)}`)
      .sort()
      .join(',')}}`;
  }
  if (Symbol.iterator in o) return `[${[...(v as Iterable<unknown>)].map(canonical).join(',')}]`;
  if ('value' in o && Object.keys(o).length <= 1) return canonical(o.value);
  if ('type' in o) return `t:${String(o.type)}`;
  if (typeof o.name === 'string') return `t:${o.name}`;
  return JSON.stringify(Object.fromEntries(Object.entries(o).map(([k, x]) => [k, canonical(x)])));
}
