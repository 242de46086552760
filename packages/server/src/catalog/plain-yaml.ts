/**
 * A fast reader for plain catalog files. Nearly every catalog-info.yaml is maps, lists and
 * scalars; js-yaml reads those about ten times faster than `yaml` (at 100,000 entities on
 * PostgreSQL, YAML took 32.6 of the server's 91.6 CPU-s; now 3.7 of 59.0). `yaml` stays the
 * reader of record: it reports each broken document on its own with its position, guards
 * against alias explosions, and is what Backstage reads catalogs with. So this path takes a
 * file only when both must read it alike, and answers null for anything else:
 * - the text uses nothing on which the two differ or `yaml` has a guard (`needsYaml`);
 * - js-yaml reads it without complaint (duplicate keys, bad indentation: `yaml` reports them);
 * - scalars resolve by YAML 1.2's core schema as `yaml` applies it (js-yaml's own core schema
 *   also reads `0b101`, `-0x1` and `+0o7` as numbers and `-.5` as a string).
 * plain-yaml.test.ts holds the two readers to the same answers over scalar and document grids,
 * the repository's YAML fixtures and thousands of mutations of them.
 */
import { FAILSAFE_SCHEMA, loadAll, Type } from 'js-yaml';

/**
 * Text that goes to `yaml`: anchors and aliases (its explosion guard), tags, directives, merge
 * keys, complex keys (`?`, a flow collection as a key), tabs, backslash escapes, a quoted
 * scalar running onto the next line, a comment glued to a closing quote, and null or empty
 * keys (js-yaml names them `null`, `yaml` ""). Over-broad on purpose: a false alarm only costs
 * the slow reader. Linear in the text: no two parts of it can match the same run of
 * whitespace, and what is anchored at a line's start stays on that line (a version with
 * `^\s*` took 97 s over 5,000 blank lines).
 */
const needsYaml =
  /[&*!\t\\]|^%|<<|^[ -]*[[{?]|[[{,]\s*[[{]|["']#|(^|[:,[{-]\s+)"[^"\n]*$|(^|[:,[{-]\s+)'([^'\n]|'')*$|(^[ -]*|[{,]\s*)((~|null|Null|NULL) *)?:(\s|$)/m;

// YAML 1.2's core schema, as `yaml` resolves it (its schema/core folder).
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => /^(?:~|null|Null|NULL)?$/.test(s),
  construct: () => null,
});
const bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(s),
  construct: (s: string) => s[0] === 't' || s[0] === 'T',
});
const int = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => /^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/.test(s),
  construct: (s: string) =>
    s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10),
});
const float = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) =>
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s) ||
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s),
  construct: (s: string) =>
    /nan$/i.test(s)
      ? Number.NaN
      : /inf$/i.test(s)
        ? s.startsWith('-')
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY
        : parseFloat(s),
});
const core = FAILSAFE_SCHEMA.extend({ implicit: [nullType, bool, int, float] });

/** The documents of a plain file as [index, value] (empty documents left out), or null when `yaml` must read it. */
export function readPlainYaml(text: string): Array<{ index: number; value: unknown }> | null {
  if (needsYaml.test(text)) return null;
  const documents: Array<{ index: number; value: unknown }> = [];
  let index = 0;
  try {
    loadAll(
      text,
      (value) => {
        if (value !== null && value !== undefined) documents.push({ index, value });
        index++;
      },
      { schema: core },
    );
  } catch {
    return null;
  }
  return documents;
}
