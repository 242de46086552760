/**
 * The audit log: who changed what, when, from where. Filtered by actor, action, target and
 * time; newest first, older entries page in on demand. The hash chain can be verified here,
 * and the filtered log exported as JSON lines.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, call, fieldProblem, type Schemas } from '../../../api/client';
import { useSession } from '../../../api/session';
import { EmptyState, Loading, PageHeader } from '../../../components/Page';
import { SectionError } from '../common';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { type AuditFilter, apiQuery, filterOf, searchOf } from './filters';
import { VerifyChain } from './VerifyChain';

type Entry = Schemas['AuditEntry'];
const pageSize = 50;

/**
 * The API pages by time only (`until` is exclusive, newest first). The next page asks for
 * entries before the oldest shown one's millisecond plus one, and for as many more as were
 * already shown in that millisecond, so entries sharing a timestamp are never skipped; the
 * repeats are dropped by their sequence number.
 */
interface PageParam {
  until?: string;
  limit: number;
}

function nextPage(pages: Array<{ items: Entry[]; limit: number }>): PageParam | undefined {
  const last = pages.at(-1);
  const oldest = last?.items.at(-1);
  if (!last || !oldest || last.items.length < last.limit) return undefined;
  const previous = pages.at(-2)?.items.at(-1);
  if (previous && previous.seq === oldest.seq) return undefined; // no progress: give up rather than loop
  const at = Date.parse(oldest.at);
  const sameMoment = pages.flatMap((p) => p.items).filter((e) => Date.parse(e.at) === at).length;
  return { until: new Date(at + 1).toISOString(), limit: Math.min(1000, pageSize + sameMoment) };
}

export function AuditSection() {
  const { access } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const query = apiQuery(filter);
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit', query],
    initialPageParam: { limit: pageSize } as PageParam,
    queryFn: async ({ pageParam }) => {
      const data = await call(api.GET('/api/v1/audit', { params: { query: { ...query, ...pageParam } } }));
      return { items: data.items, limit: pageParam.limit };
    },
    getNextPageParam: (_last, pages) => nextPage(pages),
  });
  const entries = useMemo(() => {
    const seen = new Set<number>();
    return (log.data?.pages ?? []).flatMap((p) => p.items).filter((e) => !seen.has(e.seq) && seen.add(e.seq));
  }, [log.data]);
  const actions = useMemo(() => [...new Set(entries.map((e) => e.action))].sort(), [entries]);
  const apply = (f: AuditFilter) => setParams(searchOf(f));
  const exportQuery = new URLSearchParams(query).toString();
  return (
    <section>
      <PageHeader
        title="Audit log"
        summary="Every change made through the API, the portal, the CLI and webhooks, in a hash chain: editing, removing or reordering an entry breaks it."
        actions={
          access.admin ? (
            <a className="button" href={`/api/v1/audit/export${exportQuery ? `?${exportQuery}` : ''}`} download>
              Export as JSON lines
            </a>
          ) : undefined
        }
      />
      {/* The tools are for admins; anyone else gets the API's refusal below, in its words. */}
      {access.admin && (
        <>
          <VerifyChain />
          <AuditFilters
            key={params.toString()}
            value={filter}
            onApply={apply}
            problem={(path) => fieldProblem(log.error, path)}
            actions={actions}
          />
        </>
      )}
      {log.isPending && <Loading what="the audit log" />}
      {log.error && <SectionError error={log.error} what="the audit log" />}
      {log.data &&
        (entries.length === 0 ? (
          <EmptyState title="No audit entries match">Change or clear the filters.</EmptyState>
        ) : (
          <>
            <p className="muted" role="status">
              Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}, newest first
              {log.hasNextPage ? '' : ' (all that match)'}.
            </p>
            <AuditTable entries={entries} />
            {log.hasNextPage && (
              <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
