import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import type { Config } from '../config/schema.ts';
import { reuseConnections } from './connection-reuse.ts';

/**
 * Loads the credentials of the cluster Slipway deploys to: an explicit kubeconfig, the pod's
 * ServiceAccount when running inside Kubernetes, or the user's default kubeconfig.
 * Returns null when nothing is configured, so the server can start and say so plainly.
 */
export function loadKubeConfig(
  settings: Pick<Config['kubernetes'], 'kubeconfig' | 'context' | 'inCluster'>,
): KubeConfig | null {
  const kc = new KubeConfig();
  if (settings.inCluster) {
    kc.loadFromCluster();
  } else if (settings.kubeconfig) {
    if (!existsSync(settings.kubeconfig)) {
      throw new SlipwayError('invalid_config', `The kubeconfig file ${settings.kubeconfig} does not exist`, {
        fields: [{ path: '/kubernetes/kubeconfig', message: 'file not found' }],
      });
    }
    kc.loadFromFile(settings.kubeconfig);
  } else {
    const home = process.env.HOME ?? '';
    if (!existsSync(`${home}/.kube/config`)) return null;
    kc.loadFromDefault();
  }
  if (settings.context) {
    if (!kc.getContextObject(settings.context)) {
      throw new SlipwayError('invalid_config', `The kubeconfig has no context named ${settings.context}`, {
        fields: [
          {
            path: '/kubernetes/context',
            message: `not one of: ${kc
              .getContexts()
              .map((c) => c.name)
              .join(', ')}`,
          },
        ],
      });
    }
    kc.setCurrentContext(settings.context);
  }
  reuseConnections(kc);
  if (!kc.getCurrentCluster()) {
    throw new SlipwayError('invalid_config', 'The kubeconfig has no current cluster', {
      fields: [{ path: '/kubernetes/context', message: 'set a context that names a cluster' }],
    });
  }
  return kc;
}
