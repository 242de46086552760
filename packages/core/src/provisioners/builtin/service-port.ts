import { jsonPointer, SlipwayError } from '../../errors/index.ts';
import type { TemplateProvisioner } from '../model.ts';
import type { WorkloadServicePort } from '../score-k8s-request.ts';

/**
 * Another workload's Service, by the workload's name and a port it serves (by name, as in
 * score-k8s, or by number): score-k8s's `service-port`, with `hostname` as there and `host` as
 * Slipway's other resources name it. Declaring it is also what lets the workload's pods through
 * the other's NetworkPolicy. The port is resolved by servicePortParams before rendering.
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
      port: {
        anyOf: [
          { type: 'integer', minimum: 1, maximum: 65535 },
          { type: 'string', minLength: 1 },
        ],
      },
    },
  },
  outputs: {
    host: '{{ dnsLabel .resource.params.workload }}',
    hostname: '{{ dnsLabel .resource.params.workload }}',
    port: '{{ .resource.params.port }}',
  },
};

/**
 * Resolves a `service-port` request's `port` (a port name of the target workload, or its
 * number, as a number or a string) to the number its Service serves, against the service ports
 * of the workloads deployed in the environment (score-k8s's `.WorkloadServices`). Without them
 * (`workloads` undefined) only a number is accepted. Refuses an unknown workload or port at
 * `/resources/NAME/params/workload` or `.../port`.
 */
export function servicePortParams(
  name: string,
  params: Record<string, unknown>,
  workloads: Readonly<Record<string, Readonly<Record<string, WorkloadServicePort>>>> | undefined,
): Record<string, unknown> {
  const workload = String(params.workload);
  const given = String(params.port);
  const numeric = /^[0-9]+$/.test(given) ? Number(given) : undefined;
  const at = (field: string) => jsonPointer(['resources', name, 'params', field]);
  if (!workloads) {
    if (numeric !== undefined && numeric >= 1 && numeric <= 65535) return { ...params, port: numeric };
    throw refused(`Resource "${name}": the port "${given}" cannot be resolved here; give its number`, at('port'));
  }
  const ports = Object.hasOwn(workloads, workload) ? workloads[workload] : undefined;
  if (!ports) {
    const known = Object.keys(workloads).sort();
    throw refused(
      `Resource "${name}": the workload "${workload}" is not deployed in this environment`,
      at('workload'),
      `workloads deployed here: ${known.join(', ') || 'none'}; deploy "${workload}" first`,
    );
  }
  const found = Object.hasOwn(ports, given)
    ? ports[given]
    : Object.values(ports).find((p) => numeric !== undefined && p.port === numeric);
  if (!found) {
    const known = Object.entries(ports).map(([n, p]) => `${n} (${p.port})`);
    throw refused(
      `Resource "${name}": the workload "${workload}" has no port "${given}"`,
      at('port'),
      `its service ports: ${known.join(', ') || 'none'}`,
    );
  }
  return { ...params, port: found.port };
}

function refused(message: string, path: string, hint?: string): SlipwayError {
  return new SlipwayError('invalid_input', message, { fields: [{ path, message }], ...(hint ? { hint } : {}) });
}
