import { NavLink } from 'react-router';
import type { Section } from './sections';

/** The admin area's own navigation: only the sections the signed-in user may use. */
export function AdminNav({ sections }: { sections: readonly Section[] }) {
  return (
    <nav className="admin-nav" aria-label="Administration">
      <ul>
        {sections.map((s) => (
          <li key={s.path}>
            <NavLink to={`/admin/${s.path}`}>{s.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
