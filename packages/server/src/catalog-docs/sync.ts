import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import {
  type DocumentedEntity,
  deleteDocPages,
  documentedKinds,
  storedPageHashes,
  writeDocPage,
} from '../db/stores/catalog-docs.ts';
import { docsFolder, markdownPages, maxPageBytes } from './docs-folder.ts';
import { renderPage } from './render.ts';

/** Reads files of the commit of the location's repository that ingestion just read. */
export interface RepositoryFiles {
  listFiles(): Promise<string[]>;
  readFiles(paths: readonly string[]): Promise<Map<string, string>>;
}

/** An entity the location holds after its refresh; `created`: it was inserted by it, so it has no pages yet. */
export interface LocationEntity extends DocumentedEntity {
  kind: string;
  created: boolean;
}

export interface DocsSyncResult {
  written: number;
  deleted: number;
  skipped: string[];
}

/**
 * Brings the stored docs of a location's entities in line with one commit: pages rendered
 * anew, only the changed ones written, the vanished ones deleted. Files over the size cap
 * are skipped and reported. Only entities of the kinds with docs are looked at, and only
 * those that existed before the refresh can have pages stored already.
 */
export async function syncLocationDocs(
  db: Kysely<Schema>,
  input: { entities: readonly LocationEntity[]; files: RepositoryFiles; apiBase: string; now: Date },
): Promise<DocsSyncResult> {
  const entities = input.entities.filter((e) => documentedKinds.includes(e.kind));
  const stored = await storedPageHashes(
    db,
    entities.filter((e) => !e.created).map((e) => e.id),
  );
  const result: DocsSyncResult = { written: 0, deleted: 0, skipped: [] };
  let all: string[] | undefined;
  for (const entity of entities) {
    const folder = docsFolder(entity.entity, entity.sourcePath);
    const old = stored.get(entity.id) ?? new Map<string, string>();
    if (folder === null && old.size === 0) continue;
    all ??= await input.files.listFiles();
    const pages = folder === null ? new Map() : await readPages(input.files, all, folder, result.skipped);
    if (pages.size === 0 && old.size === 0) continue;
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
  files: RepositoryFiles,
  all: string[],
  folder: string,
  skipped: string[],
): Promise<Map<string, string>> {
  const paths = markdownPages(all, folder);
  const contents = await files.readFiles(paths.map((p) => posix.join(folder, p)));
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
