// node-postgres's value preparation (a public subpath of the pg package, untyped by @types/pg):
// the PGlite dialect turns parameters into text exactly as node-postgres does on PostgreSQL.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
