/** `catalog:write`: an entity given as data written as a catalog file in the workspace, as Backstage does. */
import { invalidInput } from '@slipway/core';
import { stringify } from 'yaml';
import { stringInput, type TemplateAction } from './context.ts';

export const catalogWrite: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    // `component` is the input's older name, which templates such as rails-demo still use.
    const entity = context.input.entity ?? context.input.component;
    if (context.input.entity === undefined && context.input.component !== undefined)
      await context.log('catalog:write: component is the older name of entity');
    if (entity === null || typeof entity !== 'object' || Array.isArray(entity))
      throw invalidInput('catalog:write needs entity: the entity to write, as an object', [
        { path: '/input/entity', message: 'an object (apiVersion, kind, metadata, spec)' },
      ]);
    const path = stringInput(context, 'filePath', 'catalog-info.yaml');
    await context.workspace.write([{ path, content: new TextEncoder().encode(stringify(entity)) }]);
    await context.log(`wrote ${path}`);
    return {};
  },
};
