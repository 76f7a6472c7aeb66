/**
 * Calendar days as the ward counts them. Vietnam has one time zone (UTC+7) and no daylight saving,
 * so a fixed offset is exact and keeps SQLite queries simple.
 */
export const VN_OFFSET_HOURS = 7;
const OFFSET_MS = VN_OFFSET_HOURS * 3_600_000;

/** "YYYY-MM-DD" of a moment in Vietnam. */
export function vnDay(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** UTC ISO instant at which a Vietnamese day starts. */
export function vnDayStartUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS).toISOString();
}

/** The day `n` days after `day` (negative for before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** True for a well-formed "YYYY-MM-DD". */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}
