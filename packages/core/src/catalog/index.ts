export * from './columns.ts';
export * from './entity-ref.ts';
export * from './location-contents.ts';
export * from './relations.ts';
export * from './template.ts';
export * from './types.ts';
export * from './validate.ts';
