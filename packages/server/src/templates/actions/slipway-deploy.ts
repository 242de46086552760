/** `slipway:deploy`: the first deploy of the generated Score file, owned by the run's team. */
import { readFile } from 'node:fs/promises';
import { parseScore, workspacePath } from '@slipway/core';
import { stringInput, type TemplateAction } from './context.ts';

export const slipwayDeploy: TemplateAction = {
  safeInDryRun: false,
  async run(context) {
    const path = workspacePath(stringInput(context, 'scorePath', 'score.yaml'));
    const workload = parseScore(await readFile(await context.workspace.resolve(path), 'utf8'), path);
    const environment = stringInput(context, 'environment');
    const image = typeof context.input.image === 'string' && context.input.image ? context.input.image : undefined;
    const service =
      typeof context.input.service === 'string' && context.input.service ? context.input.service : undefined;
    const { release, warnings } = await context.services.deployments.deploy(
      {
        environment,
        workload,
        ...(image ? { image } : {}),
        ...(service ? { service } : {}),
        owner: context.run.owner,
        reason: `Created from template ${context.template.name}`,
      },
      context.run.createdBy,
    );
    for (const warning of warnings) await context.log(`warning: ${warning}`);
    const name = service ?? workload.metadata.name;
    await context.log(`release ${release.number} of ${name} queued in ${environment}`);
    return { releaseId: release.id, service: name, environment, number: release.number };
  },
};
