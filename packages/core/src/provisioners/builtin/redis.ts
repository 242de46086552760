import type { TemplateProvisioner } from '../model.ts';
import { statefulServiceManifests } from './stateful-service.ts';

/** A Redis 7 server of its own, with a password, in the environment's namespace. */
export const redis: TemplateProvisioner = {
  id: 'builtin/redis',
  kind: 'template',
  description: 'A Redis 7 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'redis' },
  params: { type: 'object', additionalProperties: false, properties: {} },
  init: {
    name: '{{ dnsLabel 40 (print .resource.slug "-redis") }}',
    password: '{{ random 32 "redis-password" }}',
  },
  outputs: {
    host: '{{ .init.name }}',
    port: 6379,
    username: 'default',
    password: '{{ .init.password }}',
    url: 'redis://default:{{ .init.password }}@{{ .init.name }}:6379',
  },
  secretOutputs: ['password', 'url'],
  manifests: statefulServiceManifests({
    app: 'redis',
    image: 'redis:7',
    port: 6379,
    secretData: { password: '{{ b64enc .init.password }}' },
    secretEnv: { REDIS_PASSWORD: 'password' },
    // The image's entrypoint runs redis-server for arguments that start with "-"; the kubelet
    // expands $(REDIS_PASSWORD) from the Secret, so the password never sits in the pod spec.
    args: ['--requirepass', '$(REDIS_PASSWORD)', '--dir', '/data'],
    dataPath: '/data',
    requests: { cpu: '50m', memory: '64Mi' },
    memoryLimit: '256Mi',
  }),
};
