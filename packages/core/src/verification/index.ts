export * from './checks.ts';
export * from './service-checks.ts';
export * from './verification.ts';
