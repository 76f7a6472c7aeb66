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
}

/** Vector index over knowledge phrasings. */
export class VectorKnowledgeIndex {
  private constructor(
    readonly embedder: Embedder,
    private readonly persisted: PersistedIndex,
  ) {}

  /** Opens (reusing a valid saved index) — call {@link sync} before searching. */
  static open(options: VectorIndexOptions): VectorKnowledgeIndex {
    const persisted = PersistedIndex.open({ dir: options.dir, embedderId: options.embedder.id, dimensions: options.embedder.dimensions, hnsw: options.hnsw });
    return new VectorKnowledgeIndex(options.embedder, persisted);
  }

  /** Why the saved index could not be reused, if it was not. */
  get rebuildReason(): string | undefined {
    return this.persisted.reused ? undefined : this.persisted.rebuildReason;
  }

  /** Number of phrasings indexed. */
  get size(): number {
    return this.persisted.index.size;
  }

  /** Embeds new or changed phrasings, removes vanished ones, and saves. */
  async sync(units: readonly VectorUnit[]): Promise<SyncReport> {
    const byKey = new Map(units.map((u) => [u.key, u]));
    const report = await this.persisted.sync(
      new Map(units.map((u) => [u.key, u.hash])),
      (keys) => this.embedder.embed(keys.map((k) => byKey.get(k)!.text), 'query'),
    );
    if (report.toEmbed.length || report.toRemove.length || !this.persisted.currentIndexFile) this.persisted.save();
    return report;
  }

  /** Entries ranked by their closest phrasing to the question. */
  async search(question: string, k: number): Promise<EntrySimilarity[]> {
    if (this.persisted.index.size === 0) return [];
    const [vector] = await this.embedder.embed([question], 'query');
    // Several phrasings of one entry crowd the top; ask for more units than entries wanted.
    const hits = this.persisted.index.search(vector!, Math.min(this.persisted.index.size, k * 6));
    const best = new Map<string, number>();
    for (const h of hits) {
      const id = entryOfKey(h.key);
      if (!best.has(id)) best.set(id, h.score);
    }
    return [...best].slice(0, k).map(([entryId, similarity]) => ({ entryId, similarity }));
  }
}
