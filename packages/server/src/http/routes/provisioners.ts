import { Type } from '@sinclair/typebox';
import { builtinProvisioners, type EnvironmentType, type Provisioner, type ScoreK8sProvisioner } from '@slipway/core';
import { listEnvironmentTypes } from '../../db/stores/environment-types.ts';
import { authErrors, bearer } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

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
    source: Type.Union([Type.Literal('configuration'), Type.Literal('builtin')], {
      description: "configuration: the platform's own (provisioners.files), matched first; builtin: the fallback",
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

/**
 * What resource types can be provisioned, by which provisioner, with which parameters. Read
 * only: provisioners are data in the files the configuration lists, plus Slipway's built-ins.
 */
export async function provisionerRoutes(app: TypedApp) {
  app.addSchema(ProvisionerView);

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
        ...app.deps.platform.provisioners.map((p) => view(p, 'configuration', allowedIn(p, types))),
        ...builtinProvisioners.map((p) => view(p, 'builtin', everywhere)),
      ];
      return { items, types: [...new Set(items.map((p) => p.match.type))].sort() };
    },
  );
}

function allowedIn(p: Provisioner, types: readonly EnvironmentType[]): string[] {
  return types
    .filter((t) => !t.provisioners || t.provisioners.includes(p.id))
    .filter((t) => p.match.environmentType === undefined || p.match.environmentType === t.name)
    .map((t) => t.name);
}

function view(p: Provisioner, source: 'configuration' | 'builtin', environmentTypes: string[]) {
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
function scoreK8sView(p: ScoreK8sProvisioner, source: 'configuration' | 'builtin', environmentTypes: string[]) {
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
