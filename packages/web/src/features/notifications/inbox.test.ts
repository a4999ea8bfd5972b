import { describe, expect, it } from 'vitest';
import { withRead } from './inbox';

const message = (id: string, read = false) => ({ id, read, text: `消息 ${id}` });

describe('withRead', () => {
  const inbox = { items: [message('a'), message('b'), message('c', true)], unread: 7 };

  it('marks the given messages read and counts only the ones that were unread', () => {
    const after = withRead(inbox, ['a', 'c']);
    expect(after.items.map((m) => m.read)).toEqual([true, false, true]);
    expect(after.unread).toBe(6);
  });

  it('keeps the rest of each message and leaves the inbox it was given alone', () => {
    const after = withRead(inbox, ['b']);
    expect(after.items[1]).toEqual({ id: 'b', read: true, text: '消息 b' });
    expect(inbox.items[1]!.read).toBe(false);
    expect(inbox.unread).toBe(7);
  });

  it('ignores ids that are not in the list', () => {
    expect(withRead(inbox, ['zzz'])).toEqual(inbox);
  });

  it('never counts below zero', () => {
    expect(withRead({ items: [message('a')], unread: 0 }, ['a']).unread).toBe(0);
  });

  it('reads everything, beyond the listed messages too, for all', () => {
    const after = withRead(inbox, 'all');
    expect(after.unread).toBe(0);
    expect(after.items.every((m) => m.read)).toBe(true);
  });
});
