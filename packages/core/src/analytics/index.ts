export * from './bands.ts';
export * from './dora.ts';
export * from './iso-week.ts';
