/**
 * `npm run bench`: retrieval latency (p50/p99) and index build time at 1k and 10k entries, made
 * from the bundled entries with varied wording; plus the vector-index and embedder numbers.
 * Timing goals live here, never in tests.
 */
import { loadBundle } from '../../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../knowledge-snapshot.ts';
import { syntheticContent, benchQueries } from './bench-data.ts';
import { percentile, timeIt } from './bench-stats.ts';
import { extraBenches } from './bench-extra.ts';
import { pruningAgreement } from './bench-pruning.ts';

const bundle = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const queries = benchQueries(bundle);

console.log(`SmartBot bench — node ${process.version}, ${queries.length} câu hỏi mỗi cỡ\n`);
console.log('entries | build ms | lexical p50 ms | lexical p99 ms | RSS MB');
for (const size of sizes) {
  const content = syntheticContent(bundle, size);
  const { ms: buildMs, value: kb } = timeIt(() => buildSnapshot(content));
  for (const q of queries.slice(0, 50)) kb.lexical.search(q, 10); // warm-up (JIT)
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) times.push(timeIt(() => kb.lexical.search(q, 10)).ms);
  }
  console.log(`${String(kb.entries.size).padStart(7)} | ${buildMs.toFixed(0).padStart(8)} | ${percentile(times, 0.5).toFixed(3).padStart(14)} | ${percentile(times, 0.99).toFixed(3).padStart(14)} | ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}`);
  if (kb.entries.size > 1000) {
    const a = pruningAgreement(kb, queries);
    console.log(`        pruning vs exact scoring: same top-1 ${(100 * a.top1).toFixed(1)} %, top-10 overlap ${(100 * a.top10).toFixed(1)} % (exact p50 ${a.exactP50Ms.toFixed(3)} ms)`);
  }
}
await extraBenches(bundle, sizes, queries);
