import { NavLink } from 'react-router';
import { useUnreadCount } from '../queries/inbox';

/**
 * The header's way to the inbox, with the unread count as a badge (none at 0). The count is
 * polled (queries/inbox.ts), so an item sent while a page is open shows within half a minute.
 */
export function InboxLink() {
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink to="/inbox" className="nav-link inbox-link" data-testid="inbox-link">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width={18}
        height={18}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>{' '}
      <span className="inbox-word">Inbox</span>
      {unread > 0 && (
        // Read out as "Inbox 3 unread"; the visible text stays part of that name.
        <>
          {' '}
          <span className="inbox-count" data-testid="inbox-unread">
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="visually-hidden"> unread</span>
        </>
      )}
    </NavLink>
  );
}
