export * from './series.ts';
export * from './signals.ts';
