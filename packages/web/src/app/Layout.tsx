import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { InboxLink } from './InboxLink';
import { applyTheme, savedTheme, type Theme } from './theme';

const links = [
  { to: '/', label: 'Home', end: true },
  { to: '/catalog', label: 'Catalog' },
  { to: '/create', label: 'Create' },
  { to: '/environments', label: 'Environments' },
  { to: '/delivery', label: 'Delivery' },
  { to: '/scorecards', label: 'Scorecards' },
  { to: '/admin', label: 'Admin' },
];

/** The frame of every signed-in page: navigation, the user, the theme switch. */
export function Layout() {
  const session = useSession();
  const [theme, setTheme] = useState<Theme>(savedTheme);
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="shell-nav" aria-label="Main">
        <NavLink to="/" className="shell-brand" aria-label="Slipway home">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          Slipway
        </NavLink>
        <div className="nav-links">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.end ?? false} className="nav-link">
              {l.label}
            </NavLink>
          ))}
          <a className="nav-link" href="/docs" target="_blank" rel="noreferrer">
            API explorer
          </a>
        </div>
        <div className="shell-user">
          <InboxLink />
          <span>
            <span className="signed-in-as">Signed in as </span>
            <strong data-testid="current-user">{session.user.displayName ?? session.user.username}</strong>
          </span>
          <label className="visually-hidden" htmlFor="theme">
            Theme
          </label>
          <select id="theme" value={theme} onChange={(e) => choose(e.target.value as Theme)}>
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
          <button type="button" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
