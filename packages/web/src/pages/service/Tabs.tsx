import type { KeyboardEvent, ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';

export const tabIds = ['overview', 'live', 'events', 'logs', 'metrics', 'releases', 'docs', 'scorecards'] as const;
export type TabId = (typeof tabIds)[number];

const labels: Record<TabId, string> = {
  overview: 'Overview',
  live: 'Live',
  events: 'Events',
  logs: 'Logs',
  metrics: 'Metrics',
  releases: 'Releases',
  docs: 'Docs',
  scorecards: 'Scorecards',
};

/**
 * The page's tabs are links (each tab has its own address); arrow keys move between them as
 * in any tab list, and the selected one is the panel's label.
 */
export function Tabs({
  service,
  current,
  search,
  children,
}: {
  service: string;
  current: TabId;
  search: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const href = (id: TabId) => `/services/${service}${id === 'overview' ? '' : `/${id}`}${search ? `?${search}` : ''}`;
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabIds[(tabIds.indexOf(current) + step + tabIds.length) % tabIds.length] as TabId;
    navigate(href(next));
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <>
      <div id="service-tabs" className="tabs" role="tablist" aria-label={`${service} views`} onKeyDown={onKeyDown}>
        {tabIds.map((id) => (
          <Link
            key={id}
            id={`tab-${id}`}
            role="tab"
            aria-selected={id === current}
            aria-controls="service-panel"
            tabIndex={id === current ? 0 : -1}
            to={href(id)}
            className="service-tab"
          >
            {labels[id]}
          </Link>
        ))}
      </div>
      <div id="service-panel" role="tabpanel" aria-labelledby={`tab-${current}`}>
        {children}
      </div>
    </>
  );
}
