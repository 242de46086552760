import type { TemplateDefinition } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { LocationAllowList } from '../../catalog/url-policy.ts';
import type { Schema } from '../../db/schema.ts';
import type { DeployOutcome, DeployRequest } from '../../deploy/service.ts';
import type { Integrations } from '../../integrations/integrations.ts';
import type { TemplateCheckout } from '../checkout.ts';
import type { TemplateSandbox } from '../sandbox/sandbox.ts';
import type { Workspace } from '../workspace.ts';

/** What an action may use: its rendered input, the workspace, and the platform's services. */
export interface ActionContext {
  input: Record<string, unknown>;
  workspace: Workspace;
  template: TemplateDefinition;
  run: { id: string; owner: string | null; createdBy: string; dryRun: boolean };
  /** The template's own files (its `./skeleton`), fetched on first use. */
  templateFiles(): Promise<TemplateCheckout>;
  /** The run's Nunjucks sandbox: actions that render (fetch:template) render there. */
  sandbox: TemplateSandbox;
  log(message: string): Promise<void>;
  services: ActionServices;
  /**
   * The branch each publish step of this run pushed, by remote URL: a later step reading that
   * repository (catalog:register) reads that branch, not whatever the remote's HEAD names.
   */
  pushedBranches: Map<string, string>;
}

export interface ActionServices {
  db: Kysely<Schema>;
  allow: LocationAllowList;
  /** The operator's Git hosts: credentials and APIs for the publish actions. */
  integrations?: Integrations;
  catalog: {
    registerLocation(
      input: { type: 'git' | 'url'; target: string; ref?: string; paths?: string[] },
      actor: string,
    ): Promise<{
      location: { id: string };
      outcome: { result: string; message?: string };
      /** How many entities the location holds, and the problems of its read. */
      entities: number;
      errors: Array<{ message: string }>;
    }>;
    deleteLocation(id: string): Promise<void>;
  } | null;
  deployments: { deploy(request: DeployRequest, actor: string): Promise<DeployOutcome> };
}

export interface TemplateAction {
  /** Runs in a dry run too (it only writes the workspace). */
  safeInDryRun: boolean;
  run(context: ActionContext): Promise<Record<string, unknown>>;
}

export function stringInput(context: ActionContext, name: string, fallback?: string): string {
  const value = context.input[name];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`input "${name}" is required and must be a string`);
}
