import type { TemplateProvisioner } from '../model.ts';
import { statefulServiceManifests } from './stateful-service.ts';

/** A PostgreSQL 16 server of its own, in the environment's namespace. */
export const postgres: TemplateProvisioner = {
  id: 'builtin/postgres',
  kind: 'template',
  description: 'A PostgreSQL 16 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'postgres' },
  params: { type: 'object', additionalProperties: false, properties: {} },
  init: {
    // 40 characters leave room for the StatefulSet's pod and revision names.
    name: '{{ dnsLabel 40 (print .resource.slug "-postgres") }}',
    // Each resource gets a server of its own, so a fixed role and database name is enough
    // (and avoids names PostgreSQL reserves, such as ones starting with "pg_").
    user: 'app',
    password: '{{ random 32 "postgres-password" }}',
  },
  outputs: {
    host: '{{ .init.name }}',
    port: 5432,
    name: '{{ .init.user }}',
    database: '{{ .init.user }}',
    username: '{{ .init.user }}',
    password: '{{ .init.password }}',
    url: 'postgres://{{ .init.user }}:{{ .init.password }}@{{ .init.name }}:5432/{{ .init.user }}',
  },
  secretOutputs: ['password', 'url'],
  manifests: statefulServiceManifests({
    app: 'postgres',
    image: 'postgres:16',
    port: 5432,
    secretData: {
      username: '{{ b64enc .init.user }}',
      password: '{{ b64enc .init.password }}',
      database: '{{ b64enc .init.user }}',
    },
    secretEnv: { POSTGRES_USER: 'username', POSTGRES_PASSWORD: 'password', POSTGRES_DB: 'database' },
    env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }],
    dataPath: '/var/lib/postgresql/data',
    requests: { cpu: '100m', memory: '256Mi' },
    memoryLimit: '512Mi',
  }),
};
