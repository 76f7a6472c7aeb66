import { afterEach, describe, expect, it, vi } from 'vitest';

// The staff page's own browser module (plain JS, no types), run in Node: its dates must not depend
// on the machine's time zone.
const { vnDay, when } = (await import(new URL('../../admin/ui/js/dom.js', import.meta.url).href)) as {
  vnDay: (offsetDays?: number) => string;
  when: (iso: string) => string;
};

afterEach(() => vi.useRealTimers());

describe('staff page dates', () => {
  it('uses the Vietnam day even where the clock is still on the previous UTC day', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T20:00:00Z')); // 03:00 on 1 December in Vietnam
    expect(vnDay()).toBe('2026-12-01');
    expect(vnDay(-1)).toBe('2026-11-30');
    expect(vnDay(-29)).toBe('2026-11-02');
  });

  it('shows stored UTC times as Vietnam date and time', () => {
    const shown = when('2026-11-30T20:05:00Z');
    expect(shown).toContain('03:05');
    expect(shown).toMatch(/\b0?1\/12\/(20)?26\b/);
  });
});
