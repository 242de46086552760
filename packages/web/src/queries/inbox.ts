/**
 * The signed-in user's inbox (docs/notifications.md, the inbox channel): the header's unread
 * count, polled so a new item shows without a reload, and the Inbox page's items. Marking read
 * refreshes both, under one key.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export type InboxItem = Schemas['InboxItem'];

export const inboxKeys = {
  all: ['inbox'] as const,
  unread: ['inbox', 'unread'] as const,
  items: ['inbox', 'items'] as const,
};

/** How often the header asks again: new items arrive from events, not from this page. */
export const unreadPollMs = 30_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: inboxKeys.unread,
    queryFn: async () => (await call(api.GET('/api/v1/inbox/unread-count'))).unread,
    refetchInterval: unreadPollMs,
  });
}

export function useInbox() {
  return useQuery({
    queryKey: inboxKeys.items,
    queryFn: () => call(api.GET('/api/v1/inbox', { params: { query: { unread: false, limit: 200 } } })),
    refetchInterval: unreadPollMs,
  });
}

/** Marks the named items read, or every item when ids is null. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly string[] | null) =>
      call(api.POST('/api/v1/inbox/read', { body: ids === null ? {} : { ids: [...ids] } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
