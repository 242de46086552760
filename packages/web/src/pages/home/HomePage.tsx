/**
 * Home: what needs the signed-in person (approvals they may give, rollouts of their services
 * that failed), their services with the health of each environment at a glance, then the
 * other services they can see, and the latest deployments. Everything links to the service.
 */
import '../service/common.css';
import './home.css';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, PageHeader } from '../../components/Page';
import { useEnvironmentTypes } from '../../queries/environment-types';
import { useEnvironments } from '../../queries/environments';
import { useServices } from '../../queries/services';
import { environmentOrder, mayApprove, type Release, summarizeByEnvironment } from '../service/model';
import { useRecentReleases, useReleasesOf } from './data';
import { NeedsYou, type NeedsYouItem } from './NeedsYou';
import { RecentDeployments } from './RecentDeployments';
import { ServiceCard } from './ServiceCard';

/** How many cards of other people's services show before "Show all". */
const othersShown = 12;

export default function HomePage() {
  const session = useSession();
  const services = useServices();
  const recent = useRecentReleases();
  const environments = useEnvironments();
  const types = useEnvironmentTypes();
  const [showAllOthers, setShowAllOthers] = useState(false);
  const me = session.user.username;

  // Mine: owned by one of my teams, or one I deployed myself; mine come first.
  const { mine, others } = useMemo(() => {
    const teams = new Set(session.access.teams);
    const deployedByMe = new Set((recent.data ?? []).filter((r) => r.createdBy === me).map((r) => r.service));
    const all = [...(services.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    const isMine = (s: { name: string; owner: string | null }) =>
      (s.owner !== null && teams.has(s.owner)) || deployedByMe.has(s.name);
    return { mine: all.filter(isMine), others: all.filter((s) => !isMine(s)) };
  }, [services.data, recent.data, session.access.teams, me]);

  const shownOthers = showAllOthers ? others : others.slice(0, othersShown);
  const shown = [...mine, ...shownOthers];
  const perService = useReleasesOf(shown.map((s) => s.name));
  const order = environmentOrder(environments.data?.items ?? []);
  const summaries = new Map(
    shown.map((s, i) => [s.name, perService[i]?.data ? summarizeByEnvironment(perService[i].data, order) : undefined]),
  );

  const needs = needsYou();
  function needsYou(): NeedsYouItem[] {
    const items: NeedsYouItem[] = [];
    const owners = new Map((services.data?.items ?? []).map((s) => [s.name, s.owner]));
    const envType = (env: string) => {
      const type = environments.data?.items.find((e) => e.name === env)?.type;
      return types.data?.items.find((t) => t.name === type);
    };
    for (const r of recent.data ?? []) {
      if (r.status !== 'pending_approval') continue;
      if (mayApprove(session.access, me, r, owners.get(r.service) ?? null, envType(r.environment))) {
        items.push({ kind: 'approve', release: r });
      } else if (r.createdBy === me) {
        items.push({ kind: 'waiting', release: r });
      }
    }
    for (const s of mine) {
      for (const summary of summaries.get(s.name) ?? []) {
        const failed = summary.lastFailure;
        if (failed) items.push({ kind: 'broken', release: failed, now: summary.current });
      }
    }
    return items;
  }

  const recentMine: Release[] = useMemo(() => {
    const names = new Set(mine.map((s) => s.name));
    const list = recent.data ?? [];
    return (names.size > 0 ? list.filter((r) => names.has(r.service)) : list).slice(0, 10);
  }, [recent.data, mine]);

  const name = session.user.displayName ?? session.user.username;
  return (
    <>
      <PageHeader
        title="Home"
        summary={`Welcome, ${name}. What needs you, and how your services run.`}
        actions={
          <Link className="button primary" to="/create">
            Create a service
          </Link>
        }
      />
      <ErrorNotice error={services.error} title="Your services could not be read" />
      <ErrorNotice error={recent.error} title="The latest releases could not be read" />
      {services.isPending ? (
        <Loading what="your services" />
      ) : (services.data?.items ?? []).length === 0 ? (
        <FirstSteps />
      ) : (
        <>
          <NeedsYou items={needs} loading={recent.isPending} />
          {mine.length > 0 && (
            <section aria-labelledby="mine-title">
              <h2 id="mine-title">Your services</h2>
              <ul className="plain service-cards">
                {mine.map((s) => (
                  <li key={s.name}>
                    <ServiceCard service={s} summaries={summaries.get(s.name)} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {others.length > 0 && (
            <section aria-labelledby="others-title">
              <h2 id="others-title">{mine.length ? 'Other services you can see' : 'Services you can see'}</h2>
              {mine.length === 0 && (
                <p className="muted">
                  None is yours yet: services owned by your teams
                  {session.access.teams.length ? ` (${session.access.teams.join(', ')})` : ''} or deployed by you come
                  first. <Link to="/create">Create one from a template</Link>.
                </p>
              )}
              <ul className="plain service-cards">
                {shownOthers.map((s) => (
                  <li key={s.name}>
                    <ServiceCard service={s} summaries={summaries.get(s.name)} />
                  </li>
                ))}
              </ul>
              {others.length > othersShown && !showAllOthers && (
                <p>
                  <button type="button" onClick={() => setShowAllOthers(true)}>
                    Show all {others.length} services
                  </button>
                </p>
              )}
            </section>
          )}
          <RecentDeployments releases={recentMine} mine={mine.length > 0} loading={recent.isPending} />
        </>
      )}
    </>
  );
}

/** For someone with no service yet: where to start. */
function FirstSteps() {
  return (
    <section aria-labelledby="first-title" className="card first-steps">
      <h2 id="first-title">Start with your first service</h2>
      <ol>
        <li>
          <Link to="/create">Create a service from a template</Link>: a golden path gives you a repository, a{' '}
          <code>score.yaml</code>, CI and a catalog entry.
        </li>
        <li>
          Deploy it to an environment — from its page here, or with <code>slipway deploy --env dev</code>.
        </li>
        <li>Watch it roll out live, then promote it towards production.</li>
      </ol>
      <p className="muted">Already have services? Ask a maintainer to add you to their team, and they show up here.</p>
      <Link className="button primary" to="/create">
        Create from a template
      </Link>
    </section>
  );
}
