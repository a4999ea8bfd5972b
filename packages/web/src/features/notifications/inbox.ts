/** What the bell lists: the newest messages, and how many of all the user's messages are unread. */
export interface Inbox<M extends { id: string; read: boolean }> {
  items: M[];
  unread: number;
}

/**
 * The inbox as it stands once the messages `ids` (or all of them) are read: those items read, the
 * unread count down by the ones that were unread (the count also covers messages beyond the list,
 * so only `all` brings it to zero).
 */
export function withRead<M extends { id: string; read: boolean }>(
  inbox: Inbox<M>,
  ids: readonly string[] | 'all',
): Inbox<M> {
  if (ids === 'all') {
    return { items: inbox.items.map((m) => (m.read ? m : { ...m, read: true })), unread: 0 };
  }
  const marked = new Set(ids);
  let newlyRead = 0;
  const items = inbox.items.map((m) => {
    if (m.read || !marked.has(m.id)) return m;
    newlyRead += 1;
    return { ...m, read: true };
  });
  return { items, unread: Math.max(0, inbox.unread - newlyRead) };
}
