export * from './commit.ts';
export * from './export-files.ts';
