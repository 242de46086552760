/**
 * The signed-in user's inbox: what their inbox subscriptions (their own, or their teams') sent
 * them, newest first, unread ones marked. Reading an item is an explicit act (its button, or
 * "Mark all read"), so opening the page never loses track of what is new.
 */
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader, TimeAgo } from '../../components/Page';
import { Table } from '../../components/Table';
import { type InboxItem, useInbox, useMarkRead } from '../../queries/inbox';
import './inbox.css';

export default function InboxPage() {
  const inbox = useInbox();
  const mark = useMarkRead();
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title="Inbox"
        summary="Notifications sent to you and your teams: releases, verifications, scorecards, policies."
        actions={
          unread > 0 && (
            <button type="button" onClick={() => mark.mutate(null)} disabled={mark.isPending}>
              Mark all read
            </button>
          )
        }
      />
      <ErrorNotice error={inbox.error} title="The inbox could not be read" />
      <ErrorNotice error={mark.error} title="The items could not be marked read" />
      {inbox.isPending && <Loading what="your inbox" />}
      {inbox.data && (
        <>
          <p className="muted" role="status" aria-live="polite" data-testid="inbox-summary">
            {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}
          </p>
          <Table
            caption="Your notifications, newest first"
            columns={['Notification', 'Kind', 'When', 'Service', 'Environment', { label: 'Actions', hidden: true }]}
            items={inbox.data.items}
            empty={
              <EmptyState title="Your inbox is empty">
                An inbox subscription for you or your team puts notifications here; see{' '}
                <code>slipway notify subscription create --channel inbox</code>.
              </EmptyState>
            }
            className="inbox-table"
            testId="inbox"
          >
            {(item) => (
              <InboxRow key={item.id} item={item} busy={mark.isPending} onRead={() => mark.mutate([item.id])} />
            )}
          </Table>
        </>
      )}
    </>
  );
}

function InboxRow({ item, busy, onRead }: { item: InboxItem; busy: boolean; onRead: () => void }) {
  const unread = item.readAt === null;
  return (
    <tr data-item={item.id} data-unread={unread} className={unread ? 'inbox-unread' : undefined}>
      <th scope="row">
        {unread && <span className="badge info">Unread</span>} <ItemTitle item={item} />
      </th>
      <td>
        <code>{item.kind}</code>
      </td>
      <td>
        <TimeAgo at={item.at} />
      </td>
      <td>{item.service ? <Link to={`/services/${item.service}`}>{item.service}</Link> : '—'}</td>
      <td>{item.environment ?? '—'}</td>
      <td>
        {unread && (
          <button type="button" onClick={onRead} disabled={busy}>
            Mark read<span className="visually-hidden">: {item.title}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** The title, linked to what it is about: a page of the portal, or an http(s) address. */
function ItemTitle({ item }: { item: InboxItem }) {
  const { link, title } = item;
  if (link?.startsWith('/') && !link.startsWith('//')) return <Link to={link}>{title}</Link>;
  if (link && /^https?:\/\//i.test(link)) {
    return (
      <a href={link} target="_blank" rel="noreferrer">
        {title}
      </a>
    );
  }
  return <span>{title}</span>;
}
