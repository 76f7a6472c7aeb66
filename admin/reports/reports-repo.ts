/**
 * Usage numbers for the monthly report, straight from the transcripts and feedback tables:
 * questions per day and channel, answered / choices / fallback, most asked entries, 👍/👎.
 * Days are Vietnamese calendar days; the admin's own "Thử bot" chats are left out.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';
import { addDays, VN_OFFSET_HOURS, vnDayStartUtc } from '../dates.ts';
import { ADMIN_TEST_PREFIX } from '../inbox/inbox-repo.ts';

/** Satisfaction target of the project (share of 👍 among rated answers). */
export const SATISFACTION_TARGET = 0.95;

/** Counts of one Vietnamese calendar day. */
export interface DayRow {
  day: string;
  total: number;
  answered: number;
  choices: number;
  fallback: number;
  up: number;
  down: number;
}

/** Everything the reports page shows for a date range (both ends included). */
export interface UsageReport {
  from: string;
  to: string;
  days: DayRow[];
  channels: Array<{ channel: string; total: number; answered: number; fallback: number }>;
  totals: { total: number; answered: number; choices: number; fallback: number; up: number; down: number };
  answeredRate: number | null;
  fallbackRate: number | null;
  satisfaction: number | null;
  target: number;
  topEntries: Array<{ entryId: string; count: number }>;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Usage numbers between two days (both included, "YYYY-MM-DD"). */
export function usageReport(db: Db, from: string, to: string): UsageReport {
  const start = vnDayStartUtc(from);
  const end = vnDayStartUtc(addDays(to, 1));
  const shift = `+${VN_OFFSET_HOURS} hours`;
  const notTest = `substr(session_id, 1, ${ADMIN_TEST_PREFIX.length}) <> ?`;
  const traffic = db
    .prepare(`SELECT date(created_at, ?) AS day, channel, reply_kind AS kind, COUNT(*) AS n FROM transcripts WHERE created_at >= ? AND created_at < ? AND ${notTest} GROUP BY day, channel, kind`)
    .all(shift, start, end, ADMIN_TEST_PREFIX) as Array<{ day: string; channel: string; kind: string; n: number }>;
  const ratings = db
    .prepare(`SELECT date(created_at, ?) AS day, rating, COUNT(*) AS n FROM feedback WHERE created_at >= ? AND created_at < ? AND ${notTest} GROUP BY day, rating`)
    .all(shift, start, end, ADMIN_TEST_PREFIX) as Array<{ day: string; rating: number; n: number }>;
  const top = db
    .prepare(`SELECT entry_id AS entryId, COUNT(*) AS count FROM transcripts WHERE reply_kind = 'answer' AND entry_id IS NOT NULL AND created_at >= ? AND created_at < ? AND ${notTest} GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT 50`)
    .all(start, end, ADMIN_TEST_PREFIX) as Array<{ entryId: string; count: number }>;

  const days = new Map<string, DayRow>();
  for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { day: d, total: 0, answered: 0, choices: 0, fallback: 0, up: 0, down: 0 });
  const channels = new Map<string, { channel: string; total: number; answered: number; fallback: number }>();
  for (const r of traffic) {
    const day = days.get(r.day);
    const ch = channels.get(r.channel) ?? { channel: r.channel, total: 0, answered: 0, fallback: 0 };
    channels.set(r.channel, ch);
    ch.total += r.n;
    if (day) day.total += r.n;
    if (r.kind === 'answer') (ch.answered += r.n), day && (day.answered += r.n);
    else if (r.kind === 'choices') day && (day.choices += r.n);
    else if (r.kind === 'fallback') (ch.fallback += r.n), day && (day.fallback += r.n);
  }
  for (const r of ratings) {
    const day = days.get(r.day);
    if (day && r.rating === 1) day.up += r.n;
    if (day && r.rating === -1) day.down += r.n;
  }
  const list = [...days.values()];
  const sum = (k: keyof Omit<DayRow, 'day'>) => list.reduce((n, d) => n + d[k], 0);
  const totals = { total: sum('total'), answered: sum('answered'), choices: sum('choices'), fallback: sum('fallback'), up: sum('up'), down: sum('down') };
  return {
    from,
    to,
    days: list,
    channels: [...channels.values()].sort((a, b) => b.total - a.total),
    totals,
    answeredRate: rate(totals.answered, totals.total),
    fallbackRate: rate(totals.fallback, totals.total),
    satisfaction: rate(totals.up, totals.up + totals.down),
    target: SATISFACTION_TARGET,
    topEntries: top,
  };
}
