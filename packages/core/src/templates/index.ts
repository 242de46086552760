export * from './backstage-filters.ts';
export * from './limits.ts';
export * from './parameter-order.ts';
export * from './paths.ts';
export * from './redact.ts';
export * from './skeleton.ts';
export * from './template.ts';
export * from './tree-url.ts';
