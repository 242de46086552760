export * from './evaluate.ts';
export * from './spec.ts';
