/**
 * An HNSW index persisted in a folder with a manifest, so a restart reuses the vectors instead
 * of re-embedding the whole knowledge base, and a changed embedder forces a rebuild instead of
 * serving vectors from another space.
 *
 * Folder layout:
 *   manifest.json        {formatVersion, embedderId, dimensions, indexFile, indexBytes,
 *                         entries: {key: contentHash}, labels: {key: hnswLabel}}
 *   vectors-<n>.hnsw     hnswlib graph named by the manifest
 *
 * Saving writes a new graph file under a fresh name, then replaces the manifest (tmp + rename),
 * then deletes the old graph: a crash at any point leaves a manifest that names a complete file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddingError } from './errors.ts';
import { HnswIndex, type HnswOptions } from './hnsw-index.ts';

/** Version of the manifest layout; bump when it changes incompatibly. */
export const MANIFEST_FORMAT_VERSION = 1;

/** Contents of manifest.json. */
export interface IndexManifest {
  formatVersion: number;
  embedderId: string;
  dimensions: number;
  /** Graph file name inside the folder. */
  indexFile: string;
  /** Its size, to detect a truncated copy. */
  indexBytes: number;
  /** Key → hash of the content that was embedded (decides what to re-embed). */
  entries: Record<string, string>;
  /** Key → hnswlib label. */
  labels: Record<string, number>;
}

/** Options of {@link PersistedIndex.open}. */
export interface PersistedIndexOptions {
  /** Folder holding manifest.json and the graph (created if missing). */
  dir: string;
  /** Id of the embedder that produces the vectors (`Embedder.id`). */
  embedderId: string;
  /** Their dimensions (`Embedder.dimensions`). */
  dimensions: number;
  /** HNSW parameters for a new graph (and ef for a loaded one). */
  hnsw?: Partial<HnswOptions>;
}

/** What must change to bring the index in line with the current content. */
export interface SyncPlan {
  /** New keys or keys whose content hash changed: embed and upsert these. */
  toEmbed: string[];
  /** Keys no longer present: remove these. */
  toRemove: string[];
}

/** Result of {@link PersistedIndex.sync}. */
export interface SyncReport extends SyncPlan {
  /** Keys reused without embedding. */
  unchanged: number;
}

/**
 * A {@link HnswIndex} plus its manifest. Open it, {@link PersistedIndex.sync} it with the current
 * content, search through {@link PersistedIndex.index}, and {@link PersistedIndex.save}.
 */
export class PersistedIndex {
  private constructor(
    private readonly options: PersistedIndexOptions,
    /** The live index; search it directly. Mutate only through this class to keep hashes right. */
    readonly index: HnswIndex,
    private readonly entries: Map<string, string>,
    /** True when the saved index was reused; false when it was (re)built empty. */
    readonly reused: boolean,
    /** Why the saved index was not reused (absent manifest, other embedder…), for logs. */
    readonly rebuildReason: string | undefined,
    private indexFile: string | undefined,
  ) {
    // A rebuilt index differs from what is on disk even while still empty.
    this.dirty = !reused;
  }

  /** Whether there are changes not yet saved. */
  private dirty: boolean;

  /**
   * Opens the index in `options.dir`: reuses it when formatVersion, embedderId and dimensions
   * match and the graph file is intact; otherwise starts empty (every key will be re-embedded).
   * Never throws for a stale or damaged save — it rebuilds and says why in `rebuildReason`.
   */
  static open(options: PersistedIndexOptions): PersistedIndex {
    mkdirSync(options.dir, { recursive: true });
    const loaded = tryLoad(options);
    if (typeof loaded === 'string') {
      return new PersistedIndex(options, new HnswIndex(options.dimensions, options.hnsw), new Map(), false, loaded, undefined);
    }
    return new PersistedIndex(options, loaded.index, loaded.entries, true, undefined, loaded.manifest.indexFile);
  }

  /** Content hash recorded for `key`, if indexed. */
  contentHash(key: string): string | undefined {
    return this.entries.get(key);
  }

  /** Compares the index with the current `{key: contentHash}` content. */
  plan(current: ReadonlyMap<string, string> | Readonly<Record<string, string>>): SyncPlan {
    const now = current instanceof Map ? current : new Map(Object.entries(current));
    const toEmbed: string[] = [];
    for (const [key, hash] of now) if (this.entries.get(key) !== hash) toEmbed.push(key);
    const toRemove = [...this.entries.keys()].filter((key) => !now.has(key));
    return { toEmbed, toRemove };
  }

  /** Adds or replaces `key` with its vector and the hash of the content it came from. */
  upsert(key: string, contentHash: string, vector: Float32Array): void {
    this.index.upsert(key, vector);
    this.entries.set(key, contentHash);
    this.dirty = true;
  }

  /** Removes `key`; returns false if absent. */
  remove(key: string): boolean {
    this.entries.delete(key);
    const removed = this.index.remove(key);
    this.dirty ||= removed;
    return removed;
  }

  /**
   * Applies {@link PersistedIndex.plan}: removes vanished keys, embeds only new or changed ones
   * (`embed` receives keys in batches of `batchSize` and returns their vectors in order).
   * Does not save; call {@link PersistedIndex.save} after.
   */
  async sync(
    current: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
    embed: (keys: string[]) => Promise<Float32Array[]>,
    batchSize = 64,
  ): Promise<SyncReport> {
    const now = current instanceof Map ? current : new Map(Object.entries(current));
    const plan = this.plan(now);
    for (const key of plan.toRemove) this.remove(key);
    for (let i = 0; i < plan.toEmbed.length; i += batchSize) {
      const keys = plan.toEmbed.slice(i, i + batchSize);
      const vectors = await embed(keys);
      if (vectors.length !== keys.length) {
        throw new EmbeddingError('INVALID_VECTOR', `embed returned ${vectors.length} vectors for ${keys.length} keys.`);
      }
      keys.forEach((key, j) => this.upsert(key, now.get(key)!, vectors[j]!));
    }
    return { ...plan, unchanged: now.size - plan.toEmbed.length };
  }

  /**
   * Writes the graph and manifest atomically (see the module comment), then drops stale graphs.
   * Skips the write when nothing changed since loading or the last save; returns whether it wrote.
   */
  save(): boolean {
    if (!this.dirty) return false;
    const dir = this.options.dir;
    mkdirSync(dir, { recursive: true });
    const indexFile = `vectors-${Date.now().toString(36)}-${process.pid}-${Math.floor(Math.random() * 1e6)}.hnsw`;
    const tmpIndex = join(dir, `${indexFile}.tmp`);
    this.index.write(tmpIndex);
    renameSync(tmpIndex, join(dir, indexFile));
    const manifest: IndexManifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      embedderId: this.options.embedderId,
      dimensions: this.options.dimensions,
      indexFile,
      indexBytes: statSync(join(dir, indexFile)).size,
      entries: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      labels: Object.fromEntries(this.index.labelMap()),
    };
    const tmpManifest = join(dir, `manifest.json.${process.pid}.tmp`);
    writeFileSync(tmpManifest, `${JSON.stringify(manifest, null, 1)}\n`);
    renameSync(tmpManifest, join(dir, 'manifest.json'));
    this.indexFile = indexFile;
    this.dirty = false;
    // Old graphs (and temp files left by a crash) are garbage once the manifest names the new one.
    for (const name of readdirSync(dir)) {
      const staleGraph = name !== indexFile && /^vectors-.*\.hnsw(\.tmp)?$/.test(name);
      const staleManifest = /^manifest\.json\..*\.tmp$/.test(name);
      if (staleGraph || staleManifest) rmSync(join(dir, name), { force: true });
    }
    return true;
  }

  /** Graph file currently named by the manifest (undefined before the first save). */
  get currentIndexFile(): string | undefined {
    return this.indexFile;
  }
}

/** Reads manifest + graph; returns the reason as a string when they cannot be reused. */
function tryLoad(
  o: PersistedIndexOptions,
): { index: HnswIndex; entries: Map<string, string>; manifest: IndexManifest } | string {
  const manifestPath = join(o.dir, 'manifest.json');
  if (!existsSync(manifestPath)) return 'no saved index';
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as IndexManifest;
  } catch {
    return 'manifest.json is not valid JSON';
  }
  if (manifest.formatVersion !== MANIFEST_FORMAT_VERSION) {
    return `manifest format ${manifest.formatVersion} (expected ${MANIFEST_FORMAT_VERSION})`;
  }
  if (manifest.embedderId !== o.embedderId) {
    return `embedder changed (${manifest.embedderId} -> ${o.embedderId})`;
  }
  if (manifest.dimensions !== o.dimensions) {
    return `dimensions changed (${manifest.dimensions} -> ${o.dimensions})`;
  }
  if (typeof manifest.indexFile !== 'string' || !/^vectors-[\w.-]+\.hnsw$/.test(manifest.indexFile)) {
    return 'manifest names no valid graph file';
  }
  const graph = join(o.dir, manifest.indexFile);
  if (!existsSync(graph) || statSync(graph).size !== manifest.indexBytes) {
    return `graph file ${manifest.indexFile} is missing or truncated`;
  }
  const entries = new Map(Object.entries(manifest.entries ?? {}));
  const labels = new Map(Object.entries(manifest.labels ?? {}));
  if (entries.size !== labels.size || [...entries.keys()].some((k) => !labels.has(k))) {
    return 'manifest entries and labels disagree';
  }
  try {
    return { index: HnswIndex.read(graph, o.dimensions, labels, o.hnsw), entries, manifest };
  } catch (e) {
    return `graph unreadable: ${(e as Error).message}`;
  }
}
