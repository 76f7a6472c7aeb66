/**
 * Vector-side benchmarks: the builtin embedder, HNSW vs exact at 1k/10k/100k vectors, and the
 * hybrid retriever end to end on synthetic knowledge bases (with the single-entry update time the
 * admin page relies on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEmbedder, benchVectors } from '../../embeddings/bench-vectors.ts';
import { BuiltinEmbedder } from '../../embeddings/builtin-embedder.ts';
import type { KnowledgeBundle } from '../../knowledge/bundle-loader.ts';
import { buildEntries } from '../../knowledge/entries.ts';
import { HybridRetriever } from '../../knowledge/hybrid-retriever.ts';
import { VectorKnowledgeIndex } from '../../knowledge/vector/vector-knowledge-index.ts';
import { vectorUnits } from '../../knowledge/vector/vector-units.ts';
import { answerRetriever } from '../../knowledge/answer-retriever.ts';
import { Assistant } from '../assistant.ts';
import { linkBuilder } from '../card.ts';
import { buildSnapshot } from '../knowledge-snapshot.ts';
import { MemorySessionStore } from '../session-store.ts';
import { trainingGroups } from '../vector-setup.ts';
import { syntheticContent } from './bench-data.ts';
import { percentile } from './bench-stats.ts';

const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

export async function extraBenches(bundle: KnowledgeBundle, sizes: number[], queries: string[]): Promise<void> {
  const entries = buildEntries(bundle.procedures, bundle.qa);
  const t0 = performance.now();
  const embedder = BuiltinEmbedder.train(trainingGroups(entries));
  console.log(`\nBuiltin embedder: huấn luyện ${(performance.now() - t0).toFixed(0)} ms trên ${entries.length} mục`);
  const e = await benchEmbedder(embedder, queries);
  console.log(`  nhúng 1 câu hỏi: p50 ${e.perQueryP50Us.toFixed(0)} µs, p99 ${e.perQueryP99Us.toFixed(0)} µs; lô ${e.texts} câu: ${e.batchTotalMs.toFixed(0)} ms (${e.batchPerTextUs.toFixed(0)} µs/câu)`);

  const vectorSizes = (process.env.BENCH_VECTOR_SIZES ?? '1000,10000,100000').split(',').map(Number);
  console.log('\nHNSW vs exact (256-d clustered vectors)\nvectors | build ms | exact p50/p99 µs | hnsw p50/p99 µs | recall@10 | upsert p50 µs');
  for (const r of benchVectors(vectorSizes)) {
    console.log(`${String(r.size).padStart(7)} | ${r.hnswBuildMs.toFixed(0).padStart(8)} | ${r.exactQueryP50Us.toFixed(0)}/${r.exactQueryP99Us.toFixed(0)} | ${r.hnswQueryP50Us.toFixed(0)}/${r.hnswQueryP99Us.toFixed(0)} | ${r.recallAt10.toFixed(3)} | ${r.upsertP50Us.toFixed(0)}`);
  }

  console.log('\nHybrid (builtin embedder) on synthetic knowledge bases\nentries | phrasings | index build ms | hybrid p50 | hybrid p99 | answer p50 | answer p99 | 1-entry update ms | RSS MB');
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-bench-'));
    try {
      const kb = buildSnapshot(syntheticContent(bundle, size));
      const index = VectorKnowledgeIndex.open({ dir, embedder });
      const units = vectorUnits([...kb.entries.values()]);
      let t = performance.now();
      await index.sync(units);
      const buildMs = performance.now() - t;
      const hybrid = new HybridRetriever(kb.lexical, index);
      for (const q of queries.slice(0, 50)) await hybrid.search(q, 10);
      const times: number[] = [];
      for (const q of queries) {
        t = performance.now();
        await hybrid.search(q, 10);
        times.push(performance.now() - t);
      }
      // A whole answer as the bot gives it (answer retriever, policy, follow-up state, card), without
      // HTTP and transcript writes: a fresh session per question.
      const answering = { ...kb, retriever: answerRetriever(hybrid, kb.entries, kb.analyzer) };
      const assistant = new Assistant({ knowledge: () => answering, sessions: new MemorySessionStore(), links: linkBuilder('http://127.0.0.1') });
      const answers: number[] = [];
      for (const [i, q] of queries.entries()) {
        t = performance.now();
        await assistant.handle({ channel: 'api', userId: `bench-${i}`, text: q });
        answers.push(performance.now() - t);
      }
      const extra = { key: 'bench-new#1', entryId: 'bench-new', text: 'Thủ tục mới thêm để đo thời gian cập nhật một mục', hash: 'x1' };
      t = performance.now();
      await index.sync([...units, extra]);
      const updateMs = performance.now() - t;
      console.log(`${String(kb.entries.size).padStart(7)} | ${String(units.length).padStart(9)} | ${buildMs.toFixed(0).padStart(14)} | ${us(percentile(times, 0.5)).padStart(10)} | ${us(percentile(times, 0.99)).padStart(10)} | ${us(percentile(answers, 0.5)).padStart(10)} | ${us(percentile(answers, 0.99)).padStart(10)} | ${updateMs.toFixed(1).padStart(17)} | ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
