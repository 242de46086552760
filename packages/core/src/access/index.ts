export * from './bindings.ts';
export * from './decide.ts';
export * from './reach.ts';
export * from './roles.ts';
