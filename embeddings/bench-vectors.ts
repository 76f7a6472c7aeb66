/**
 * Benchmarks for the vector layer; the project's bench CLI calls these and prints the rows.
 * Timings belong here, not in tests (tests assert behaviour, never speed).
 */
import type { Embedder } from './embedder.ts';
import { ExactIndex } from './exact-index.ts';
import { DEFAULT_HNSW_OPTIONS, HnswIndex, type HnswOptions } from './hnsw-index.ts';
import { clusteredVectors } from './synthetic-vectors.ts';

/** One row of {@link benchVectors}: all latencies in microseconds. */
export interface VectorBenchRow {
  size: number;
  dimensions: number;
  m: number;
  efConstruction: number;
  ef: number;
  /** Time to insert `size` vectors into an empty HNSW index (ms). */
  hnswBuildMs: number;
  exactQueryP50Us: number;
  exactQueryP99Us: number;
  hnswQueryP50Us: number;
  hnswQueryP99Us: number;
  /** Share of the exact top-10 that HNSW returns, averaged over the queries. */
  recallAt10: number;
  /** Latency of one upsert of a new key into the built index. */
  upsertP50Us: number;
  upsertP99Us: number;
}

/** Options of {@link benchVectors}. */
export interface VectorBenchOptions {
  dimensions?: number;
  /** Queries per size. Default 200. */
  queries?: number;
  /** Single upserts timed per size. Default 200. */
  upserts?: number;
  hnsw?: Partial<HnswOptions>;
  seed?: number;
}

/** Percentile (0–100) of `values` by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * For each size: builds exact and HNSW indexes over clustered synthetic vectors and measures
 * build time, query latency p50/p99 of both, HNSW recall@10 against exact, and upsert latency.
 */
export function benchVectors(sizes: number[], options: VectorBenchOptions = {}): VectorBenchRow[] {
  const { dimensions = 256, queries = 200, upserts = 200, seed = 42 } = options;
  const hnswOptions = { ...DEFAULT_HNSW_OPTIONS, ...options.hnsw };
  const rows: VectorBenchRow[] = [];
  for (const size of sizes) {
    const all = clusteredVectors(size + queries + upserts, dimensions, { seed, spread: 1 });
    const base = all.slice(0, size);
    const queryVectors = all.slice(size, size + queries);
    const extra = all.slice(size + queries);

    const exact = new ExactIndex(dimensions, size + upserts);
    base.forEach((v, i) => exact.upsert(`k${i}`, v));
    const hnsw = new HnswIndex(dimensions, { ...hnswOptions, initialCapacity: Math.max(16, size) });
    const buildStart = performance.now();
    base.forEach((v, i) => hnsw.upsert(`k${i}`, v));
    const hnswBuildMs = performance.now() - buildStart;

    const exactTimes: number[] = [];
    const hnswTimes: number[] = [];
    let found = 0;
    for (const q of queryVectors) {
      let t = performance.now();
      const truth = exact.search(q, 10);
      exactTimes.push((performance.now() - t) * 1000);
      t = performance.now();
      const approx = hnsw.search(q, 10);
      hnswTimes.push((performance.now() - t) * 1000);
      const want = new Set(truth.map((h) => h.key));
      for (const h of approx) if (want.has(h.key)) found++;
    }

    const upsertTimes: number[] = [];
    extra.forEach((v, i) => {
      const t = performance.now();
      hnsw.upsert(`new${i}`, v);
      upsertTimes.push((performance.now() - t) * 1000);
    });

    rows.push({
      size,
      dimensions,
      m: hnswOptions.m,
      efConstruction: hnswOptions.efConstruction,
      ef: hnswOptions.ef,
      hnswBuildMs: round(hnswBuildMs, 0),
      exactQueryP50Us: round(percentile(exactTimes, 50)),
      exactQueryP99Us: round(percentile(exactTimes, 99)),
      hnswQueryP50Us: round(percentile(hnswTimes, 50)),
      hnswQueryP99Us: round(percentile(hnswTimes, 99)),
      recallAt10: round(found / (Math.min(10, size) * queryVectors.length), 4),
      upsertP50Us: round(percentile(upsertTimes, 50)),
      upsertP99Us: round(percentile(upsertTimes, 99)),
    });
  }
  return rows;
}

/** Result of {@link benchEmbedder}; latencies in microseconds. */
export interface EmbedderBenchResult {
  embedderId: string;
  dimensions: number;
  texts: number;
  /** One `embed([text], 'query')` call per text. */
  perQueryP50Us: number;
  perQueryP99Us: number;
  perQueryMeanUs: number;
  /** One `embed(texts, 'passage')` call for all texts. */
  batchTotalMs: number;
  batchPerTextUs: number;
}

/**
 * Measures an embedder: single-query latency (each text alone, after a warm-up) and one batch
 * call over all texts.
 */
export async function benchEmbedder(embedder: Embedder, texts: string[]): Promise<EmbedderBenchResult> {
  if (texts.length === 0) throw new Error('benchEmbedder needs at least one text');
  // Warm-up: JIT, onnxruntime session allocation, tokenizer caches.
  for (const t of texts.slice(0, 20)) await embedder.embed([t], 'query');
  const times: number[] = [];
  for (const t of texts) {
    const start = performance.now();
    await embedder.embed([t], 'query');
    times.push((performance.now() - start) * 1000);
  }
  const start = performance.now();
  await embedder.embed(texts, 'passage');
  const batchMs = performance.now() - start;
  return {
    embedderId: embedder.id,
    dimensions: embedder.dimensions,
    texts: texts.length,
    perQueryP50Us: round(percentile(times, 50)),
    perQueryP99Us: round(percentile(times, 99)),
    perQueryMeanUs: round(times.reduce((a, b) => a + b, 0) / times.length),
    batchTotalMs: round(batchMs, 2),
    batchPerTextUs: round((batchMs * 1000) / texts.length),
  };
}
