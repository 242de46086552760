/**
 * `fetch:template`'s rendering, as Backstage's does it: each file's name and its text are
 * rendered by Nunjucks with `{ values }` (in the run's sandbox); binary files and those matched
 * by `copyWithoutTemplating` keep their content; `copyWithoutRender` (Backstage's older option)
 * leaves names and contents alone. Every path passes core's `workspacePath`.
 */
import { asText, matchesAnyGlob, type SkeletonFile, workspacePath } from '@slipway/core';
import type { TemplateSandbox } from './sandbox.ts';

export interface SkeletonOptions {
  /** Where under the workspace the files go. */
  targetPath?: string;
  /** Globs of skeleton paths copied as they are (their names are still rendered). */
  copyWithoutTemplating?: readonly string[];
  /** Globs of paths whose names and contents are both left as they are. */
  copyWithoutRender?: readonly string[];
}

const encoder = new TextEncoder();

export async function renderSkeleton(
  sandbox: TemplateSandbox,
  files: readonly SkeletonFile[],
  values: Record<string, unknown>,
  options: SkeletonOptions = {},
): Promise<SkeletonFile[]> {
  const context = { values };
  const target = options.targetPath ?? '';
  const rendered: SkeletonFile[] = [];
  for (const file of files) {
    const mode = file.executable ? { executable: true } : {};
    if (matchesAnyGlob(file.path, options.copyWithoutRender ?? [])) {
      rendered.push({ path: workspacePath(target, file.path), content: file.content, ...mode });
      continue;
    }
    const name = await sandbox.text(file.path, context, `The name of skeleton file ${file.path}`);
    const path = workspacePath(target, name);
    const text = matchesAnyGlob(file.path, options.copyWithoutTemplating ?? []) ? null : asText(file.content);
    const content =
      text === null ? file.content : encoder.encode(await sandbox.text(text, context, `Skeleton file ${file.path}`));
    rendered.push({ path, content, ...mode });
  }
  return rendered;
}
