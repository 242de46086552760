import { type RawBuilder, sql } from 'kysely';

/**
 * The tsquery for what a person types into a search box. Plain words all have to match and
 * the last one is a prefix, so results follow the typing ("paym" finds payments); anything
 * with quotes, `or` or a leading `-` is handed to websearch_to_tsquery, which knows that syntax.
 * Returns null when nothing searchable is left (only punctuation).
 */
export function searchQuery(text: string): RawBuilder<unknown> | null {
  const trimmed = text.trim();
  if (/["]|(^|\s)-\S|\sor\s/i.test(trimmed)) return sql`websearch_to_tsquery('simple', ${trimmed})`;
  // The same splitting as the 'simple' parser's words: letters, digits and underscores.
  const words = trimmed.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  const terms = words.map((w, i) => (i === words.length - 1 ? `'${w}':*` : `'${w}'`));
  return sql`to_tsquery('simple', ${terms.join(' & ')})`;
}
