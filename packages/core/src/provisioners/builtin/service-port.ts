import type { TemplateProvisioner } from '../model.ts';

/** Another workload's Service, by the workload's name and a port it serves. */
export const servicePort: TemplateProvisioner = {
  id: 'builtin/service-port',
  kind: 'template',
  description: "Outputs the hostname and port of another workload's Service in the same environment.",
  match: { type: 'service-port' },
  params: {
    type: 'object',
    required: ['workload', 'port'],
    additionalProperties: false,
    properties: {
      workload: { type: 'string', minLength: 1 },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
    },
  },
  outputs: {
    hostname: '{{ dnsLabel .resource.params.workload }}',
    port: '{{ .resource.params.port }}',
  },
};
