/**
 * Login throttling: after too many failed attempts for one username from one address, further
 * attempts are refused for a while, even with the right password, so guessing stays slow.
 * Stored in SQLite so a restart does not reset the count.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';

/** How many failures within which window lock a username + address. */
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
}

/** 5 failures per 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleOptions = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Failure counter keyed by username + client address. */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  private static key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}|${ip}`;
  }

  /** Minutes until the next attempt is allowed, or 0 when allowed now. */
  blockedFor(username: string, ip: string, now = new Date()): number {
    const since = new Date(now.getTime() - this.options.windowMs).toISOString();
    const rows = this.db.prepare('SELECT at FROM admin_login_failures WHERE throttle_key = ? AND at > ? ORDER BY at').all(LoginThrottle.key(username, ip), since) as Array<{ at: string }>;
    if (rows.length < this.options.maxFailures) return 0;
    // Blocked until the oldest failure that still counts leaves the window.
    const oldest = rows[rows.length - this.options.maxFailures]!;
    return Math.max(1, Math.ceil((Date.parse(oldest.at) + this.options.windowMs - now.getTime()) / 60_000));
  }

  recordFailure(username: string, ip: string, now = new Date()): void {
    this.db.prepare('DELETE FROM admin_login_failures WHERE at < ?').run(new Date(now.getTime() - this.options.windowMs).toISOString());
    this.db.prepare('INSERT INTO admin_login_failures (throttle_key, at) VALUES (?, ?)').run(LoginThrottle.key(username, ip), now.toISOString());
  }

  clear(username: string, ip: string): void {
    this.db.prepare('DELETE FROM admin_login_failures WHERE throttle_key = ?').run(LoginThrottle.key(username, ip));
  }
}
