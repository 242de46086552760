import { catalogRegister } from './catalog-register.ts';
import type { TemplateAction } from './context.ts';
import { fetchPlain, fetchTemplate } from './fetch.ts';
import { publishGit } from './publish-git.ts';
import { publishTo, requestTo } from './publish-provider.ts';
import { slipwayDeploy } from './slipway-deploy.ts';

/** The actions a template may name; anything else fails the run before a step runs. */
export const templateActions: Readonly<Record<string, TemplateAction>> = {
  'fetch:template': fetchTemplate,
  'fetch:plain': fetchPlain,
  'publish:git': publishGit,
  'publish:github': publishTo('github'),
  'publish:gitlab': publishTo('gitlab'),
  'publish:gitea': publishTo('gitea'),
  'publish:github:pull-request': requestTo('github'),
  'publish:gitlab:merge-request': requestTo('gitlab'),
  'publish:gitea:pull-request': requestTo('gitea'),
  'catalog:register': catalogRegister,
  'slipway:deploy': slipwayDeploy,
  'debug:log': {
    safeInDryRun: true,
    async run(context) {
      const message = context.input.message;
      await context.log(typeof message === 'string' ? message : JSON.stringify(message ?? null));
      return {};
    },
  },
};
