import type { TemplateProvisioner } from '../model.ts';

/**
 * Another workload's Service, by the workload's name and a port it serves: score-k8s's
 * `service-port`, with `hostname` as there and `host` as Slipway's other resources name it.
 * Declaring it is also what lets the workload's pods through the other's NetworkPolicy.
 */
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
    host: '{{ dnsLabel .resource.params.workload }}',
    hostname: '{{ dnsLabel .resource.params.workload }}',
    port: '{{ .resource.params.port }}',
  },
};
