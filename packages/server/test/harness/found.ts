/**
 * Reads until something is there: for what the engine writes in a step of its own after the
 * state a test waited for (an automatic rollback after the failure it follows), which a read
 * right after that state may miss on a loaded machine.
 */
export async function found<T>(what: string, read: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
