import { describe, expect, it } from 'vitest';
import { canSeeNavItem, groupNavItems, navItemOf, navItems, type NavItem } from './nav-items';

const item = (path: string, group?: 'governance'): NavItem =>
  ({ path, labelKey: 'people', icon: null, ...(group ? { group } : {}) }) as NavItem;

describe('groupNavItems', () => {
  it('gathers a group’s items into one entry where its first item stands', () => {
    const grouped = groupNavItems([
      item('/people'),
      item('/catalog', 'governance'),
      item('/regions'),
      item('/verification', 'governance'),
    ]);
    expect(grouped.map((e) => ('items' in e ? e.items.map((i) => i.path) : e.path))).toEqual([
      '/people',
      ['/catalog', '/verification'],
      '/regions',
    ]);
  });
});

describe('canSeeNavItem', () => {
  const byPath = (path: string) => navItems.find((i) => i.path === path)!;

  it('shows the data governance pages by permission', () => {
    expect(canSeeNavItem(byPath('/catalog'), ['catalog:read'])).toBe(true);
    expect(canSeeNavItem(byPath('/verification'), ['catalog:read'])).toBe(false);
    expect(canSeeNavItem(byPath('/verification'), ['verification:work'])).toBe(true);
  });

  it('shows the discrepancy workbench to verifiers and to comparing departments', () => {
    const discrepancies = byPath('/discrepancies');
    expect(canSeeNavItem(discrepancies, ['comparison:submit'])).toBe(true);
    expect(canSeeNavItem(discrepancies, ['verification:work'])).toBe(true);
    expect(canSeeNavItem(discrepancies, ['catalog:read', 'person:read'])).toBe(false);
  });

  it('shows bulk comparison to comparing departments only', () => {
    expect(canSeeNavItem(byPath('/comparisons'), ['comparison:submit'])).toBe(true);
    expect(canSeeNavItem(byPath('/comparisons'), ['verification:work'])).toBe(false);
  });

  it('shows the exchange administration to exchange:manage and the log to exchange:log', () => {
    const admin = ['exchange:manage', 'exchange:log'] as const;
    const auditor = ['audit:read', 'exchange:log'] as const;
    for (const path of ['/exchange-clients', '/exchange-agreements', '/exchange-subscriptions']) {
      expect(canSeeNavItem(byPath(path), admin)).toBe(true);
      expect(canSeeNavItem(byPath(path), auditor)).toBe(false);
    }
    expect(canSeeNavItem(byPath('/exchange-log'), auditor)).toBe(true);
    expect(canSeeNavItem(byPath('/exchange-log'), ['catalog:read'])).toBe(false);
    expect(byPath('/exchange-log').group).toBe('exchange');
  });

  it('shows items without a permission to everyone', () => {
    expect(canSeeNavItem(byPath('/'), [])).toBe(true);
  });
});

describe('navItemOf', () => {
  it('picks the two-segment item of a page under another item’s path', () => {
    expect(navItemOf('/applications/board')?.labelKey).toBe('applicationBoard');
    expect(navItemOf('/applications/statistics')?.labelKey).toBe('applicationStatistics');
  });

  it('keeps other pages under the first segment’s item', () => {
    expect(navItemOf('/applications/0193f1c2-aaaa')?.labelKey).toBe('workQueue');
    expect(navItemOf('/households/1')?.labelKey).toBe('people');
  });
});
