/**
 * `fetch:template` and `fetch:plain`: the template's own files, rendered or copied, into the
 * workspace. The folder is read through the template's checkout, which refuses links leading
 * out of its repository; links inside the folder are left out, and the log says which.
 */

import { posix } from 'node:path';
import { type SkeletonFile, SlipwayError, workspacePath } from '@slipway/core';
import { renderSkeleton } from '../sandbox/skeleton.ts';
import { type ActionContext, stringInput, type TemplateAction } from './context.ts';

async function readSource(context: ActionContext): Promise<SkeletonFile[]> {
  const url = stringInput(context, 'url');
  if (/^[a-z][a-z0-9+.-]*:/i.test(url))
    throw new SlipwayError(
      'invalid_input',
      `fetch url "${url}" is refused: only paths relative to the template are read`,
    );
  const { files, links } = await (await context.templateFiles()).readFolder(url);
  for (const link of links) await context.log(`left out ${posix.join(url, link)}: symlinks are not copied`);
  await context.log(`read ${files.length} files from ${url}`);
  return files;
}

function globs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const fetchTemplate: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const values = (context.input.values ?? {}) as Record<string, unknown>;
    const copyWithoutTemplating = globs(context.input.copyWithoutTemplating);
    const copyWithoutRender = globs(context.input.copyWithoutRender);
    if (copyWithoutTemplating.length && copyWithoutRender.length)
      throw new SlipwayError(
        'invalid_input',
        'fetch:template takes copyWithoutTemplating or copyWithoutRender (its older name), not both',
        { fields: [{ path: '/input/copyWithoutRender', message: 'use copyWithoutTemplating only' }] },
      );
    const files = await renderSkeleton(context.sandbox, await readSource(context), values, {
      targetPath: stringInput(context, 'targetPath', './'),
      copyWithoutTemplating,
      copyWithoutRender,
    });
    await context.workspace.write(files);
    for (const file of files) await context.log(`wrote ${file.path}`);
    return { files: files.map((f) => f.path) };
  },
};

export const fetchPlain: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const target = workspacePath(stringInput(context, 'targetPath', './'));
    const files = (await readSource(context)).map((f) => ({ ...f, path: workspacePath(target, f.path) }));
    await context.workspace.write(files);
    for (const file of files) await context.log(`wrote ${file.path}`);
    return { files: files.map((f) => f.path) };
  },
};
