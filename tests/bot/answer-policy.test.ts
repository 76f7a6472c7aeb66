import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_POLICY } from '../../bot/answer-policy.ts';
import { buildEntries } from '../../knowledge/entries.ts';
import { procedures, qa } from '../support/fixtures.ts';

const entries = new Map(buildEntries(procedures, qa).map((e) => [e.id, e]));

describe('decide', () => {
  it('answers a clear winner', () => {
    const d = decide([{ entryId: 'dang-ky-khai-sinh', score: 0.8, coverage: 1 }, { entryId: 'dang-ky-khai-tu', score: 0.3, coverage: 0.5 }], entries);
    expect(d).toEqual({ type: 'answer', hit: expect.objectContaining({ entryId: 'dang-ky-khai-sinh' }) });
  });

  it('offers choices on a close call between two procedures', () => {
    const d = decide([{ entryId: 'dang-ky-khai-sinh', score: 0.4, coverage: 0.7 }, { entryId: 'dang-ky-khai-tu', score: 0.395, coverage: 0.7 }], entries);
    expect(d.type).toBe('choices');
    if (d.type === 'choices') expect(d.hits.map((h) => h.entryId)).toEqual(['dang-ky-khai-sinh', 'dang-ky-khai-tu']);
  });

  it('does not treat a Q&A entry and its own procedure as rivals', () => {
    const d = decide([{ entryId: 'dang-ky-khai-sinh-qua-han', score: 0.4, coverage: 0.7 }, { entryId: 'dang-ky-khai-sinh', score: 0.4, coverage: 0.7 }], entries);
    expect(d.type).toBe('answer');
  });

  it('falls back when coverage or score is too low, or nothing matched', () => {
    expect(decide([{ entryId: 'dang-ky-khai-sinh', score: 0.9, coverage: DEFAULT_POLICY.minCoverage - 0.01 }], entries).type).toBe('fallback');
    expect(decide([{ entryId: 'dang-ky-khai-sinh', score: DEFAULT_POLICY.minScore - 0.01, coverage: 1 }], entries).type).toBe('fallback');
    expect(decide([], entries).type).toBe('fallback');
  });

  it('accepts a strong vector match with low word coverage, but not a weak one', () => {
    expect(decide([{ entryId: 'dang-ky-khai-sinh', score: 0.3, coverage: 0.2, vector: 0.6 }], entries).type).toBe('answer');
    expect(decide([{ entryId: 'dang-ky-khai-sinh', score: 0.3, coverage: 0.2, vector: 0.3 }], entries).type).toBe('fallback');
    expect(decide([{ entryId: 'dang-ky-khai-sinh', score: 0.3, coverage: 0.05, vector: 0.9 }], entries).type).toBe('fallback');
  });

  it('caps choices at three', () => {
    const hits = ['dang-ky-khai-sinh', 'dang-ky-khai-tu', 'dang-ky-thuong-tru', 'gio-lam-viec'].map((entryId) => ({ entryId, score: 0.4, coverage: 0.7 }));
    const d = decide(hits, entries);
    expect(d.type === 'choices' && d.hits.length).toBe(3);
  });
});
