import { catalogRegister } from './catalog-register.ts';
import { catalogWrite } from './catalog-write.ts';
import type { TemplateAction } from './context.ts';
import { debugLog, debugWait } from './debug.ts';
import { fetchPlain, fetchPlainFile, fetchTemplate } from './fetch.ts';
import { fsDelete, fsRename } from './fs.ts';
import { publishGit } from './publish-git.ts';
import { publishTo, requestTo } from './publish-provider.ts';
import { slipwayDeploy } from './slipway-deploy.ts';

/** The actions a template may name; anything else fails the run before a step runs. */
export const templateActions: Readonly<Record<string, TemplateAction>> = {
  'fetch:template': fetchTemplate,
  'fetch:plain': fetchPlain,
  'fetch:plain:file': fetchPlainFile,
  'publish:git': publishGit,
  'publish:github': publishTo('github'),
  'publish:gitlab': publishTo('gitlab'),
  'publish:gitea': publishTo('gitea'),
  'publish:github:pull-request': requestTo('github'),
  'publish:gitlab:merge-request': requestTo('gitlab'),
  'publish:gitea:pull-request': requestTo('gitea'),
  'catalog:register': catalogRegister,
  'catalog:write': catalogWrite,
  'slipway:deploy': slipwayDeploy,
  'fs:delete': fsDelete,
  'fs:rename': fsRename,
  'debug:log': debugLog,
  'debug:wait': debugWait,
};
