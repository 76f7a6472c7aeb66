/**
 * The knowledge base's vector index: embeds phrasings with an Embedder into a persisted HNSW
 * index (with manifest), keeps it in step with content incrementally, and answers
 * "which entries mean the same as this question" by the best phrasing per entry.
 */
import type { Embedder } from '../../embeddings/embedder.ts';
import { PersistedIndex, type SyncReport } from '../../embeddings/persisted-index.ts';
import type { HnswOptions } from '../../embeddings/hnsw-index.ts';
import { entryOfKey, type VectorUnit } from './vector-units.ts';

/** Best vector similarity of one entry to a question. */
export interface EntrySimilarity {
  entryId: string;
  /** Cosine similarity of the closest phrasing, in [-1, 1]. */
  similarity: number;
}

export interface VectorIndexOptions {
  /** Folder of the persisted index (manifest + graph). */
  dir: string;
  embedder: Embedder;
  hnsw?: Partial<HnswOptions>;
  /**
   * Delay before an edit's vectors are written to disk (ms). Writing the graph costs time
   * proportional to its size, so edits update memory at once and the file shortly after; if the
   * process dies first, the manifest's content hashes make the next start re-embed just those.
   */
  saveDelayMs?: number;
  /** Called when writing the index fails (it is retried later). */
  onError?: (error: unknown) => void;
}

/** Vector index over knowledge phrasings. */
export class VectorKnowledgeIndex {
  private saveTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly embedder: Embedder,
    private readonly persisted: PersistedIndex,
    private readonly saveDelayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Opens (reusing a valid saved index) — call {@link sync} before searching. */
  static open(options: VectorIndexOptions): VectorKnowledgeIndex {
    const persisted = PersistedIndex.open({ dir: options.dir, embedderId: options.embedder.id, dimensions: options.embedder.dimensions, hnsw: options.hnsw });
    return new VectorKnowledgeIndex(options.embedder, persisted, options.saveDelayMs ?? 1000, options.onError ?? (() => {}));
  }

  /** Why the saved index could not be reused, if it was not. */
  get rebuildReason(): string | undefined {
    return this.persisted.reused ? undefined : this.persisted.rebuildReason;
  }

  /** Number of phrasings indexed. */
  get size(): number {
    return this.persisted.index.size;
  }

  /** Embeds new or changed phrasings and removes vanished ones; the file is written soon after. */
  async sync(units: readonly VectorUnit[]): Promise<SyncReport> {
    const byKey = new Map(units.map((u) => [u.key, u]));
    const initial = !this.persisted.currentIndexFile;
    const report = await this.persisted.sync(
      new Map(units.map((u) => [u.key, u.hash])),
      (keys) => this.embedder.embed(keys.map((k) => byKey.get(k)!.text), 'query'),
    );
    if (initial || this.saveDelayMs <= 0) this.flush();
    else if ((report.toEmbed.length || report.toRemove.length) && !this.saveTimer) {
      this.saveTimer = setTimeout(() => this.flush(), this.saveDelayMs);
      this.saveTimer.unref();
    }
    return report;
  }

  /**
   * Writes pending changes now (called on shutdown). A failed write (disk full, permissions) is
   * reported to `onError` and retried later; it never throws out of a timer and stops the bot,
   * because the vectors in memory are still right.
   */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      this.persisted.save();
    } catch (error) {
      this.onError(error);
      if (this.saveDelayMs > 0) {
        this.saveTimer = setTimeout(() => this.flush(), Math.max(this.saveDelayMs, 30_000));
        this.saveTimer.unref();
      }
    }
  }

  /** Entries ranked by their closest phrasing to the question. */
  async search(question: string, k: number): Promise<EntrySimilarity[]> {
    if (this.persisted.index.size === 0) return [];
    const [vector] = await this.embedder.embed([question], 'query');
    // Several phrasings of one entry crowd the top; ask for more units than entries wanted.
    const hits = this.persisted.index.search(vector!, Math.min(this.persisted.index.size, k * 3));
    const best = new Map<string, number>();
    for (const h of hits) {
      const id = entryOfKey(h.key);
      if (!best.has(id)) best.set(id, h.score);
    }
    return [...best].slice(0, k).map(([entryId, similarity]) => ({ entryId, similarity }));
  }
}
