/**
 * Events per key per minute (requests per exchange agreement, refused public lookups per client
 * address), counted in this process's memory in fixed one-minute windows. With several server
 * processes each counts its own share, so the effective limit is the limit times the number of
 * processes (docs/EXCHANGE.md says so).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { minute: number; count: number }>();

  /** Counts a request; false (with the seconds until the next window) when over the limit. */
  hit(key: string, limit: number, now: Date): { ok: true } | { ok: false; retryAfter: number } {
    const minute = Math.floor(now.getTime() / 60_000);
    const window = this.windows.get(key);
    if (!window || window.minute !== minute) {
      if (this.windows.size > 10_000) this.prune(minute);
      this.windows.set(key, { minute, count: 1 });
      return { ok: true };
    }
    if (window.count >= limit) {
      return { ok: false, retryAfter: Math.max(1, 60 - Math.floor((now.getTime() / 1000) % 60)) };
    }
    window.count += 1;
    return { ok: true };
  }

  /** Gives back an event counted by `hit` (one that turned out not to count, e.g. a success). */
  release(key: string, now: Date): void {
    const window = this.windows.get(key);
    if (window && window.minute === Math.floor(now.getTime() / 60_000) && window.count > 0) {
      window.count -= 1;
    }
  }

  private prune(minute: number) {
    for (const [key, w] of this.windows) if (w.minute !== minute) this.windows.delete(key);
  }
}
