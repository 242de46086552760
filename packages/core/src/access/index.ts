export * from './bindings.ts';
export * from './decide.ts';
export * from './roles.ts';
