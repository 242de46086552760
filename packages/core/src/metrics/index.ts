export * from './format.ts';
export * from './series.ts';
export * from './signals.ts';
