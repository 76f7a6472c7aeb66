/**
 * Remembers which inbound events were already handled, in SQLite, so a webhook redelivered by
 * the platform (Zalo retries when it thinks we were slow) is answered once, even across a restart.
 * Entries expire after a TTL; expired ones are purged now and then.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';

export interface EventDedupOptions {
  ttlMs: number;
  now: () => number;
}

export class SqliteEventDedup {
  private readonly options: EventDedupOptions;
  private readonly insert;
  private readonly purge;
  private lastPurge = 0;

  constructor(db: Db, options: Partial<EventDedupOptions> = {}) {
    this.options = { ttlMs: 48 * 3600_000, now: Date.now, ...options };
    // Replaces an expired row (same id seen again after the TTL counts as new).
    this.insert = db.prepare(
      `INSERT INTO channel_events (channel, event_id, seen_at) VALUES (?, ?, ?)
       ON CONFLICT (channel, event_id) DO UPDATE SET seen_at = excluded.seen_at WHERE channel_events.seen_at < ?`,
    );
    this.purge = db.prepare('DELETE FROM channel_events WHERE seen_at < ?');
  }

  /** Records the event; true the first time it is seen within the TTL, false for a redelivery. */
  firstSeen(channel: string, eventId: string): boolean {
    const now = this.options.now();
    const cutoff = now - this.options.ttlMs;
    if (now - this.lastPurge > 10 * 60_000) {
      this.lastPurge = now;
      this.purge.run(cutoff);
    }
    return this.insert.run(channel, eventId, now, cutoff).changes === 1;
  }
}
