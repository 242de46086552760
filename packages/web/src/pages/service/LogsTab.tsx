/**
 * The service's container logs in one environment: the last lines of its pods (or one pod),
 * filtered by a search, or followed as they are written (server-sent `line` events). When the
 * cluster cannot serve logs (kwok's pods run no containers) the API's reason is shown in words.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SlipwayError } from '../../api/client';
import { useEventStream } from '../../api/event-stream';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/Page';
import { useServiceContext } from './context';
import { EnvironmentPicker } from './EnvironmentPicker';
import {
  fetchLogs,
  type LiveStatus,
  type LogLine,
  type LogQuery,
  type LogUnavailable,
  liveUrl,
  logsUrl,
} from './live-api';
import { streamProblem } from './stream-problem';

const maxLines = 2_000;

export function LogsTab() {
  const ctx = useServiceContext();
  if (!ctx.environment) {
    return <EmptyState title="No logs yet">Logs appear once {ctx.service} runs in an environment.</EmptyState>;
  }
  return (
    <div className="stack">
      <EnvironmentPicker id="logs-env" />
      <Logs key={ctx.environment} service={ctx.service} environment={ctx.environment} />
    </div>
  );
}

function Logs({ service, environment }: { service: string; environment: string }) {
  const [pod, setPod] = useState('');
  const [tailLines, setTailLines] = useState(200);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(false);
  const query: LogQuery = { pod: pod || undefined, tailLines, search: search || undefined };
  const pods = usePodNames(service, environment);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(searchText.trim());
  };
  return (
    <>
      <form className="row toolbar logs-toolbar" onSubmit={submit}>
        <div>
          <label htmlFor="log-pod">Pod</label>
          <select id="log-pod" value={pod} onChange={(e) => setPod(e.target.value)}>
            <option value="">All pods (up to 10)</option>
            {pods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-tail">Lines per container</label>
          <select id="log-tail" value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))}>
            {[50, 200, 500, 1000].map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </select>
        </div>
        <div className="grow">
          <label htmlFor="log-search">Search</label>
          <div className="row nowrap">
            <input
              id="log-search"
              type="search"
              value={searchText}
              placeholder="Text the lines contain"
              onChange={(e) => setSearchText(e.target.value)}
            />
            <button type="submit">Search</button>
          </div>
        </div>
        <div className="row checkbox-row">
          <input id="log-follow" type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          <label htmlFor="log-follow">Follow</label>
        </div>
      </form>
      {follow ? (
        <FollowedLogs service={service} environment={environment} query={query} />
      ) : (
        <TailedLogs service={service} environment={environment} query={query} />
      )}
    </>
  );
}

/** The names of the service's pods now, from its live status, for the pod picker. */
function usePodNames(service: string, environment: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEventStream(liveUrl(service, environment), ['status'], (_n, data) => {
    const next = (data as LiveStatus).pods.map((p) => p.name).sort();
    setNames((prev) => (prev.join() === next.join() ? prev : next));
  });
  return names;
}

function TailedLogs({ service, environment, query }: { service: string; environment: string; query: LogQuery }) {
  const logs = useQuery({
    queryKey: ['service', service, 'logs', environment, query],
    queryFn: () => fetchLogs(service, environment, query),
    retry: false,
    staleTime: 0,
  });
  return (
    <>
      <div className="row">
        <button type="button" onClick={() => void logs.refetch()} disabled={logs.isFetching}>
          {logs.isFetching ? 'Reading…' : 'Read again'}
        </button>
      </div>
      <ErrorNotice error={logs.error} title="The logs could not be read" />
      {logs.isPending && <Loading what="logs" />}
      {logs.data && (
        <LogView
          lines={logs.data.lines}
          unavailable={logs.data.unavailable}
          onePod={!!query.pod}
          search={query.search}
        />
      )}
    </>
  );
}

function FollowedLogs({ service, environment, query }: { service: string; environment: string; query: LogQuery }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [unavailable, setUnavailable] = useState<LogUnavailable[]>([]);
  const [ended, setEnded] = useState(false);
  const [problem, setProblem] = useState<SlipwayError | null>(null);
  const url = logsUrl(service, environment, query, true);
  // A new address is a new stream: start from nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the address changes
  useEffect(() => {
    setLines([]);
    setUnavailable([]);
    setEnded(false);
    setProblem(null);
  }, [url]);
  const state = useEventStream(
    url,
    ['line', 'unavailable', 'end'],
    (name, data) => {
      if (name === 'line') setLines((prev) => [...prev, data as LogLine].slice(-maxLines));
      if (name === 'unavailable') setUnavailable((prev) => [...prev, data as LogUnavailable]);
      if (name === 'end') setEnded(true);
    },
    ['end'],
  );
  useEffect(() => {
    if (state !== 'closed' || ended) return;
    let active = true;
    void streamProblem(url).then((p) => active && setProblem(p));
    return () => {
      active = false;
    };
  }, [state, ended, url]);
  return (
    <>
      <p className="muted small follow-state" role="status">
        {problem
          ? 'Not following.'
          : ended
            ? 'Every log ended (its pods went away).'
            : state === 'open'
              ? 'Following: new lines appear as they are written.'
              : state === 'error'
                ? 'Reconnecting…'
                : 'Connecting…'}
      </p>
      <ErrorNotice error={problem} title="The logs could not be followed" />
      {!problem && (
        <LogView lines={lines} unavailable={unavailable} onePod={!!query.pod} search={query.search} follow />
      )}
    </>
  );
}

/** Lines that report a problem stand out (their words already say so; the colour repeats it). */
function lineTone(text: string): string {
  if (/\b(ERROR|FATAL|PANIC|Exception)\b/i.test(text)) return 'log-error';
  if (/\bWARN(ING)?\b/i.test(text)) return 'log-warn';
  return '';
}

function LogView({
  lines,
  unavailable,
  onePod,
  search,
  follow,
}: {
  lines: LogLine[];
  unavailable: LogUnavailable[];
  onePod: boolean;
  search: string | undefined;
  follow?: boolean;
}) {
  const ref = useRef<HTMLPreElement>(null);
  // Following keeps the newest line in view, as a terminal would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again on each new line
  useEffect(() => {
    if (follow && ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [follow, lines.length]);
  return (
    <>
      {unavailable.length > 0 && (
        <div className="notice warn">
          <strong>Some containers have no logs to show</strong>
          <ul>
            {unavailable.map((u) => (
              <li key={`${u.pod}/${u.container}`}>
                <code>
                  {u.pod}/{u.container}
                </code>
                : {u.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section aria-label="Log lines">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <pre className="log" ref={ref} tabIndex={0} data-testid="log-lines">
          {lines.length === 0
            ? search
              ? `No line contains “${search}”.`
              : 'No lines yet.'
            : lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity but their place
                <span key={i} className={`log-line ${lineTone(l.text)}`}>
                  {!onePod && (
                    <span className="log-source">
                      {l.pod}/{l.container}{' '}
                    </span>
                  )}
                  {l.text}
                  {'\n'}
                </span>
              ))}
        </pre>
      </section>
    </>
  );
}
