/**
 * Brute-force cosine index over one contiguous Float32Array. O(n·d) per query, exact: it is the
 * oracle the HNSW index is tested against, and the right choice below a few thousand vectors.
 */
import { assertVector, type VectorHit, type VectorIndex } from './vector-index.ts';

/** Exact (brute-force) implementation of {@link VectorIndex}. */
export class ExactIndex implements VectorIndex {
  private matrix: Float32Array;
  private rowKeys: string[] = [];
  private readonly rows = new Map<string, number>();

  constructor(
    readonly dimensions: number,
    initialCapacity = 64,
  ) {
    this.matrix = new Float32Array(Math.max(1, initialCapacity) * dimensions);
  }

  get size(): number {
    return this.rowKeys.length;
  }

  upsert(key: string, vector: Float32Array): void {
    assertVector(vector, this.dimensions, `ExactIndex.upsert(${key})`);
    let row = this.rows.get(key);
    if (row === undefined) {
      row = this.rowKeys.length;
      if ((row + 1) * this.dimensions > this.matrix.length) {
        const grown = new Float32Array(this.matrix.length * 2);
        grown.set(this.matrix);
        this.matrix = grown;
      }
      this.rows.set(key, row);
      this.rowKeys.push(key);
    }
    // Store unit vectors so a search is one dot product per row.
    const d = this.dimensions;
    let norm = 0;
    for (let i = 0; i < d; i++) norm += vector[i]! * vector[i]!;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const base = row * d;
    for (let i = 0; i < d; i++) this.matrix[base + i] = vector[i]! * inv;
  }

  remove(key: string): boolean {
    const row = this.rows.get(key);
    if (row === undefined) return false;
    // Move the last row into the hole so rows stay contiguous.
    const last = this.rowKeys.length - 1;
    if (row !== last) {
      const d = this.dimensions;
      this.matrix.copyWithin(row * d, last * d, (last + 1) * d);
      const movedKey = this.rowKeys[last]!;
      this.rowKeys[row] = movedKey;
      this.rows.set(movedKey, row);
    }
    this.rowKeys.pop();
    this.rows.delete(key);
    return true;
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  keys(): string[] {
    return [...this.rowKeys];
  }

  search(query: Float32Array, k: number): VectorHit[] {
    assertVector(query, this.dimensions, 'ExactIndex.search');
    const n = this.rowKeys.length;
    k = Math.min(Math.floor(k), n);
    if (k <= 0) return [];
    const d = this.dimensions;
    let qNorm = 0;
    for (let i = 0; i < d; i++) qNorm += query[i]! * query[i]!;
    const inv = qNorm > 0 ? 1 / Math.sqrt(qNorm) : 0;
    // Keep the best k in a min-heap of (score, row): O(n log k).
    const heapScore = new Float64Array(k);
    const heapRow = new Int32Array(k);
    let size = 0;
    const m = this.matrix;
    for (let r = 0; r < n; r++) {
      let s = 0;
      const base = r * d;
      for (let i = 0; i < d; i++) s += m[base + i]! * query[i]!;
      s *= inv;
      if (size < k) {
        let i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (heapScore[parent]! <= s) break;
          heapScore[i] = heapScore[parent]!;
          heapRow[i] = heapRow[parent]!;
          i = parent;
        }
        heapScore[i] = s;
        heapRow[i] = r;
      } else if (s > heapScore[0]!) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const c = l + 1 < size && heapScore[l + 1]! < heapScore[l]! ? l + 1 : l;
          if (heapScore[c]! >= s) break;
          heapScore[i] = heapScore[c]!;
          heapRow[i] = heapRow[c]!;
          i = c;
        }
        heapScore[i] = s;
        heapRow[i] = r;
      }
    }
    const hits: VectorHit[] = [];
    for (let i = 0; i < size; i++) hits.push({ key: this.rowKeys[heapRow[i]!]!, score: heapScore[i]! });
    return hits.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  }
}
