import { useEffect, useRef, useState } from 'react';

export type StreamState = 'connecting' | 'open' | 'closed' | 'error';

/**
 * Follows a server-sent event stream (live rollout status, template runs, log lines). The
 * browser's EventSource reconnects on its own and sends Last-Event-ID, so a dropped
 * connection resumes where it stopped. Calls `onEvent(name, data)` for each named event; an
 * event named in `endOn` (a finished template run's `run`, say) closes the stream for good.
 */
export function useEventStream(
  url: string | null,
  events: readonly string[],
  onEvent: (name: string, data: unknown) => void,
  endOn: readonly string[] = [],
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const names = events.join(',');
  const endNames = endOn.join(',');
  useEffect(() => {
    if (!url) return;
    setState('connecting');
    const ends = endNames.split(',');
    const source = new EventSource(url, { withCredentials: true });
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'error');
    const listeners = names.split(',').map((name) => {
      const listener = (event: MessageEvent) => {
        let data: unknown = event.data;
        try {
          data = JSON.parse(event.data);
        } catch {}
        handler.current(name, data);
        if (ends.includes(name)) {
          source.close();
          setState('closed');
        }
      };
      source.addEventListener(name, listener);
      return listener;
    });
    return () => {
      listeners.length = 0;
      source.close();
    };
  }, [url, names, endNames]);
  return state;
}
