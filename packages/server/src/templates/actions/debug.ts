/** `debug:log` and `debug:wait`: a line in the run's log, a pause between steps. */
import { invalidInput } from '@slipway/core';
import type { TemplateAction } from './context.ts';

/** Backstage's ceiling for debug:wait. */
const maxWaitMs = 10 * 60_000;

export const debugLog: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const message = context.input.message;
    if (message !== undefined) await context.log(typeof message === 'string' ? message : JSON.stringify(message));
    // Backstage's listWorkspace: the workspace's files, one per line.
    if (context.input.listWorkspace === true)
      for (const file of await context.workspace.files()) await context.log(`workspace: ${file.path}`);
    return {};
  },
};

export const debugWait: TemplateAction = {
  safeInDryRun: true,
  async run(context) {
    const part = (name: string) => {
      const v = context.input[name];
      if (v === undefined) return 0;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw invalidInput(`debug:wait: ${name} must be a number of zero or more`, [
          { path: `/input/${name}`, message: 'a number of zero or more' },
        ]);
      return v;
    };
    const ms = part('minutes') * 60_000 + part('seconds') * 1000 + part('milliseconds');
    if (ms > maxWaitMs)
      throw invalidInput('debug:wait waits at most 10 minutes', [
        { path: '/input', message: `${ms} ms asked; at most ${maxWaitMs}` },
      ]);
    await context.log(`waiting ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return {};
  },
};
