/**
 * JSON Schemas of the three provisioner kinds, as platform engineers write them in YAML.
 * Kept apart from the TypeScript types in model.ts, which they mirror.
 */
const name = { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$' };
const templateMap = { type: 'object' };

const common = {
  id: name,
  kind: { enum: ['template', 'helm', 'static'] },
  description: { type: 'string' },
  match: {
    type: 'object',
    required: ['type'],
    additionalProperties: false,
    properties: {
      type: { ...name, maxLength: 63 },
      class: { ...name, maxLength: 63 },
      id: name,
      environmentType: { ...name, maxLength: 63 },
    },
  },
  params: { type: 'object' },
  init: templateMap,
  outputs: templateMap,
  secretOutputs: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
};

const manifest = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { type: 'string', minLength: 1 },
    kind: { type: 'string', minLength: 1 },
    metadata: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
  },
};

const chart = {
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { type: 'string', minLength: 1 },
    repo: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
  },
};

export const provisionerSchemas = {
  template: {
    type: 'object',
    required: ['id', 'kind', 'match'],
    additionalProperties: false,
    properties: { ...common, manifests: { type: 'array', items: manifest } },
  },
  helm: {
    type: 'object',
    required: ['id', 'kind', 'match', 'chart'],
    additionalProperties: false,
    properties: { ...common, chart, values: templateMap },
  },
  static: {
    type: 'object',
    required: ['id', 'kind', 'match', 'outputs'],
    additionalProperties: false,
    properties: common,
  },
} as const;
