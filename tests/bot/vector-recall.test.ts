import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../embeddings/builtin-embedder.ts';
import { ExactIndex } from '../../embeddings/exact-index.ts';
import { HnswIndex } from '../../embeddings/hnsw-index.ts';
import { loadBundle } from '../../knowledge/bundle-loader.ts';
import { buildEntries } from '../../knowledge/entries.ts';
import { vectorUnits } from '../../knowledge/vector/vector-units.ts';
import { trainingGroups } from '../../bot/vector-setup.ts';

describe('HNSW on the real knowledge-base vectors', () => {
  it('finds at least 98% of the exact top-10 for citizen questions', async () => {
    const bundle = loadBundle(undefined, { today: new Date('2026-11-22'), staleAfterDays: 180 });
    const entries = buildEntries(bundle.procedures, bundle.qa);
    const embedder = BuiltinEmbedder.train(trainingGroups(entries));
    const units = vectorUnits(entries);
    const vectors = await embedder.embed(units.map((u) => u.text), 'query');
    const exact = new ExactIndex(embedder.dimensions);
    const hnsw = new HnswIndex(embedder.dimensions);
    units.forEach((u, i) => {
      exact.upsert(u.key, vectors[i]!);
      hnsw.upsert(u.key, vectors[i]!);
    });
    // Queries: every procedure's keywords joined, an unseen wording of each topic.
    const queries = bundle.procedures.map((p) => p.keywords.join(' '));
    let found = 0;
    for (const q of queries) {
      const [v] = await embedder.embed([q], 'query');
      const truth = new Set(exact.search(v!, 10).map((h) => h.key));
      found += hnsw.search(v!, 10).filter((h) => truth.has(h.key)).length;
    }
    expect(units.length).toBeGreaterThan(1000);
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });
});
