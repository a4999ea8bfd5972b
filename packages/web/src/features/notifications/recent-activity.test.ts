import { describe, expect, it } from 'vitest';
import { isRecentlyActive } from './recent-activity';

describe('isRecentlyActive', () => {
  it('is active within the window and idle from its end', () => {
    expect(isRecentlyActive(1_000, 60_999, 60_000)).toBe(true);
    expect(isRecentlyActive(1_000, 61_000, 60_000)).toBe(false);
  });

  it('is active when the last activity is stamped after now (a clock step back)', () => {
    expect(isRecentlyActive(5_000, 1_000, 60_000)).toBe(true);
  });
});
