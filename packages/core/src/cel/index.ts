export * from './compile.ts';
export * from './context.ts';
export * from './policy.ts';
