import { posix } from 'node:path';

/** Limits on what one entity's docs may hold: a repository is not a place to read without end. */
export const maxPagesPerEntity = 200;
export const maxPageBytes = 1024 * 1024;

export const techdocsAnnotation = 'backstage.io/techdocs-ref';

/**
 * The folder of the repository holding an entity's Markdown, or null when it has none there.
 * `backstage.io/techdocs-ref: dir:X` names the mkdocs project folder, relative to the entity's
 * file, whose pages are in its `docs/` (mkdocs' default); without the annotation, a `docs/`
 * folder next to the entity's file is used. Other refs (url:…) point outside the repository.
 */
export function docsFolder(entity: Record<string, unknown>, sourcePath: string): string | null {
  const annotations = (entity.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  const ref = annotations?.[techdocsAnnotation];
  const base = posix.dirname(sourcePath);
  if (ref === undefined) return posix.join(base, 'docs');
  if (typeof ref !== 'string' || !ref.startsWith('dir:')) return null;
  const project = posix.normalize(posix.join(base, ref.slice('dir:'.length).trim() || '.'));
  if (project === '..' || project.startsWith('../') || posix.isAbsolute(project)) return null;
  return posix.join(project, 'docs');
}

/** The Markdown files under a folder, as paths relative to it, in order, at most the cap. */
export function markdownPages(files: readonly string[], folder: string): string[] {
  const prefix = folder === '.' ? '' : `${folder}/`;
  return files
    .filter((f) => f.startsWith(prefix) && f.toLowerCase().endsWith('.md'))
    .map((f) => f.slice(prefix.length))
    .sort()
    .slice(0, maxPagesPerEntity);
}
