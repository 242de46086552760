import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import {
  type DocumentedEntity,
  deleteDocPages,
  documentedEntities,
  storedPageHashes,
  writeDocPage,
} from '../db/stores/catalog-docs.ts';
import { docsFolder, markdownPages, maxPageBytes } from './docs-folder.ts';
import { renderPage } from './render.ts';

/** Reads files of one commit of the location's repository: the cache ingestion just fetched. */
export interface RepositoryFiles {
  listFiles(revision: string): Promise<string[]>;
  readFiles(revision: string, paths: readonly string[]): Promise<Map<string, string>>;
}

export interface DocsSyncResult {
  written: number;
  deleted: number;
  skipped: string[];
}

/**
 * Brings the stored docs of a location's entities in line with one commit: pages rendered
 * anew, only the changed ones written, the vanished ones deleted. Files over the size cap
 * are skipped and reported.
 */
export async function syncLocationDocs(
  db: Kysely<Schema>,
  input: { locationId: string; revision: string; files: RepositoryFiles; apiBase: string; now: Date },
): Promise<DocsSyncResult> {
  const entities = await documentedEntities(db, input.locationId);
  const stored = await storedPageHashes(
    db,
    entities.map((e) => e.id),
  );
  const result: DocsSyncResult = { written: 0, deleted: 0, skipped: [] };
  let all: string[] | undefined;
  for (const entity of entities) {
    const folder = docsFolder(entity.entity, entity.sourcePath);
    const old = stored.get(entity.id) ?? new Map<string, string>();
    if (folder === null && old.size === 0) continue;
    all ??= await input.files.listFiles(input.revision);
    const pages = folder === null ? new Map() : await readPages(input, all, folder, result.skipped);
    const rendered = renderEntityPages(entity, pages, input.apiBase);
    for (const page of rendered) {
      if (old.get(page.path) === page.hash) continue;
      await writeDocPage(db, { entityId: entity.id, ...page }, input.now);
      result.written++;
    }
    const gone = [...old.keys()].filter((p) => !pages.has(p));
    await deleteDocPages(db, entity.id, gone);
    result.deleted += gone.length;
  }
  return result;
}

async function readPages(
  input: { revision: string; files: RepositoryFiles },
  all: string[],
  folder: string,
  skipped: string[],
): Promise<Map<string, string>> {
  const paths = markdownPages(all, folder);
  const contents = await input.files.readFiles(
    input.revision,
    paths.map((p) => posix.join(folder, p)),
  );
  const pages = new Map<string, string>();
  for (const path of paths) {
    const text = contents.get(posix.join(folder, path));
    if (text === undefined) continue;
    if (Buffer.byteLength(text) > maxPageBytes) skipped.push(posix.join(folder, path));
    else pages.set(path, text);
  }
  return pages;
}

function renderEntityPages(entity: DocumentedEntity, pages: Map<string, string>, apiBase: string) {
  const pagesBase = `${apiBase}/catalog/entities/${refPath(entity.ref)}/docs`;
  const names = new Set(pages.keys());
  return [...pages].map(([path, source]) => {
    const page = renderPage(source, { path, pages: names, pagesBase });
    const hash = createHash('sha256')
      .update(JSON.stringify([page.title, page.html, page.text]))
      .digest('hex');
    return { path, ...page, hash };
  });
}

/** component:default/web → component/default/web, each part escaped for a URL. */
function refPath(ref: string): string {
  const [kind = '', rest = ''] = ref.split(/:(.*)/s);
  const [namespace = '', name = ''] = rest.split(/\/(.*)/s);
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}
