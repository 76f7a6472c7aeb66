/**
 * Per-key message rate limit with a fixed one-minute window: channels key it by citizen, the chat
 * API by session and by client address. On a channel the first message over the limit gets a
 * polite notice (once per window) and later ones are dropped silently, so a stuck client or a
 * flood cannot make the bot talk endlessly.
 */

export type RateDecision = 'allow' | 'notify' | 'drop';

export interface RateLimiterOptions {
  /** Messages allowed per window; 0 disables the limit. */
  limit: number;
  windowMs: number;
  now: () => number;
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly options: RateLimiterOptions;
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(options: Partial<RateLimiterOptions> = {}) {
    // Options passed as undefined keep their defaults (a caller forwarding an optional clock).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { limit: 10, windowMs: 60_000, now: Date.now, ...given };
  }

  /** Counts one message from `key` and says what to do with it. */
  hit(key: string): RateDecision {
    if (this.options.limit <= 0) return 'allow';
    const now = this.options.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.options.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.options.limit) return 'allow';
    return w.count === this.options.limit + 1 ? 'notify' : 'drop';
  }

  /** Forgets expired windows now and then, so memory stays bounded by active citizens. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.options.windowMs) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= this.options.windowMs) this.windows.delete(key);
  }
}
