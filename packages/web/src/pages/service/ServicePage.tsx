/**
 * A service: where it runs and what runs there (Overview), live rollout and pods, Kubernetes
 * events, logs, metrics, release history with diffs, and docs; the tab is part of the address
 * (/services/NAME/live?env=dev), so every view can be linked and reloaded.
 */
import './common.css';
import './service.css';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Page';
import { useEnvironmentTypes } from '../../queries/environment-types';
import { useEnvironments } from '../../queries/environments';
import { ActionDialogs } from './actions/ActionDialogs';
import { type Action, ServiceContext, type ServiceContextValue } from './context';
import { DocsTab } from './DocsTab';
import { EventsTab } from './EventsTab';
import { LiveTab } from './LiveTab';
import { LogsTab } from './LogsTab';
import { environmentOrder, summarizeByEnvironment } from './model';
import { OverviewTab } from './OverviewTab';
import { PendingBanner } from './PendingBanner';
import { useService, useServiceReleases } from './queries';
import { ReleasesTab } from './ReleasesTab';
import { ServiceHeader } from './ServiceHeader';
import { type TabId, Tabs, tabIds } from './Tabs';

// Its charts (uPlot) load only when the tab is opened.
const MetricsTab = lazy(() => import('./MetricsTab'));
const ScorecardsTab = lazy(() => import('./ScorecardsTab'));

export default function ServicePage() {
  const params = useParams();
  const name = params.service ?? '';
  const rest = (params['*'] ?? '').split('/')[0] ?? '';
  const tab: TabId | null =
    rest === '' ? 'overview' : (tabIds as readonly string[]).includes(rest) ? (rest as TabId) : null;

  const service = useService(name);
  const releases = useServiceReleases(name);
  const environments = useEnvironments();
  const types = useEnvironmentTypes();
  const [search, setSearch] = useSearchParams();
  const [action, setAction] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; environment?: string | undefined } | null>(null);

  const envList = environments.data?.items ?? [];
  const summaries = useMemo(
    () => summarizeByEnvironment(releases.data ?? [], environmentOrder(envList)),
    [releases.data, envList],
  );
  const asked = search.get('env');
  const environment = asked ?? summaries.find((s) => s.current)?.environment ?? summaries[0]?.environment ?? null;
  const setEnvironment = useCallback(
    (next: string) =>
      setSearch(
        (prev) => {
          const copy = new URLSearchParams(prev);
          copy.set('env', next);
          return copy;
        },
        { replace: true },
      ),
    [setSearch],
  );

  const context: ServiceContextValue = {
    service: name,
    owner: service.data?.service.owner ?? null,
    summaries,
    environments: envList,
    types: types.data?.items ?? [],
    environment,
    setEnvironment,
    act: setAction,
  };

  if (service.error) {
    return (
      <>
        <ServiceHeader name={name} owner={null} loaded={false} />
        <ErrorNotice error={service.error} title={`Service ${name} could not be shown`} />
      </>
    );
  }
  if (service.isPending || releases.isPending) {
    return (
      <>
        <ServiceHeader name={name} owner={null} loaded={false} />
        <Loading what={`service ${name}`} />
      </>
    );
  }
  return (
    <ServiceContext.Provider value={context}>
      <ServiceHeader name={name} owner={service.data.service.owner} loaded />
      <ErrorNotice error={releases.error} title="The releases could not be read" />
      <ErrorNotice error={environments.error} title="The environments could not be read" />
      <div role="status" aria-live="polite">
        {outcome && (
          <div className="notice ok outcome" data-testid="outcome">
            <span>
              {outcome.text}{' '}
              {outcome.environment && (tab !== 'live' || outcome.environment !== environment) && (
                <Link to={`/services/${name}/live?env=${outcome.environment}`}>Watch {outcome.environment} live</Link>
              )}
            </span>
            <button type="button" onClick={() => setOutcome(null)}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {tab !== 'overview' && <PendingBanner />}
      <Tabs service={name} current={tab ?? 'overview'} search={search.toString()}>
        {tab === 'overview' && <OverviewTab />}
        {tab === 'live' && <LiveTab />}
        {tab === 'events' && <EventsTab />}
        {tab === 'logs' && <LogsTab />}
        {tab === 'metrics' && (
          <Suspense fallback={<Loading what="metrics" />}>
            <MetricsTab />
          </Suspense>
        )}
        {tab === 'releases' && <ReleasesTab />}
        {tab === 'docs' && <DocsTab />}
        {tab === 'scorecards' && (
          <Suspense fallback={<Loading what="scorecards" />}>
            <ScorecardsTab />
          </Suspense>
        )}
        {tab === null && <ErrorNotice error={new Error(`This service page has no tab called "${rest}".`)} />}
      </Tabs>
      <ActionDialogs
        action={action}
        close={() => setAction(null)}
        done={(text, environment) => setOutcome({ text, environment })}
      />
    </ServiceContext.Provider>
  );
}
