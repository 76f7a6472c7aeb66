/**
 * Limits on the public chat API: per session, so one stuck widget cannot loop, and per client
 * address, so a script rotating session ids cannot flood answers and transcripts. Addresses of
 * this machine are not address-limited: they are the eval, tests, or a reverse proxy running
 * without TRUST_PROXY — where every citizen would share one address and one limit.
 */
import { RateLimiter } from '../rate-limiter.ts';

export interface ChatLimitOptions {
  /** Messages per session per minute (0 = no limit). */
  perSession: number;
  /** Messages per client address per minute (0 = no limit). */
  perAddress: number;
  now?: () => number;
}

/** Seconds a limited client is told to wait (the window length). */
export const RETRY_AFTER_SECONDS = 60;

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

export class ChatLimits {
  private readonly sessions: RateLimiter;
  private readonly addresses: RateLimiter;

  constructor(options: ChatLimitOptions) {
    const windowMs = RETRY_AFTER_SECONDS * 1000;
    this.sessions = new RateLimiter({ windowMs, now: options.now, limit: options.perSession });
    this.addresses = new RateLimiter({ windowMs, now: options.now, limit: options.perAddress });
  }

  /** Counts one message; false when the session or the address is over its limit. */
  allow(ip: string, sessionId: string): boolean {
    // A refused address does not reach the session count: a script rotating session ids would
    // otherwise fill the session table with one entry per refused request.
    if (!isLoopback(ip) && this.addresses.hit(ip) !== 'allow') return false;
    return this.sessions.hit(sessionId) === 'allow';
  }
}
