/**
 * Every item of a list the API hands out a page at a time (`items`, and `nextCursor` while more
 * may follow): the pages are read one after another, each from the cursor the last one gave.
 */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
  } while (cursor !== undefined);
  return items;
}
