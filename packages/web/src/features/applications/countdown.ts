/** How long the SMS code button waits before a new code may be asked (the server's limit). */
export const CODE_RESEND_SECONDS = 60;

/**
 * Whole seconds left until a moment (epoch milliseconds), never negative: 59.2 s left shows as
 * 60, so the button does not read 0 while it is still disabled.
 */
export function secondsLeft(until: number | undefined, now: number): number {
  if (until === undefined) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
