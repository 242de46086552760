export * from './export-files.ts';
