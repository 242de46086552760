export * from './drift.ts';
export * from './format.ts';
export * from './quantity.ts';
export * from './release-diff.ts';
export * from './types.ts';
