import { posix } from 'node:path';
import { type LocationProblem, yamlValue } from '@slipway/core';
import { parseDocument } from 'yaml';
import { maxCatalogFileBytes } from './url-reader.ts';
import type { YamlDocument } from './yaml-documents.ts';

/**
 * Backstage's placeholders: a value written `{ $text: ./openapi.yaml }` becomes that file's
 * text, `$json` and `$yaml` its parsed content. Targets are relative to the file holding them
 * (a git location reads them from the same commit, never outside the repository; a url
 * location from the same server) or absolute http(s) URLs, which pass the allow-list like a
 * location. What they read is not searched for placeholders again (no loops, no fan-out).
 */
export interface PlaceholderReader {
  /** The text at `target`, as seen from the catalog file `from`. */
  read(from: string, target: string): Promise<string>;
}

const kinds = ['$text', '$json', '$yaml'] as const;
type Kind = (typeof kinds)[number];

// A document naming more files than this is refused: each is a read of up to 1 MiB.
const maxPlaceholdersPerDocument = 20;

interface Found {
  kind: Kind;
  target: string;
  /** Puts the resolved value where the placeholder stood. */
  set: (value: unknown) => void;
}

/**
 * Resolves the placeholders of parsed documents. A document whose placeholder cannot be read is
 * left out, with a problem naming the file, the placeholder and why; the others are kept.
 */
export async function resolvePlaceholders(
  documents: YamlDocument[],
  reader: PlaceholderReader,
): Promise<{ documents: YamlDocument[]; problems: LocationProblem[] }> {
  const kept: YamlDocument[] = [];
  const problems: LocationProblem[] = [];
  for (const doc of documents) {
    if (doc.error !== undefined) {
      kept.push(doc);
      continue;
    }
    const found: Found[] = [];
    const root = { value: doc.value };
    collect(root, 'value', found);
    try {
      if (found.length > maxPlaceholdersPerDocument) {
        throw new Error(
          `it has ${found.length} placeholders, more than the ${maxPlaceholdersPerDocument} Slipway reads`,
        );
      }
      for (const placeholder of found) placeholder.set(await resolveOne(placeholder, doc.path, reader));
      kept.push({ ...doc, value: root.value });
    } catch (error) {
      const where = `${doc.path}${doc.index > 0 ? ` (document ${doc.index + 1})` : ''}`;
      problems.push({ sourcePath: doc.path, kind: 'fetch', message: `${where}: ${(error as Error).message}` });
    }
  }
  return { documents: kept, problems };
}

function collect(parent: Record<string, unknown> | unknown[], key: string | number, found: Found[]): void {
  const value = (parent as Record<string | number, unknown>)[key];
  if (typeof value !== 'object' || value === null) return;
  const keys = Object.keys(value);
  const kind = keys.length === 1 && (kinds as readonly string[]).includes(keys[0] as string) ? (keys[0] as Kind) : null;
  if (kind) {
    const target = (value as Record<string, unknown>)[kind];
    const set = (resolved: unknown) => {
      (parent as Record<string | number, unknown>)[key] = resolved;
    };
    found.push({ kind, target: typeof target === 'string' ? target : '', set });
    return;
  }
  for (const child of Array.isArray(value) ? value.keys() : keys)
    collect(value as Record<string, unknown>, child as string, found);
}

async function resolveOne(placeholder: Found, from: string, reader: PlaceholderReader): Promise<unknown> {
  const { kind, target } = placeholder;
  if (!target) throw new Error(`${kind} needs a file or URL as its value`);
  let text: string;
  try {
    text = await reader.read(from, target);
  } catch (error) {
    throw new Error(`${kind} ${target} could not be read: ${(error as Error).message}`);
  }
  if (Buffer.byteLength(text) > maxCatalogFileBytes)
    throw new Error(`${kind} ${target} is larger than ${maxCatalogFileBytes} bytes`);
  if (kind === '$text') return text;
  if (kind === '$json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`${kind} ${target} is not JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(text);
  if (doc.errors[0]) throw new Error(`${kind} ${target} is not YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const read = yamlValue(doc);
  if ('refused' in read) throw new Error(`${kind} ${target} is refused: ${read.refused}`);
  return read.value;
}

/** A relative target from a file of a repository, kept inside it; null when it would leave. */
export function repositoryPath(from: string, target: string): string | null {
  const joined = posix.normalize(posix.join(posix.dirname(from), target));
  return joined.startsWith('../') || joined === '..' || posix.isAbsolute(joined) ? null : joined;
}

export function isUrl(target: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target);
}
