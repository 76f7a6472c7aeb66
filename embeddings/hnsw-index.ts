/**
 * Approximate cosine index on hnswlib-node (HierarchicalNSW, space 'cosine').
 *
 * hnswlib identifies points by numeric labels; this class maps string keys to labels. Removal
 * uses markDelete, and new keys take over deleted slots (allowReplaceDeleted), so an index that
 * is edited for months does not grow without bound. Capacity doubles via resizeIndex.
 */
import hnswlib from 'hnswlib-node';
import { EmbeddingError } from './errors.ts';
import { assertVector, type VectorHit, type VectorIndex } from './vector-index.ts';

/** HNSW graph parameters. */
export interface HnswOptions {
  /** Links per node: higher = better recall, more memory. Default 16. */
  m: number;
  /** Candidate list size while building: higher = better graph, slower inserts. Default 100. */
  efConstruction: number;
  /** Candidate list size while searching (raised to k when smaller). Default 64. */
  ef: number;
  /** Initial capacity; grows by doubling. Default 1024. */
  initialCapacity: number;
  /** Seed of the level generator, for reproducible graphs. Default 100. */
  randomSeed: number;
}

/**
 * Defaults measured on 10k clustered 256-d vectors (tests/embeddings/vector-index.test.ts,
 * bench-vectors.ts): recall@10 ≈ 0.999 at ef 64, ~0.1 ms per query; efConstruction 200 gave
 * the same recall at twice the build time. Past ~50k vectors raise ef (≈100) to stay ≥ 0.98.
 */
export const DEFAULT_HNSW_OPTIONS: HnswOptions = {
  m: 16,
  efConstruction: 100,
  ef: 64,
  initialCapacity: 1024,
  randomSeed: 100,
};

/** HNSW implementation of {@link VectorIndex}. */
export class HnswIndex implements VectorIndex {
  readonly options: Readonly<HnswOptions>;
  private readonly hnsw: hnswlib.HierarchicalNSW;
  private readonly labels = new Map<string, number>();
  private readonly keyOf = new Map<number, string>();
  private nextLabel = 0;
  /** Marked-deleted slots, reusable by new keys. */
  private deleted = 0;

  constructor(
    readonly dimensions: number,
    options: Partial<HnswOptions> = {},
    /** Internal: adopt an already-read graph and its key map (see {@link HnswIndex.read}). */
    loaded?: { hnsw: hnswlib.HierarchicalNSW; labels: ReadonlyMap<string, number> },
  ) {
    this.options = { ...DEFAULT_HNSW_OPTIONS, ...options };
    const o = this.options;
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new EmbeddingError('INVALID_OPTIONS', `HnswIndex: dimensions must be a positive integer, got ${dimensions}.`);
    }
    if (loaded) {
      this.hnsw = loaded.hnsw;
      for (const [key, label] of loaded.labels) {
        this.labels.set(key, label);
        this.keyOf.set(label, key);
        this.nextLabel = Math.max(this.nextLabel, label + 1);
      }
      // Every stored point not in the key map is a deleted slot.
      this.deleted = this.hnsw.getCurrentCount() - this.labels.size;
      for (const label of this.hnsw.getIdsList()) this.nextLabel = Math.max(this.nextLabel, label + 1);
    } else {
      this.hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
      this.hnsw.initIndex({
        maxElements: Math.max(16, o.initialCapacity),
        m: o.m,
        efConstruction: o.efConstruction,
        randomSeed: o.randomSeed,
        allowReplaceDeleted: true,
      });
    }
    this.hnsw.setEf(o.ef);
  }

  /**
   * Reads a graph written by {@link HnswIndex.write}. `labels` is the key→label map saved
   * alongside it (hnswlib stores only numbers).
   * @throws EmbeddingError `INDEX_CORRUPT` if hnswlib cannot read the file or it disagrees with `labels`.
   */
  static read(
    file: string,
    dimensions: number,
    labels: ReadonlyMap<string, number>,
    options: Partial<HnswOptions> = {},
  ): HnswIndex {
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
    try {
      hnsw.readIndexSync(file, true);
    } catch (cause) {
      throw new EmbeddingError('INDEX_CORRUPT', `Cannot read HNSW index ${file}: ${(cause as Error).message}`, { cause });
    }
    if (hnsw.getNumDimensions() !== dimensions) {
      throw new EmbeddingError('INDEX_CORRUPT', `HNSW index ${file} has ${hnsw.getNumDimensions()} dimensions, expected ${dimensions}.`);
    }
    const stored = new Set(hnsw.getIdsList());
    for (const [key, label] of labels) {
      if (!stored.has(label)) {
        throw new EmbeddingError('INDEX_CORRUPT', `HNSW index ${file} lacks label ${label} of key ${key}.`);
      }
    }
    return new HnswIndex(dimensions, options, { hnsw, labels });
  }

  /** Writes the graph (not the key map: see {@link HnswIndex.labelMap}) to `file`. */
  write(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  /** Key→label map to persist next to the graph file. */
  labelMap(): Map<string, number> {
    return new Map(this.labels);
  }

  get size(): number {
    return this.labels.size;
  }

  /** Current search candidate list size. */
  get ef(): number {
    return this.hnsw.getEf();
  }

  /** Changes the search candidate list size (recall/latency trade-off) without rebuilding. */
  setEf(ef: number): void {
    this.hnsw.setEf(ef);
  }

  upsert(key: string, vector: Float32Array): void {
    assertVector(vector, this.dimensions, `HnswIndex.upsert(${key})`);
    const point = Array.from(vector);
    const existing = this.labels.get(key);
    if (existing !== undefined) {
      // Live label: hnswlib updates the point and repairs its links in place.
      this.hnsw.addPoint(point, existing);
      return;
    }
    const label = this.nextLabel++;
    if (this.deleted > 0) {
      // Reuse a deleted slot; hnswlib drops the old label from its lookup table.
      this.hnsw.addPoint(point, label, true);
      this.deleted--;
    } else {
      if (this.hnsw.getCurrentCount() >= this.hnsw.getMaxElements()) {
        this.hnsw.resizeIndex(this.hnsw.getMaxElements() * 2);
      }
      this.hnsw.addPoint(point, label);
    }
    this.labels.set(key, label);
    this.keyOf.set(label, key);
  }

  remove(key: string): boolean {
    const label = this.labels.get(key);
    if (label === undefined) return false;
    this.hnsw.markDelete(label);
    this.labels.delete(key);
    this.keyOf.delete(label);
    this.deleted++;
    return true;
  }

  has(key: string): boolean {
    return this.labels.has(key);
  }

  keys(): string[] {
    return [...this.labels.keys()];
  }

  search(query: Float32Array, k: number): VectorHit[] {
    assertVector(query, this.dimensions, 'HnswIndex.search');
    k = Math.min(Math.floor(k), this.labels.size);
    if (k <= 0) return [];
    const { distances, neighbors } = this.hnsw.searchKnn(Array.from(query), k);
    const hits: VectorHit[] = [];
    for (let i = 0; i < neighbors.length; i++) {
      const key = this.keyOf.get(neighbors[i]!);
      // Deleted points never come back from searchKnn; the guard only protects the map.
      if (key !== undefined) hits.push({ key, score: 1 - distances[i]! });
    }
    return hits;
  }
}
