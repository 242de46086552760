/**
 * `fs:delete` and `fs:rename`, Backstage's workspace housekeeping: remove what a skeleton
 * brought but this run does not want, move what lands in the wrong place. Only the workspace is
 * touched: paths pass `workspacePath` and the workspace's own checks (no `..`, no link out).
 */
import { invalidInput, matchesAnyGlob, pathRefused, workspacePath } from '@slipway/core';
import type { TemplateAction } from './context.ts';

export const fsDelete: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const patterns = context.input.files;
    if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string' || p === ''))
      throw invalidInput('fs:delete needs files: a list of paths or globs', [
        { path: '/input/files', message: 'a list of paths or globs relative to the workspace' },
      ]);
    // A plain path may name a folder; a glob matches the files written so far.
    const targets = new Set<string>();
    for (const pattern of patterns as string[]) {
      const glob = pattern.replace(/^\.\//, '');
      if (/[*?[{]/.test(glob)) {
        for (const path of context.workspace.writtenPaths()) if (matchesAnyGlob(path, [glob])) targets.add(path);
        continue;
      }
      const path = workspacePath(glob);
      if (path === '') throw pathRefused(pattern, 'the workspace itself cannot be deleted');
      targets.add(path);
    }
    const deleted: string[] = [];
    for (const path of [...targets].sort()) if (await context.workspace.delete(path)) deleted.push(path);
    await context.log(deleted.length ? `deleted ${deleted.join(', ')}` : 'nothing matched: nothing deleted');
    return { deleted };
  },
};

export const fsRename: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const moves = context.input.files;
    if (!Array.isArray(moves))
      throw invalidInput('fs:rename needs files: a list of { from, to, overwrite }', [
        { path: '/input/files', message: 'a list of { from, to, overwrite }' },
      ]);
    for (const [i, move] of moves.entries()) {
      const { from, to, overwrite } = (move ?? {}) as Record<string, unknown>;
      if (typeof from !== 'string' || typeof to !== 'string' || from === '' || to === '')
        throw invalidInput(`fs:rename: entry ${i} needs from and to`, [
          { path: `/input/files/${i}`, message: 'from and to: paths relative to the workspace' },
        ]);
      await context.workspace.move(from, to, overwrite === true);
      await context.log(`moved ${from} to ${to}`);
    }
    return {};
  },
};
