export * from './events.ts';
export * from './log-lines.ts';
export * from './selection.ts';
export * from './summaries.ts';
export * from './types.ts';
