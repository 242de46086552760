/** `catalog:register`: the published repository becomes a catalog location, read at once. */
import { readFile } from 'node:fs/promises';
import { SlipwayError, workspacePath } from '@slipway/core';
import { parse } from 'yaml';
import { type ActionContext, stringInput, type TemplateAction } from './context.ts';

export const catalogRegister: TemplateAction = {
  safeInDryRun: false,
  async run(context) {
    const catalog = context.services.catalog;
    if (!catalog) throw new SlipwayError('not_configured', 'The catalog is not available on this server');
    const target = stringInput(context, 'repoContentsUrl');
    const path = workspacePath(stringInput(context, 'catalogInfoPath', '/catalog-info.yaml').replace(/^\/+/, ''));
    // Named, or the branch this run pushed there: a remote whose HEAD names another branch
    // (plain `git init --bare`: master) would otherwise be read at a branch it lacks.
    const ref =
      typeof context.input.ref === 'string' && context.input.ref !== ''
        ? context.input.ref
        : context.pushedBranches.get(target);
    const registered = await catalog.registerLocation(
      { type: 'git', target, paths: [path], ...(ref ? { ref } : {}) },
      context.run.createdBy,
    );
    // Nothing readable there (the read failed, or the file holds no entity, only errors): the
    // location goes again, so a failed run leaves nothing behind and a retry can register anew.
    const unreadable =
      registered.outcome.result === 'failed'
        ? (registered.outcome.message ?? '')
        : registered.entities === 0 && registered.errors.length > 0
          ? registered.errors.map((e) => e.message).join('; ')
          : null;
    if (unreadable !== null) {
      await catalog.deleteLocation(registered.location.id);
      throw new SlipwayError(
        'unavailable',
        `The catalog could not read ${path} in ${target}, so it was not registered: ${unreadable}`,
      );
    }
    await context.log(`registered ${target} (${path}) as location ${registered.location.id}`);
    const entityRef = await entityRefOf(context, path);
    return { locationId: registered.location.id, ...(entityRef ? { entityRef } : {}) };
  },
};

/** The first entity of the registered file, as the workspace holds it. */
async function entityRefOf(context: ActionContext, path: string): Promise<string | null> {
  const text = await readFile(await context.workspace.resolve(path), 'utf8').catch(() => null);
  const doc =
    text === null ? null : (parse(text) as { kind?: string; metadata?: { name?: string; namespace?: string } });
  if (!doc?.kind || !doc.metadata?.name) return null;
  return `${doc.kind}:${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`.toLowerCase();
}
