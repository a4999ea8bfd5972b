/**
 * Whether the user touched the page (pointer, key, wheel, scroll) within the last `windowMs`.
 * Polling stops after that: every poll keeps the server session alive, and an unattended screen
 * must still reach the session's idle timeout.
 */
export function isRecentlyActive(lastActivityAt: number, now: number, windowMs: number): boolean {
  return now - lastActivityAt < windowMs;
}
