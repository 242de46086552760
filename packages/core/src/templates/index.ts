export * from './expression.ts';
export * from './filters.ts';
export * from './limits.ts';
export * from './paths.ts';
export * from './redact.ts';
export * from './render.ts';
export * from './skeleton.ts';
export * from './template.ts';
