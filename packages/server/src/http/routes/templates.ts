import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FieldIssue } from '@slipway/core';
import { ownerFor } from '../../access/facts.ts';
import { callerOf } from '../../auth/authorize.ts';
import { fromBody } from '../../auth/rules.ts';
import type { TemplateRun } from '../../db/stores/template-runs.ts';
import { templateProblems, unknownActions } from '../../templates/runner.ts';
import type { SourcedTemplate } from '../../templates/source.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { eventStreamContent, sseEvent } from '../schemas/events.ts';
import { DnsLabel } from '../schemas/releases.ts';
import { sendEventStream } from '../sse.ts';
import type { TypedApp } from '../typed-app.ts';

const errors = { 400: Type.Ref(ErrorResponse), 404: Type.Ref(ErrorResponse), ...authErrors };
const Ref = Type.Object({ namespace: Type.String({ maxLength: 253 }), name: Type.String({ maxLength: 253 }) });
const RunId = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Json = Type.Record(Type.String(), Type.Unknown());

const TemplateView = Type.Object(
  {
    ref: Type.String({ description: 'template:namespace/name' }),
    namespace: Type.String(),
    name: Type.String(),
    title: Type.String(),
    description: Type.String(),
    type: Type.String(),
    tags: Type.Array(Type.String()),
    builtin: Type.Boolean({ description: "One of Slipway's own golden paths" }),
    parameters: Type.Record(Type.String(), Type.Unknown(), { description: 'The parameter pages as one JSON Schema' }),
    pages: Type.Array(
      Type.Object({
        title: Type.String(),
        description: Type.Optional(Type.String()),
        properties: Type.Array(Type.String(), { description: 'The parameters this page asks for, in order' }),
      }),
      { description: 'The form’s pages as the template writes them; `parameters` merges them' },
    ),
    steps: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), action: Type.String() })),
    problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
      description:
        'What stops the template from running, each at its path: unknown actions (in lists and here), and ' +
        'expressions that will not compile (here, when one template is read). Empty: it can run',
    }),
  },
  { $id: 'TemplateView' },
);

const RunView = Type.Object(
  {
    id: Type.String(),
    templateRef: Type.String(),
    parameters: Json,
    status: Type.Union(['queued', 'running', 'succeeded', 'failed'].map((s) => Type.Literal(s))),
    dryRun: Type.Boolean(),
    owner: Type.Union([Type.String(), Type.Null()]),
    steps: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        action: Type.String(),
        status: Type.String({ description: 'pending | running | succeeded | failed | skipped' }),
        startedAt: Type.Union([Type.String(), Type.Null()]),
        finishedAt: Type.Union([Type.String(), Type.Null()]),
        output: Json,
      }),
    ),
    output: Type.Record(Type.String(), Type.Unknown(), {
      description: 'links, entityRef, and for a dry run the files it would write',
    }),
    error: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'TemplateRunView' },
);

function templateView(t: SourcedTemplate, problems: FieldIssue[] = unknownActions(t)) {
  const d = t.definition;
  return {
    ref: t.ref,
    namespace: d.namespace,
    name: d.name,
    title: d.title,
    description: d.description,
    type: d.type,
    tags: d.tags,
    builtin: t.origin.kind === 'builtin',
    parameters: d.parameters,
    pages: t.pages,
    steps: d.steps.map((s) => ({ id: s.id, name: s.name, action: s.action })),
    problems,
  };
}

const runView = (run: TemplateRun) => run;

/** The events of GET /template-runs/{id}/events: each carries its sequence number as `id`. */
const runEvents = (['step', 'log', 'run'] as const).map((type) =>
  sseEvent(
    type,
    Type.Object({
      seq: Type.Integer({ minimum: 1 }),
      type: Type.Literal(type),
      stepId: Type.String(),
      message: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
    { id: true },
  ),
);

/** Golden-path templates: listing, running (or dry-running) them, and run history with live events. */
export async function templateRoutes(app: TypedApp) {
  app.addSchema(TemplateView);
  app.addSchema(RunView);
  const templates = () => app.deps.platform.templates;
  const common = { tags: ['templates'], security: bearer };

  app.get(
    '/templates',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "Lists templates: Slipway's golden paths and the catalog's Template entities",
        operationId: 'listTemplates',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(TemplateView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await templates().list()).map((t) => templateView(t)) }),
  );

  app.get(
    '/templates/:namespace/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'One template with its parameter schema',
        operationId: 'getTemplate',
        params: Ref,
        response: { 200: Type.Object({ template: Type.Ref(TemplateView) }), ...errors },
      },
    },
    async (request) => {
      const { namespace, name } = request.params;
      const template = await templates().get(namespace, name);
      return { template: templateView(template, await templateProblems(template)) };
    },
  );

  app.post(
    '/templates/:namespace/:name/runs',
    {
      config: { authz: { permission: 'service.create', team: fromBody('owner') } },
      schema: {
        ...common,
        summary: 'Runs a template (202, follow its events); a dry run answers 200 with the files it would write',
        operationId: 'runTemplate',
        params: Ref,
        body: Type.Object(
          {
            parameters: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
            secrets: Type.Optional(
              Type.Record(Type.String({ maxLength: 253 }), Type.String(), {
                description:
                  'Values the template reads as `${{ secrets.NAME }}`: never stored, and shown as *** in the run, its events and the log',
              }),
            ),
            dryRun: Type.Optional(
              Type.Boolean({ description: 'Render the files only: nothing is pushed, registered or deployed' }),
            ),
            owner: Type.Optional({
              ...DnsLabel,
              description: 'The team the new service belongs to; left out, your only team',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ run: Type.Ref(RunView) }),
          202: Type.Object({ run: Type.Ref(RunView) }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { namespace, name } = request.params;
      const body = request.body;
      const caller = await callerOf(request);
      const run = await templates().start(
        namespace,
        name,
        {
          parameters: body.parameters,
          ...(body.secrets ? { secrets: body.secrets } : {}),
          dryRun: body.dryRun ?? false,
          owner: ownerFor(caller, body.owner),
        },
        caller.username,
      );
      return reply.status(run.dryRun ? 200 : 202).send({ run: runView(run) });
    },
  );

  app.get(
    '/template-runs',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Template runs, newest first: your own, or everyone’s for an admin',
        operationId: 'listTemplateRuns',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(RunView)) }), ...authErrors },
      },
    },
    async (request) => ({ items: (await templates().listRuns(await callerOf(request))).map(runView) }),
  );

  app.get(
    '/template-runs/:id',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'One template run with its steps (its creator or an admin)',
        operationId: 'getTemplateRun',
        params: RunId,
        response: { 200: Type.Object({ run: Type.Ref(RunView) }), ...errors },
      },
    },
    async (request) => ({
      run: runView(await templates().getRun(request.params.id, await callerOf(request))),
    }),
  );

  app.get(
    '/template-runs/:id/events',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Server-sent events of a run: step status and log lines, replayed after Last-Event-ID, until it ends',
        description:
          'Each event has `id` (its sequence number), `event` (step, log or run) and JSON `data` { seq, type, stepId, message, createdAt }. The stream ends after the `run` event.',
        operationId: 'streamTemplateRunEvents',
        params: RunId,
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })) }),
        response: {
          200: { description: 'text/event-stream', content: eventStreamContent(runEvents) },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await templates().getRun(id, await callerOf(request));
      const after = Number(request.headers['last-event-id'] ?? 0);
      const abort = new AbortController();
      request.raw.on('close', () => abort.abort());
      const events = templates().follow(id, after, abort.signal);
      async function* lines() {
        yield ': template run events\n\n';
        for await (const event of events)
          yield `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
      }
      return sendEventStream(reply, Readable.from(lines()));
    },
  );
}
