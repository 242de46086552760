import { yamlValue } from '@slipway/core';
import { parseAllDocuments } from 'yaml';
import { readPlainYaml } from './plain-yaml.ts';

/** One document of a catalog file: its value, or why it could not be read. */
export type YamlDocument =
  | { path: string; index: number; value: unknown; error?: undefined }
  | { path: string; index: number; error: string };

/**
 * Splits a file into its YAML documents. A broken document is reported on its own, with the
 * file and its position, and does not stop the others from being read.
 */
export function parseYamlDocuments(path: string, text: string): YamlDocument[] {
  return readPlainYaml(text)?.map((doc) => ({ path, ...doc })) ?? readWithYaml(path, text);
}

/** The reader of record (see plain-yaml.ts for when the fast one stands in for it). */
export function readWithYaml(path: string, text: string): YamlDocument[] {
  const out: YamlDocument[] = [];
  parseAllDocuments(text, { prettyErrors: true }).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      out.push({ path, index, error: doc.errors.map((e) => e.message.split('\n')[0]).join('; ') });
      return;
    }
    // An alias explosion fails this document, named; the location's others are still read.
    const read = yamlValue(doc);
    if ('refused' in read) {
      out.push({ path, index, error: read.refused });
      return;
    }
    // Empty documents (a trailing `---`) are not entities and not errors.
    if (read.value !== null && read.value !== undefined) out.push({ path, index, value: read.value });
  });
  return out;
}
