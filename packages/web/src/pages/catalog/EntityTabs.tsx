import { type KeyboardEvent, useRef } from 'react';
import { Link, useNavigate } from 'react-router';

export interface Tab {
  id: string;
  label: string;
  to: string;
}

/**
 * The entity's tabs. Each tab is a link (its address is the tab: `/…/checkout/docs`), with
 * the tabs pattern's keys: arrows, Home and End move between them and open the one reached.
 */
export function EntityTabs({ tabs, current, panelId }: { tabs: Tab[]; current: string; panelId: string }) {
  const navigate = useNavigate();
  const refs = useRef<Array<HTMLAnchorElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    const tab = next === null ? undefined : tabs[next];
    if (next === null || !tab) return;
    e.preventDefault();
    refs.current[next]?.focus();
    navigate(tab.to);
  };
  return (
    <div role="tablist" aria-label="Entity views" className="tabs">
      {tabs.map((tab, i) => (
        <Link
          key={tab.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          id={`entity-tab-${tab.id}`}
          role="tab"
          to={tab.to}
          aria-selected={tab.id === current}
          aria-controls={panelId}
          tabIndex={tab.id === current ? 0 : -1}
          onKeyDown={(e) => onKeyDown(e, i)}
          className="entity-tab"
        >
          {tab.label}
        </Link>
      ))}
    </div>
  );
}
