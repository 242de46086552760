/**
 * Delivery: the four DORA figures (docs/analytics.md) of the platform's own releases — how
 * often changes reach production, how fast, how often they fail, how soon service is restored —
 * with their bands, a trend per figure by ISO week, and a table per service or team. The
 * filters live in the address so a view can be shared. uPlot comes with this page's chunk only.
 */
import './delivery.css';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { FigureTiles } from './FigureTiles';
import { FilterBar } from './FilterBar';
import { isEmpty } from './format';
import { GroupTable } from './GroupTable';
import { type DoraAnswer, useDora } from './queries';
import { type DeliveryFilters, doraQueryOf, useDeliveryFilters } from './search-params';
import { TrendCharts, WeekTable } from './TrendCharts';

export default function DeliveryPage() {
  const { filters, change } = useDeliveryFilters();
  const dora = useDora(doraQueryOf(filters));
  const answer = dora.data;
  return (
    <>
      <PageHeader
        title="Delivery"
        summary="How often and how safely changes reach production: the four DORA figures, computed from Slipway's own releases, each with its band of the 2023 DORA report."
      />
      <FilterBar filters={filters} onChange={change} />
      <ErrorNotice error={dora.error} title="The delivery figures could not be computed" />
      {dora.isPending && <Loading what="the delivery figures" />}
      {answer && !dora.error && (
        <div className="stack" aria-busy={dora.isPlaceholderData} data-loading={dora.isPlaceholderData}>
          <WindowLine answer={answer} />
          {isEmpty(answer.figures) ? (
            <NoReleases answer={answer} filters={filters} />
          ) : (
            <Figures answer={answer} filters={filters} />
          )}
        </div>
      )}
    </>
  );
}

function Figures({ answer, filters }: { answer: DoraAnswer; filters: DeliveryFilters }) {
  return (
    <>
      <section aria-labelledby="dora-figures-title">
        <h2 id="dora-figures-title" className="visually-hidden">
          The four figures
        </h2>
        <FigureTiles figures={answer.figures} bands={answer.bands} />
      </section>
      {filters.groupBy && answer.groups && (
        <section aria-labelledby="dora-groups-title">
          <h2 id="dora-groups-title">Per {filters.groupBy}</h2>
          <GroupTable groups={answer.groups} by={filters.groupBy} />
        </section>
      )}
      <section aria-labelledby="dora-trends-title">
        <h2 id="dora-trends-title">Week by week</h2>
        <TrendCharts weeks={answer.weeks} />
        <details className="dora-week-details">
          <summary>The same as a table</summary>
          <WeekTable weeks={answer.weeks} />
        </details>
      </section>
    </>
  );
}

/** The window the figures cover, in UTC days, and the moment they are as of. */
function WindowLine({ answer }: { answer: DoraAnswer }) {
  const last = new Date(Date.parse(answer.to) - 86_400_000).toISOString().slice(0, 10);
  return (
    <p className="muted dora-window" data-testid="dora-window">
      Releases to {answer.environmentTypes.join(', ')} from {answer.from.slice(0, 10)} to {last} (UTC,{' '}
      {answer.weeks.length} ISO weeks), as of {answer.now.slice(0, 16).replace('T', ' ')} UTC. A change followed by
      another within {answer.fixWindowHours}h counts as failed.
    </p>
  );
}

/** What a person types to give the page something to count (docs/analytics.md, "Commit times"). */
const deployCommand =
  'slipway deploy --env ENVIRONMENT --commit "$(git rev-parse HEAD)" --commit-time "$(git show -s --format=%cI HEAD)"';

function NoReleases({ answer, filters }: { answer: DoraAnswer; filters: DeliveryFilters }) {
  const types = answer.environmentTypes.join(', ');
  const whose = filters.service ? ` of ${filters.service}` : filters.team ? ` of team ${filters.team}` : '';
  return (
    <EmptyState title={`No releases${whose} to ${types} in the last ${answer.weeks.length} weeks`}>
      <p>
        The figures count the releases that finished in environments of type {types}, and this window has none. Choose a
        longer window{whose ? ' or clear the filters' : ''}, or deploy to such an environment with the commit and its
        time, so that the lead time can be measured too:
      </p>
      <pre className="dora-command">
        <code>{deployCommand}</code>
      </pre>
    </EmptyState>
  );
}
