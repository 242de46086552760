import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

type AgentFactory = (cluster: unknown, options: Record<string, unknown>) => Agent;

/**
 * Makes a KubeConfig reuse its connections. client-node 1.x builds a new https.Agent for
 * every API call, so every request pays a TLS handshake on both ends; under a burst of
 * deploys that alone saturates a small machine. Agents are kept per server and credentials
 * (a rotated client certificate gets a fresh one) with keep-alive on.
 */
export function reuseConnections(kc: KubeConfig): KubeConfig {
  const target = kc as unknown as { createAgent: AgentFactory; __slipwayReuse?: true };
  if (target.__slipwayReuse) return kc;
  const create = target.createAgent.bind(kc);
  const agents = new Map<string, Agent>();
  target.createAgent = (cluster, options) => {
    const key = agentKey(cluster, options);
    let agent = agents.get(key);
    if (!agent) {
      agent = create(cluster, { ...options, keepAlive: true, maxFreeSockets: 32 });
      agents.set(key, agent);
    }
    return agent;
  };
  target.__slipwayReuse = true;
  return kc;
}

function agentKey(cluster: unknown, options: Record<string, unknown>): string {
  const server = (cluster as { server?: string } | undefined)?.server ?? '';
  const material = ['ca', 'cert', 'key', 'pfx', 'rejectUnauthorized', 'servername']
    .map((k) => String(options[k] ?? ''))
    .join('\0');
  return `${server}#${createHash('sha256').update(material).digest('hex')}`;
}
