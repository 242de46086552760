import type { TemplateProvisioner } from '../model.ts';

/**
 * A host name under the environment's domain, named after the resource. An environment without
 * a domain gets one under `<environment>.localhost`, as score-k8s's default provisioner does
 * (`*.localhost` resolves to the machine itself, RFC 6761), rather than a refusal.
 */
export const dns: TemplateProvisioner = {
  id: 'builtin/dns',
  kind: 'template',
  description:
    "Outputs a host name <resource>.<environment domain> (or <resource>.<environment>.localhost without a domain), derived from the resource's id.",
  match: { type: 'dns' },
  params: { type: 'object', additionalProperties: false, properties: {} },
  outputs: {
    host: '{{ print .resource.slug "." (default (print .environment.name ".localhost") .environment.domain) }}',
  },
};
