import type { TemplateProvisioner } from '../model.ts';

/** A host name under the environment's domain, named after the resource. */
export const dns: TemplateProvisioner = {
  id: 'builtin/dns',
  kind: 'template',
  description: "Outputs a host name <resource>.<environment domain>, derived from the resource's id.",
  match: { type: 'dns' },
  params: { type: 'object', additionalProperties: false, properties: {} },
  outputs: {
    host: '{{ print .resource.slug "." (.environment.domain | required "the environment has no domain to make host names in") }}',
  },
};
