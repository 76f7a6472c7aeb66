import { describe, expect, it } from 'vitest';
import { benchEmbedder, benchVectors, percentile } from '../../embeddings/bench-vectors.ts';
import { BuiltinEmbedder } from '../../embeddings/builtin-embedder.ts';

// Shape and sanity only: timings are measured by the bench CLI, never asserted in tests.
describe('bench helpers', () => {
  it('percentile uses nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([], 50)).toBeNaN();
  });

  it('benchVectors returns one complete row per size', () => {
    const rows = benchVectors([100, 300], { dimensions: 16, queries: 20, upserts: 10 });
    expect(rows.map((r) => r.size)).toEqual([100, 300]);
    for (const row of rows) {
      expect(row.dimensions).toBe(16);
      expect(row.recallAt10).toBeGreaterThan(0.9);
      for (const v of [row.hnswBuildMs, row.exactQueryP50Us, row.hnswQueryP99Us, row.upsertP50Us]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('benchEmbedder reports per-query and batch latency', async () => {
    const embedder = BuiltinEmbedder.train([{ label: 'a', texts: ['đăng ký khai sinh'] }], { dimensions: 32 });
    const result = await benchEmbedder(embedder, ['khai sinh', 'kết hôn', 'tạm trú']);
    expect(result).toMatchObject({ embedderId: embedder.id, dimensions: 32, texts: 3 });
    expect(result.perQueryP50Us).toBeGreaterThanOrEqual(0);
    expect(result.batchPerTextUs).toBeGreaterThanOrEqual(0);
  });
});
