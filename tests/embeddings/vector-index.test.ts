import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../../embeddings/errors.ts';
import { ExactIndex } from '../../embeddings/exact-index.ts';
import { DEFAULT_HNSW_OPTIONS, HnswIndex } from '../../embeddings/hnsw-index.ts';
import { clusteredVectors } from '../../embeddings/synthetic-vectors.ts';
import type { VectorIndex } from '../../embeddings/vector-index.ts';

const v = (...xs: number[]) => Float32Array.from(xs);

/** Brute-force reference, independent of both implementations. */
function bruteForce(data: Map<string, Float32Array>, q: Float32Array, k: number): string[] {
  const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, a) => s + a * a, 0));
  const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b));
  return [...data]
    .map(([key, vec]) => ({ key, s: cos(q, vec) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map((x) => x.key);
}

describe.each([
  ['ExactIndex', (d: number) => new ExactIndex(d, 2)],
  ['HnswIndex', (d: number) => new HnswIndex(d, { initialCapacity: 16 })],
] as const)('%s contract', (_name, make: (d: number) => VectorIndex) => {
  it('returns cosine scores, best first', () => {
    const index = make(3);
    index.upsert('x', v(1, 0, 0));
    index.upsert('xy', v(1, 1, 0));
    index.upsert('y', v(0, 2, 0)); // not normalised: cosine ignores length
    index.upsert('-x', v(-1, 0, 0));
    const hits = index.search(v(1, 0, 0), 4);
    expect(hits.map((h) => h.key)).toEqual(['x', 'xy', 'y', '-x']);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeCloseTo(Math.SQRT1_2, 5);
    expect(hits[2]!.score).toBeCloseTo(0, 5);
    expect(hits[3]!.score).toBeCloseTo(-1, 5);
    expect(index.size).toBe(4);
  });

  it('caps k at the number of live keys and handles an empty index', () => {
    const index = make(2);
    expect(index.search(v(1, 0), 5)).toEqual([]);
    index.upsert('a', v(1, 0));
    expect(index.search(v(1, 0), 5).map((h) => h.key)).toEqual(['a']);
    expect(index.search(v(1, 0), 0)).toEqual([]);
  });

  it('replaces a key on upsert instead of duplicating it', () => {
    const index = make(2);
    index.upsert('a', v(1, 0));
    index.upsert('b', v(0, 1));
    index.upsert('a', v(0, 1));
    expect(index.size).toBe(2);
    const hits = index.search(v(0, 1), 2);
    expect(hits.map((h) => h.score)).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
    expect(index.search(v(1, 0), 1)[0]!.score).toBeCloseTo(0, 5);
  });

  it('removes keys, and re-adds them', () => {
    const index = make(2);
    index.upsert('a', v(1, 0));
    index.upsert('b', v(0.9, 0.1));
    index.upsert('c', v(0, 1));
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.has('a')).toBe(false);
    expect(index.size).toBe(2);
    expect(index.search(v(1, 0), 3).map((h) => h.key)).toEqual(['b', 'c']);
    expect(index.keys().sort()).toEqual(['b', 'c']);
    index.upsert('a', v(1, 0));
    expect(index.search(v(1, 0), 1)[0]!.key).toBe('a');
    expect(index.size).toBe(3);
  });

  it('grows past its initial capacity and stays correct under churn', () => {
    const index = make(8);
    const data = new Map<string, Float32Array>();
    const vectors = clusteredVectors(300, 8, { clusters: 5, seed: 7 });
    vectors.forEach((vec, i) => {
      index.upsert(`k${i}`, vec);
      data.set(`k${i}`, vec);
    });
    for (let i = 0; i < 300; i += 3) {
      index.remove(`k${i}`);
      data.delete(`k${i}`);
    }
    // New keys take over deleted slots; replaced keys move.
    clusteredVectors(60, 8, { clusters: 5, seed: 8 }).forEach((vec, i) => {
      const key = i % 2 ? `new${i}` : `k${i * 3 + 1}`;
      index.upsert(key, vec);
      data.set(key, vec);
    });
    expect(index.size).toBe(data.size);
    expect(new Set(index.keys())).toEqual(new Set(data.keys()));
    for (const q of clusteredVectors(10, 8, { clusters: 5, seed: 9 })) {
      expect(index.search(q, 5).map((h) => h.key)).toEqual(bruteForce(data, q, 5));
    }
  });

  it('rejects vectors of the wrong size or with NaN', () => {
    const index = make(3);
    expect(() => index.upsert('a', v(1, 0))).toThrow(EmbeddingError);
    expect(() => index.upsert('a', v(1, Number.NaN, 0))).toThrow(/component 1/);
    expect(() => index.search(v(1, 0), 1)).toThrow(/expected 3 dimensions/);
  });
});

describe('HNSW recall against the exact index', () => {
  it(`reaches recall@10 ≥ 0.98 on 10k clustered 256-d vectors at ef ${DEFAULT_HNSW_OPTIONS.ef}`, () => {
    const dims = 256;
    const all = clusteredVectors(10_200, dims, { clusters: 50, spread: 1, seed: 11 });
    const base = all.slice(0, 10_000);
    const queries = all.slice(10_000);
    const exact = new ExactIndex(dims, base.length);
    const hnsw = new HnswIndex(dims, { initialCapacity: 2048 }); // also exercises resizeIndex
    base.forEach((vec, i) => {
      exact.upsert(`k${i}`, vec);
      hnsw.upsert(`k${i}`, vec);
    });
    expect(hnsw.ef).toBe(DEFAULT_HNSW_OPTIONS.ef);
    let found = 0;
    for (const q of queries) {
      const truth = new Set(exact.search(q, 10).map((h) => h.key));
      for (const hit of hnsw.search(q, 10)) if (truth.has(hit.key)) found++;
    }
    const recall = found / (queries.length * 10);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });
});
