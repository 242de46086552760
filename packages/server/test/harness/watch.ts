import { type KubeConfig, Watch } from '@kubernetes/client-node';

/**
 * Resolves with the first object on a watched API path that satisfies `done`, or rejects
 * after `timeoutMs` with the last state seen, so a failing test says what it was waiting for.
 */
export async function watchUntil<T extends { metadata?: { name?: string } }>(
  kc: KubeConfig,
  path: string,
  done: (objects: Map<string, T>) => boolean,
  timeoutMs = 30_000,
): Promise<Map<string, T>> {
  const objects = new Map<string, T>();
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<Map<string, T>>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out after ${timeoutMs} ms watching ${path}; last seen: ${JSON.stringify([...objects.values()]).slice(0, 2000)}`,
            ),
          ),
        timeoutMs,
      );
      new Watch(kc)
        .watch(
          path,
          {},
          (type, obj: T) => {
            const name = obj.metadata?.name ?? '';
            if (type === 'DELETED') objects.delete(name);
            else objects.set(name, obj);
            if (done(objects)) resolve(objects);
          },
          (err) => {
            if (err && (err as { name?: string }).name !== 'AbortError') reject(err);
          },
        )
        .then((c) => {
          controller = c;
        }, reject);
    });
  } finally {
    clearTimeout(timer);
    controller?.abort();
  }
}
