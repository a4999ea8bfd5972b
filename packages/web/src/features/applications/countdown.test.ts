import { describe, expect, it } from 'vitest';
import { CODE_RESEND_SECONDS, secondsLeft } from './countdown';

describe('secondsLeft', () => {
  const now = 1_700_000_000_000;

  it('is 0 before any code was asked', () => {
    expect(secondsLeft(undefined, now)).toBe(0);
  });

  it('counts the full wait right after a code was asked', () => {
    expect(secondsLeft(now + CODE_RESEND_SECONDS * 1000, now)).toBe(60);
  });

  it('rounds a part second up, so the button never reads 0 while still waiting', () => {
    expect(secondsLeft(now + 200, now)).toBe(1);
    expect(secondsLeft(now + 59_200, now)).toBe(60);
  });

  it('is 0 once the moment has passed', () => {
    expect(secondsLeft(now, now)).toBe(0);
    expect(secondsLeft(now - 5_000, now)).toBe(0);
  });
});
