/**
 * `fetch:template` and `fetch:plain`: the template's own files, or a folder of a repository on
 * one of the operator's Git hosts (its web page's URL, as Backstage templates write it), rendered
 * or copied into the workspace. Folders are read through a checkout that refuses links leading
 * out of its repository; links inside the folder are left out, and the log says which.
 */

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import {
  invalidInput,
  limitError,
  parseTreeUrl,
  type SkeletonFile,
  SlipwayError,
  templateLimits,
  workspacePath,
} from '@slipway/core';
import { runGit } from '../../catalog/git.ts';
import { remoteAccess } from '../../integrations/remote-access.ts';
import { TemplateCheckout } from '../checkout.ts';
import { renderSkeleton } from '../sandbox/skeleton.ts';
import { type ActionContext, stringInput, type TemplateAction } from './context.ts';

const isRemote = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

async function readSource(context: ActionContext): Promise<SkeletonFile[]> {
  const url = stringInput(context, 'url');
  const { files, links } = isRemote(url)
    ? await inRemoteCheckout(context, url, (checkout, path) => checkout.readFolder(path || '.'))
    : await (await context.templateFiles()).readFolder(url);
  for (const link of links) await context.log(`left out ${posix.join(url, link)}: symlinks are not copied`);
  await context.log(`read ${files.length} files from ${url}`);
  return files;
}

/** One regular file of the template's repository, or of a host's page (…/blob/REF/PATH). */
async function readOneFile(context: ActionContext, url: string): Promise<SkeletonFile> {
  const read = async (checkout: TemplateCheckout, path: string): Promise<SkeletonFile> => {
    const real = await checkout.resolve(path);
    const info = await stat(real);
    if (!info.isFile())
      throw invalidInput(`fetch url "${url}" is not a file`, [{ path: '/input/url', message: 'names a folder' }]);
    if (info.size > templateLimits.fileBytes)
      throw limitError(`File ${url} is ${info.size.toLocaleString('en')} bytes`, 'fileBytes', templateLimits.fileBytes);
    return { path: '', content: await readFile(real), ...(info.mode & 0o111 ? { executable: true } : {}) };
  };
  return isRemote(url) ? inRemoteCheckout(context, url, read) : read(await context.templateFiles(), url);
}

/**
 * A folder page of an integration's host (github …/tree/REF/PATH, gitlab …/-/tree/…, gitea
 * …/src/branch/…), read from a shallow clone of that ref, made with the host's token and removed
 * afterwards. The remote passes the catalog's allow-list as any other.
 */
async function inRemoteCheckout<T>(
  context: ActionContext,
  url: string,
  read: (checkout: TemplateCheckout, path: string) => Promise<T>,
): Promise<T> {
  const integration = context.services.integrations?.find(url);
  const where = integration ? parseTreeUrl(url, integration.kind) : null;
  if (!integration || !where)
    throw invalidInput(`fetch url "${url}" is not a folder Slipway can read`, [
      {
        path: '/input/url',
        message: integration
          ? `not a folder page of a ${integration.kind} host (e.g. https://HOST/OWNER/REPO/tree/main/PATH on GitHub)`
          : "a path relative to the template, or a folder page of a host in the server's integrations",
      },
    ]);
  const { git } = await remoteAccess(where.remote, context.services.allow, context.services.integrations);
  const clone = await mkdtemp(join(tmpdir(), 'slipway-fetch-'));
  try {
    await runGit(['clone', '--quiet', '--depth', '1', '--branch', where.ref, '--', where.remote, clone], git);
    await context.log(`cloned ${where.remote} at ${where.ref}`);
    return await read(await TemplateCheckout.open(clone, ''), where.path);
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
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
    if (copyWithoutRender.length)
      await context.log(
        'copyWithoutRender is the deprecated name of copyWithoutTemplating (Backstage renames it); ' +
          'the files it matches are copied with their names and contents as they are',
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

/** `fetch:plain:file`: one file, copied as it is to `targetPath` (a file path in the workspace). */
export const fetchPlainFile: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const url = stringInput(context, 'url');
    const target = workspacePath(stringInput(context, 'targetPath'));
    if (target === '')
      throw invalidInput('fetch:plain:file needs targetPath: the file to write', [
        { path: '/input/targetPath', message: 'a file path in the workspace' },
      ]);
    const file = { ...(await readOneFile(context, url)), path: target };
    await context.workspace.write([file]);
    await context.log(`wrote ${target} from ${url}`);
    return { files: [target] };
  },
};
