import { describe, expect, it } from 'vitest';
import { Bm25Field, DEFAULT_BM25 } from '../../knowledge/lexical/bm25-field.ts';

/** Okapi BM25 of one term in one unit, written out from the formula as the oracle. */
function bm25(tf: number, df: number, units: number, len: number, avgLen: number): number {
  const { k1, b } = DEFAULT_BM25;
  const idf = Math.log(1 + (units - df + 0.5) / (df + 0.5));
  return (idf * (k1 + 1) * tf) / (tf + k1 * (1 - b + (b * len) / avgLen));
}

/**
 * 200 units: unit 0 holds the rare word "hiem" (a seed), plus "dai" (in 100 units, long enough to
 * be looked up by binary search for one candidate) and "vua" (in 30 units, walked against the
 * candidate bitset). Units 1–99 hold only the common words and must never become candidates.
 */
function corpus(): { field: Bm25Field; docs: string[][] } {
  const docs: string[][] = [];
  for (let u = 0; u < 200; u++) {
    const d = [`rieng${u}`];
    if (u === 0) d.push('hiem', 'hiem');
    if (u < 100) d.push('dai');
    if (u < 30) d.push('vua');
    docs.push(d);
  }
  const field = new Bm25Field(DEFAULT_BM25, 20);
  for (const d of docs) field.add(d);
  return { field, docs };
}

describe('Bm25Field', () => {
  it('scores a candidate exactly, whichever way each term is looked up', () => {
    const { field, docs } = corpus();
    const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
    const acc = new Float64Array(2 * field.size);
    const touched: number[] = [];
    field.score(['hiem', 'dai', 'vua'].map((term) => ({ term, weight: 1 })), acc, touched);
    expect(touched).toEqual([0]);
    const expected = bm25(2, 1, 200, docs[0]!.length, avg) + bm25(1, 100, 200, docs[0]!.length, avg) + bm25(1, 30, 200, docs[0]!.length, avg);
    expect(acc[0]).toBeCloseTo(expected, 10);
    // The second number is the IDF of the question's words the unit has: all three here.
    expect(acc[1]).toBeCloseTo(field.idf('hiem') + field.idf('dai') + field.idf('vua'), 10);
    expect(acc.slice(2).every((x) => x === 0)).toBe(true);
  });

  it('scores every unit when no posting list is long (small knowledge bases are exact)', () => {
    const { docs } = corpus();
    const field = new Bm25Field(DEFAULT_BM25, 1000);
    for (const d of docs) field.add(d);
    const acc = new Float64Array(2 * field.size);
    const touched: number[] = [];
    field.score([{ term: 'vua', weight: 1 }, { term: 'dai', weight: 1 }], acc, touched);
    expect(touched.length).toBe(100);
    const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
    expect(acc[2 * 50]).toBeCloseTo(bm25(1, 100, 200, docs[50]!.length, avg), 10);
    expect(acc[2 * 10]).toBeCloseTo(bm25(1, 100, 200, docs[10]!.length, avg) + bm25(1, 30, 200, docs[10]!.length, avg), 10);
  });

  it('admits only units of allowed groups as new candidates', () => {
    const { field } = corpus();
    const acc = new Float64Array(2 * field.size);
    const touched: number[] = [];
    const groups = new Uint32Array(8);
    groups[0] = 1 << 5; // unit 5 only
    field.score([{ term: 'vua', weight: 1 }], acc, touched, { groups });
    expect(touched).toEqual([5]);
  });
});
