import { buildCelContext, type CatalogEntity, type CelContext, type ScoreWorkload } from '../../src/index.ts';
import { compliant, release } from '../policy/fixtures.ts';

export const cartEntity: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', annotations: { 'backstage.io/techdocs-ref': 'dir:.' }, tags: ['go'] },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** A realistic production deploy context: the compliant web workload rendered, a catalog entity, facts. */
export function productionContext(workload: ScoreWorkload = compliant): CelContext {
  const input = release(workload);
  return buildCelContext({
    workload: input.workload,
    objects: input.objects,
    environment: { name: 'prod-eu', labels: { region: 'eu' } },
    environmentType: { name: 'production', requiresApproval: true, ttlSeconds: null },
    service: cartEntity,
    facts: {
      lastDeployAt: '2026-12-01T10:00:00Z',
      openApprovals: 1,
      dora: { deploymentsPerDay: 3, leadTimeSeconds: 5400, changeFailureRate: 0.05, timeToRestoreSeconds: 1800 },
      verification: { status: 'passed', at: '2026-12-01T10:20:00Z' },
    },
  });
}
