/**
 * @slipway/core — the pure heart of Slipway. Nothing in here performs I/O: no network,
 * no files, no clocks read implicitly. Server, CLI and portal depend on it; it depends on none.
 */
export * from './access/index.ts';
export * from './analytics/index.ts';
export * from './audit/chain.ts';
export * from './catalog/index.ts';
export * from './cel/index.ts';
export * from './diagnostics/checks.ts';
export * from './diff/index.ts';
export * from './environments/context.ts';
export * from './environments/freeze.ts';
export * from './environments/namespace.ts';
export * from './environments/presets.ts';
export * from './environments/preview.ts';
export * from './environments/schedule.ts';
export * from './environments/types.ts';
export * from './errors/index.ts';
export * from './gitops/index.ts';
export * from './health/index.ts';
export * from './kube/apply-order.ts';
export * from './kube/field-path.ts';
export * from './kube/kubeconfig.ts';
export * from './kube/object.ts';
export * from './live/index.ts';
export * from './metrics/index.ts';
export * from './network/index.ts';
export * from './notifications/index.ts';
export * from './policy/index.ts';
export * from './provisioners/index.ts';
export * from './resources/resolved.ts';
export * from './scorecards/index.ts';
export * from './secrets/sealed-values.ts';
export * from './secrets/variables.ts';
export * from './templates/index.ts';
export * from './verification/index.ts';
export * from './version.ts';
export * from './workload/index.ts';
