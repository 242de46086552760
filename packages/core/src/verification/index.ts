export * from './checks.ts';
export * from './verification.ts';
