import type { TemplateProvisioner } from '../model.ts';

/** An HTTP route to the workload; rendering turns the outputs into an Ingress or HTTPRoute. */
export const route: TemplateProvisioner = {
  id: 'builtin/route',
  kind: 'template',
  description: 'Outputs host, path and port of an HTTP route; the host defaults to <workload>.<environment domain>.',
  match: { type: 'route' },
  params: {
    type: 'object',
    required: ['port'],
    additionalProperties: false,
    properties: {
      host: { type: 'string', minLength: 1, maxLength: 253 },
      path: { type: 'string', pattern: '^/', default: '/' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
    },
  },
  outputs: {
    host:
      '{{ .resource.params.host | default (print (dnsLabel .workload.name) "." .environment.domain)' +
      ' | required "set params.host, or give the environment a domain" }}',
    path: '{{ .resource.params.path }}',
    port: '{{ .resource.params.port }}',
  },
};
