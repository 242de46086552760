import type { Document } from 'yaml';

/**
 * Alias uses a YAML file may make: plenty for any real file (anchors for shared settings),
 * far too few for an alias explosion ("billion laughs": a few hundred bytes that expand to
 * gigabytes), which the YAML library then refuses with a ReferenceError.
 */
export const maxYamlAliases = 100;

export const aliasExplosionMessage = `it uses YAML aliases more than ${maxYamlAliases} times, which Slipway does not expand (an alias explosion)`;

/**
 * A parsed document's value, or the reason it is refused: bad input, never a crash of the
 * reader (a ReferenceError escaping to an HTTP handler would be a 500).
 */
export function yamlValue(doc: Document.Parsed): { value: unknown } | { refused: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: maxYamlAliases }) };
  } catch (error) {
    if (error instanceof ReferenceError) return { refused: aliasExplosionMessage };
    throw error;
  }
}
