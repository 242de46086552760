/**
 * Rendering of a template run's `${{ … }}` with Nunjucks, in a sandbox process (process.ts)
 * that the run keeps for all its renders: a template with 200 files is one process, not 200.
 * Requests go one at a time. A render that fails says where — the step's field, or the
 * skeleton file — in Nunjucks' own words; every failure is invalid_input. What the renders make
 * is taken from the run's RenderBudget (templateLimits.expressionWork).
 */
import { type FieldIssue, jsonPointer, RenderBudget, SlipwayError } from '@slipway/core';
import { type SandboxOptions, SandboxProcess } from './process.ts';

export interface ValueSite {
  /** Says what is rendered, first in the message: "Step publish". */
  what: string;
  /** JSON Pointer of the value in the template: `/spec/steps/2/input`. */
  path: string;
}

export class TemplateSandbox {
  #process: SandboxProcess | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #started = 0;

  constructor(
    private readonly budget: RenderBudget = new RenderBudget(),
    private readonly options: SandboxOptions = {},
  ) {}

  /** Renders every string in `input` as Backstage does; a lone expression keeps its JSON type. */
  async value(input: unknown, values: Record<string, unknown>, site: ValueSite): Promise<unknown> {
    const answer = await this.#ask({ op: 'value', input, values });
    if (typeof answer.error === 'string') {
      const where = `${site.path}${jsonPointer((answer.path as string[] | undefined) ?? [])}`;
      throw new SlipwayError('invalid_input', `${site.what}, ${where}: ${tidy(answer.error)}`, {
        fields: [{ path: where, message: tidy(answer.error) }],
      });
    }
    this.budget.spend(JSON.stringify(answer.value ?? null).length);
    return answer.value;
  }

  /** Renders one text (a skeleton file's name or content); `what` names it in an error. */
  async text(text: string, values: Record<string, unknown>, what: string): Promise<string> {
    const answer = await this.#ask({ op: 'text', text, values });
    if (typeof answer.error === 'string') throw new SlipwayError('invalid_input', `${what}: ${tidy(answer.error)}`);
    const out = answer.value as string;
    this.budget.spend(out.length);
    return out;
  }

  /** What in `input` cannot render, whatever the values: syntax, unknown filters, `constructor`. */
  async check(input: unknown, path: string): Promise<FieldIssue[]> {
    const answer = await this.#ask({ op: 'check', input });
    if (typeof answer.error === 'string') return [{ path, message: tidy(answer.error) }];
    return (answer.problems as Array<{ path: string[]; message: string }>).map((p) => ({
      path: `${path}${jsonPointer(p.path)}`,
      message: tidy(p.message),
    }));
  }

  /** How many processes this sandbox has started: one, unless a render was killed. */
  get processesStarted(): number {
    return this.#started;
  }

  close(): void {
    this.#process?.close();
    this.#process = null;
  }

  #ask(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    const next = this.#queue.then(() => {
      if (!this.#process?.alive) {
        this.#process = new SandboxProcess(this.options);
        this.#started++;
      }
      return this.#process.request(message);
    });
    this.#queue = next.catch(() => {});
    return next;
  }
}

/** Nunjucks' "(unknown path) [Line 1, Column 4]\n  Error: …" on one line, without the unknown path. */
function tidy(message: string): string {
  return message
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^Error: /, '')
    .trim();
}
