import { Type } from '@sinclair/typebox';
import {
  builtinProvisioners,
  type EnvironmentType,
  type KubeObject,
  type Provisioner,
  parseProvisioners,
  parseScore,
  type ScoreK8sProvisioner,
  scoreLimits,
} from '@slipway/core';
import { listEnvironmentTypes } from '../../db/stores/environment-types.ts';
import type { ProvisionerLoadState } from '../../provisioners/files.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

type Source = 'configuration' | 'builtin' | 'file';

const Parameter = Type.Object({
  name: Type.String(),
  type: Type.String({ description: 'The JSON Schema type(s), e.g. string, integer, or string | null' }),
  required: Type.Boolean(),
  default: Type.Optional(Type.Unknown()),
  description: Type.Optional(Type.String()),
  enum: Type.Optional(Type.Array(Type.Unknown())),
});

const ProvisionerView = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([
      Type.Literal('template'),
      Type.Literal('helm'),
      Type.Literal('static'),
      Type.Literal('score-k8s'),
    ]),
    source: Type.Union([Type.Literal('configuration'), Type.Literal('builtin'), Type.Literal('file')], {
      description:
        "configuration: the platform's own (provisioners.files), matched first; builtin: the fallback; " +
        'file: from the file a check or test was sent',
    }),
    description: Type.String(),
    match: Type.Object(
      {
        type: Type.String({ description: 'The resource type it provisions (a Score resource `type`)' }),
        class: Type.Optional(Type.String()),
        id: Type.Optional(Type.String()),
        environmentType: Type.Optional(Type.String()),
      },
      { description: 'Which requests it serves; the most specific match wins (id, then class, then environment type)' },
    ),
    parameters: Type.Array(Parameter, { description: 'The `params` a resource may give, from its JSON Schema' }),
    paramsSchema: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
      description: 'The JSON Schema of `params` as written; null when it takes none',
    }),
    outputs: Type.Array(Type.String(), { description: 'What a workload reads as resources.NAME.OUTPUT' }),
    secretOutputs: Type.Array(Type.String(), { description: 'Outputs kept in a Secret, never logged' }),
    chart: Type.Optional(
      Type.Object(
        {
          path: Type.Optional(Type.String()),
          repo: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          version: Type.Optional(Type.String()),
        },
        { description: 'The Helm chart a helm provisioner renders' },
      ),
    ),
    environmentTypes: Type.Array(Type.String(), {
      description: 'Environment types whose environments may use it (a type may limit its platform provisioners)',
    }),
  },
  { $id: 'ProvisionerView' },
);

const LoadState = Type.Object(
  {
    files: Type.Array(Type.String(), { description: 'The files the configuration lists, in match order' }),
    loadedAt: Type.String({ format: 'date-time', description: 'When the provisioners in use were read' }),
    count: Type.Integer({ description: 'How many provisioners they hold' }),
    lastError: Type.Union(
      [Type.Object({ message: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()],
      { description: 'The last reload that failed after them (the previous provisioners stayed in use)' },
    ),
  },
  { $id: 'ProvisionerLoadState' },
);

const ProvisionersFile = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'The file name, shown in errors (e.g. 10-redis.provisioners.yaml)',
    }),
    content: Type.String({ maxLength: 1024 * 1024, description: 'The YAML text of the file, as written' }),
  },
  { additionalProperties: false },
);

const TestBody = Type.Object(
  {
    provisioners: ProvisionersFile,
    environment: DnsLabel,
    workload: Type.Union(
      [Type.String({ minLength: 1, maxLength: scoreLimits.document }), Type.Object({}, { additionalProperties: true })],
      { description: 'The Score file, as for POST /deploys' },
    ),
    service: Type.Optional(DnsLabel),
    image: Type.Optional(Type.String({ minLength: 1, maxLength: scoreLimits.image })),
    files: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: scoreLimits.fileContent }))),
  },
  { additionalProperties: false },
);

const TestedResource = Type.Object({
  name: Type.String({ description: 'The key in the workload’s resources' }),
  type: Type.String(),
  class: Type.String(),
  id: Type.String(),
  provisioner: Type.String({ description: 'Which provisioner served it' }),
  source: Type.Union([Type.Literal('configuration'), Type.Literal('builtin'), Type.Literal('file')]),
  outputs: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What the workload may read as resources.NAME.OUTPUT (secret outputs hidden)',
  }),
  secretOutputs: Type.Array(Type.String()),
  manifests: Type.Integer({ description: 'How many objects it adds' }),
});

const hidden = '(hidden)';

/**
 * What resource types can be provisioned, by which provisioner, with which parameters:
 * provisioners are data in the files the configuration lists, plus Slipway's built-ins. The
 * files are read again when they change or on demand, and a file can be checked and tried
 * against an environment before it is put in place.
 */
export async function provisionerRoutes(app: TypedApp) {
  app.addSchema(ProvisionerView);
  app.addSchema(LoadState);

  app.get(
    '/provisioners',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['provisioners'],
        security: bearer,
        summary: "Lists resource provisioners: the platform's own first (they win a match), then the built-in ones",
        operationId: 'listProvisioners',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref(ProvisionerView)),
            types: Type.Array(Type.String(), { description: 'Every resource type some provisioner handles, sorted' }),
            files: Type.Ref(LoadState),
          }),
          ...authErrors,
        },
      },
    },
    async () => {
      const types = await listEnvironmentTypes(app.deps.database.db);
      // Built-ins are the fallback everywhere: an environment type's list limits only the platform's own.
      const everywhere = types.map((t) => t.name);
      const items = [
        ...app.deps.platform.provisioners.current.map((p) => view(p, 'configuration', allowedIn(p, types))),
        ...builtinProvisioners.map((p) => view(p, 'builtin', everywhere)),
      ];
      const files = loadStateView(app.deps.platform.provisioners.state);
      return { items, types: [...new Set(items.map((p) => p.match.type))].sort(), files };
    },
  );

  app.post(
    '/provisioners/reload',
    {
      config: { authz: 'admin' },
      schema: {
        tags: ['provisioners'],
        security: bearer,
        summary: 'Reads the provisioner files again, on every replica, without a restart',
        description:
          'All or nothing: if a file does not load, the answer is 400 with the file and field, and the ' +
          'provisioners in use stay as they were. Files are also read again when they change on disk ' +
          '(provisioners.watch).',
        operationId: 'reloadProvisioners',
        response: {
          200: Type.Object({
            changed: Type.Boolean({ description: 'False when the files were as last read' }),
            files: Type.Ref(LoadState),
          }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async () => {
      const outcome = await app.deps.platform.provisioners.reloadEverywhere(app.deps.database.pubsub);
      return { changed: outcome.changed, files: loadStateView(outcome.state) };
    },
  );

  app.post(
    '/provisioners/check',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['provisioners'],
        security: bearer,
        summary: 'Checks a provisioners file as the server would load it; nothing is saved',
        description:
          'Answers with the provisioners the file holds, as GET /provisioners shows them, or 400 with every ' +
          'problem: the field paths point into the file (/0/match/type) and the message gives the line.',
        operationId: 'checkProvisioners',
        body: ProvisionersFile,
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(ProvisionerView)) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const parsed = parseProvisioners(request.body.content, request.body.name);
      const types = await listEnvironmentTypes(app.deps.database.db);
      return { items: parsed.map((p) => view(p, 'file', allowedIn(p, types))) };
    },
  );

  app.post(
    '/provisioners/test',
    {
      // Rendering derives resources' passwords from the installation's seed: as good as a deploy.
      config: { authz: 'admin' },
      schema: {
        tags: ['provisioners'],
        security: bearer,
        summary: 'Renders a workload for an environment with a provisioners file tried first; nothing is saved',
        description:
          "The file's provisioners are matched before the platform's own, as if the file were first in " +
          'provisioners.files; the environment type’s list of allowed provisioners applies to them too. ' +
          'Answers with the resources (who served each, their outputs) and every object a deploy would apply, ' +
          'Secret values hidden. Nothing is stored or applied.',
        operationId: 'testProvisioners',
        body: TestBody,
        response: {
          200: Type.Object({
            provisioners: Type.Array(Type.Ref(ProvisionerView), { description: 'What the file holds' }),
            resources: Type.Array(TestedResource),
            objects: Type.Array(Type.Object({}, { additionalProperties: true })),
            warnings: Type.Array(Type.String()),
          }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const trying = parseProvisioners(body.provisioners.content, body.provisioners.name);
      const { plan, excluded } = await app.deps.platform.deployments.trial({
        environment: body.environment,
        trying,
        workload: parseScore(body.workload),
        service: body.service,
        image: body.image,
        files: body.files,
      });
      const types = await listEnvironmentTypes(app.deps.database.db);
      const sourceOf = (id: string): Source =>
        trying.some((p) => p.id === id)
          ? 'file'
          : app.deps.platform.provisioners.current.some((p) => p.id === id)
            ? 'configuration'
            : 'builtin';
      return {
        provisioners: trying.map((p) => view(p, 'file', allowedIn(p, types))),
        resources: Object.entries(plan.resources).map(([name, r]) => ({
          name,
          type: r.type,
          class: r.class,
          id: r.id,
          provisioner: r.provisioner,
          source: sourceOf(r.provisioner),
          outputs: Object.fromEntries(
            Object.entries(r.outputs).map(([k, v]) => [k, r.secretOutputs.includes(k) ? hidden : v]),
          ),
          secretOutputs: r.secretOutputs,
          manifests: r.manifests.length,
        })),
        objects: plan.objects.map(withoutSecretValues),
        warnings: excluded.map(
          (id) => `Environment ${body.environment}'s type does not allow provisioner ${id}: it was not tried there`,
        ),
      };
    },
  );
}

function loadStateView(state: ProvisionerLoadState) {
  return {
    files: state.files,
    loadedAt: state.loadedAt.toISOString(),
    count: state.count,
    lastError: state.lastError ? { message: state.lastError.message, at: state.lastError.at.toISOString() } : null,
  };
}

/** A Secret's keys stay (what the workload reads); its values do not leave the server. */
function withoutSecretValues(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret') return o;
  const copy: Record<string, unknown> = { ...o };
  for (const field of ['data', 'stringData'] as const) {
    const values = o[field];
    if (values && typeof values === 'object')
      copy[field] = Object.fromEntries(Object.keys(values).map((k) => [k, hidden]));
  }
  return copy as KubeObject;
}

function allowedIn(p: Provisioner, types: readonly EnvironmentType[]): string[] {
  return types
    .filter((t) => !t.provisioners || t.provisioners.includes(p.id))
    .filter((t) => p.match.environmentType === undefined || p.match.environmentType === t.name)
    .map((t) => t.name);
}

function view(p: Provisioner, source: Source, environmentTypes: string[]) {
  if (p.kind === 'score-k8s') return scoreK8sView(p, source, environmentTypes);
  const schema = p.params ?? null;
  return {
    id: p.id,
    kind: p.kind,
    source,
    description: p.description ?? '',
    match: { ...p.match },
    parameters: schema ? parametersOf(schema) : [],
    paramsSchema: schema,
    outputs: Object.keys(p.outputs ?? {}),
    secretOutputs: p.secretOutputs ?? [],
    ...(p.kind === 'helm' ? { chart: { ...p.chart } } : {}),
    environmentTypes,
  };
}

/** score-k8s files declare params and outputs by name only (supported_params, expected_outputs). */
function scoreK8sView(p: ScoreK8sProvisioner, source: Source, environmentTypes: string[]) {
  return {
    id: p.id,
    kind: p.kind,
    source,
    description: p.description ?? '',
    match: { ...p.match },
    parameters: (p.supportedParams ?? []).map((name) => ({ name, type: 'any', required: false })),
    paramsSchema: null,
    outputs: p.expectedOutputs ?? [],
    secretOutputs: [],
    environmentTypes,
  };
}

type JsonSchema = Record<string, unknown>;
const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level properties of a params schema, in words a form or a table can show. */
function parametersOf(schema: JsonSchema) {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(properties).map(([name, raw]) => {
    const p = isSchema(raw) ? raw : {};
    const type = Array.isArray(p.type) ? p.type.join(' | ') : typeof p.type === 'string' ? p.type : 'any';
    return {
      name,
      type,
      required: required.includes(name),
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      ...(Array.isArray(p.enum) ? { enum: p.enum } : {}),
    };
  });
}
