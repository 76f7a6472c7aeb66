/**
 * The vector index contract: keyed vectors, cosine nearest-neighbour search. Two
 * implementations: `ExactIndex` (brute force, the oracle) and `HnswIndex` (approximate, fast).
 */
import { EmbeddingError } from './errors.ts';

/** One search result. */
export interface VectorHit {
  /** The key given to `upsert`. */
  readonly key: string;
  /** Cosine similarity to the query, in [-1, 1]; higher is closer. */
  readonly score: number;
}

/**
 * A mutable set of keyed vectors searchable by cosine similarity.
 *
 * Vectors need not be normalised (implementations compare directions), but must have exactly
 * `dimensions` finite components. Keys are opaque strings (e.g. `procedure:khai-sinh#q3`).
 */
export interface VectorIndex {
  /** Length every vector must have. */
  readonly dimensions: number;
  /** Number of live (not removed) keys. */
  readonly size: number;
  /** Adds `key`, or replaces its vector if present. */
  upsert(key: string, vector: Float32Array): void;
  /** Removes `key`; returns false if it was absent. */
  remove(key: string): boolean;
  /** Up to `k` live keys, best (highest cosine) first. */
  search(query: Float32Array, k: number): VectorHit[];
  /** Whether `key` is present. */
  has(key: string): boolean;
  /** All live keys, in no particular order. */
  keys(): string[];
}

/**
 * Checks a vector's length and values, so a bad embedding fails where it enters the index
 * rather than corrupting the graph (hnswlib would silently store NaN).
 * @throws EmbeddingError `DIMENSION_MISMATCH` or `INVALID_VECTOR`.
 */
export function assertVector(vector: Float32Array, dimensions: number, what: string): void {
  if (vector.length !== dimensions) {
    throw new EmbeddingError(
      'DIMENSION_MISMATCH',
      `${what}: expected ${dimensions} dimensions, got ${vector.length}.`,
    );
  }
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i]!)) {
      throw new EmbeddingError('INVALID_VECTOR', `${what}: component ${i} is ${vector[i]}.`);
    }
  }
}
