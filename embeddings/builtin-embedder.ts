/**
 * The default embedder: no download, trained in well under a second on the knowledge base's own
 * labelled phrasings (like Rasa's response selector trains on a bot's examples), deterministic.
 *
 * Vector = normalise([ √w · P x ; √(1−w) · H x ]) where x is the sparse, unit-normalised
 * weighted feature vector of the text (builtin-features.ts, builtin-training.ts):
 * - P x, the supervised block: coordinates of x in an orthonormal basis of the label centroids'
 *   span — paraphrases of one procedure land together even with few shared words;
 * - H x, the lexical block: signed feature hashing (a sparse random projection) of the same x,
 *   which keeps words never seen in training (a new procedure, a place name) and keeps an
 *   off-topic query from looking like any label (its P x is small, so nothing inflates it).
 *
 * Limits: it knows only words present in training or sharing character n-grams with them (no
 * synonyms beyond the paraphrases given); quality depends on labelled phrasings; training time
 * grows with labels² (a few hundred labels is the intended scale).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './builtin-features.ts';
import type { EmbedKind, Embedder } from './embedder.ts';
import { EmbeddingError } from './errors.ts';
import { trainBuiltinModel, type BuiltinModel, type TrainingGroup } from './builtin-training.ts';

export type { TrainingGroup } from './builtin-training.ts';

/** Options of {@link BuiltinEmbedder.train}. */
export interface BuiltinEmbedderOptions {
  /** Output dimensions. Default 256. */
  dimensions: number;
  /** Share of the squared norm given to the supervised block (0 = purely lexical). Default 0.75. */
  supervisedWeight: number;
  /** Cap of the supervised block, as a fraction of `dimensions`; the rest is lexical. Default 0.75. */
  maxSupervisedFraction: number;
  /** Weight kept by features spread evenly over labels (1 disables label reweighting). Default 0.6. */
  discriminationFloor: number;
  /** Feature extraction settings. */
  features: FeatureOptions;
  /** Seed of the hashing signs and randomised solver. */
  seed: number;
}

/** Default options, merged once in {@link BuiltinEmbedder.train}. */
export const DEFAULT_BUILTIN_OPTIONS: BuiltinEmbedderOptions = {
  dimensions: 256,
  supervisedWeight: 0.75,
  maxSupervisedFraction: 0.75,
  discriminationFloor: 0.6,
  features: DEFAULT_FEATURE_OPTIONS,
  seed: 1,
};

/** Persisted form, see {@link BuiltinEmbedder.toJSON}. Typed arrays are base64 (little-endian). */
export interface BuiltinEmbedderJSON {
  format: 'smartbot-builtin-embedder';
  formatVersion: 1;
  id: string;
  options: BuiltinEmbedderOptions;
  labels: string[];
  unseenWeight: number;
  supervisedDimensions: number;
  vocab: string;
  weights: string;
  postingOffsets: string;
  postingLabels: string;
  postingValues: string;
  projection: string;
}

const FORMAT_VERSION = 1;

/** Deeply partial options, so callers can override one feature weight without restating all. */
export type BuiltinEmbedderOverrides = Partial<Omit<BuiltinEmbedderOptions, 'features'>> & {
  features?: Partial<Omit<FeatureOptions, 'familyWeights' | 'formWeights'>> & {
    familyWeights?: Partial<FeatureOptions['familyWeights']>;
    formWeights?: Partial<FeatureOptions['formWeights']>;
  };
};

function mergeOptions(overrides: BuiltinEmbedderOverrides = {}): BuiltinEmbedderOptions {
  const d = DEFAULT_BUILTIN_OPTIONS;
  const f = overrides.features ?? {};
  const o: BuiltinEmbedderOptions = {
    ...d,
    ...stripUndefined(overrides),
    features: {
      ...d.features,
      ...stripUndefined(f),
      familyWeights: { ...d.features.familyWeights, ...stripUndefined(f.familyWeights ?? {}) },
      formWeights: { ...d.features.formWeights, ...stripUndefined(f.formWeights ?? {}) },
    },
  };
  const bad = (msg: string) => new EmbeddingError('INVALID_OPTIONS', `BuiltinEmbedder: ${msg}`);
  if (!Number.isInteger(o.dimensions) || o.dimensions < 8) throw bad(`dimensions must be an integer ≥ 8, got ${o.dimensions}.`);
  if (!(o.supervisedWeight >= 0 && o.supervisedWeight <= 1)) throw bad('supervisedWeight must be in [0, 1].');
  if (!(o.maxSupervisedFraction >= 0 && o.maxSupervisedFraction < 1)) throw bad('maxSupervisedFraction must be in [0, 1).');
  if (!(o.discriminationFloor >= 0 && o.discriminationFloor <= 1)) throw bad('discriminationFloor must be in [0, 1].');
  if (!(o.features.minN >= 1 && o.features.maxN >= o.features.minN)) throw bad('need 1 ≤ features.minN ≤ features.maxN.');
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Groups merged by label, labels and texts sorted: the model and its id then depend on the
 * content only, not on the order a store happened to return rows in (otherwise eigenvector
 * signs could flip between two trainings on the same content while the id stayed equal).
 */
function canonicalCorpus(corpus: readonly TrainingGroup[]): TrainingGroup[] {
  const byLabel = new Map<string, string[]>();
  for (const group of corpus) {
    const texts = byLabel.get(group.label) ?? [];
    texts.push(...group.texts);
    byLabel.set(group.label, texts);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byLabel]
    .filter(([, texts]) => texts.length > 0)
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([label, texts]) => ({ label, texts: [...texts].sort(byCodePoint) }));
}

/** murmur3 finaliser: spreads FNV hashes so bucket and sign bits are independent. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The builtin embedder. Create with {@link BuiltinEmbedder.train} or {@link BuiltinEmbedder.fromJSON}. */
export class BuiltinEmbedder implements Embedder {
  readonly dimensions: number;
  private readonly index = new Map<number, number>();
  private readonly hashDimensions: number;
  private readonly supervisedScale: number;
  private readonly lexicalScale: number;
  private readonly hashSeed: number;
  // Scratch buffers reused across calls: embedding is synchronous, so no interleaving.
  private readonly similarity: Float64Array;
  private readonly touched: Uint32Array;
  private readonly isTouched: Uint8Array;

  private constructor(
    /** `builtin:v1:<hash of training data and options>`. */
    readonly id: string,
    readonly options: Readonly<BuiltinEmbedderOptions>,
    private readonly model: BuiltinModel,
  ) {
    this.dimensions = options.dimensions;
    model.vocab.forEach((f, i) => this.index.set(f, i));
    this.hashDimensions = options.dimensions - model.supervisedDimensions;
    const w = model.supervisedDimensions > 0 ? options.supervisedWeight : 0;
    this.supervisedScale = Math.sqrt(w);
    this.lexicalScale = Math.sqrt(1 - w);
    this.hashSeed = mix32(options.seed ^ 0x9e3779b9);
    this.similarity = new Float64Array(model.labels.length);
    this.touched = new Uint32Array(model.labels.length);
    this.isTouched = new Uint8Array(model.labels.length);
  }

  /**
   * Trains on labelled groups of phrasings (all phrasings of one procedure share a label).
   * Deterministic: the same corpus and options give the same id and vectors.
   * @throws EmbeddingError `INVALID_OPTIONS` for out-of-range options.
   */
  static train(corpus: readonly TrainingGroup[], overrides?: BuiltinEmbedderOverrides): BuiltinEmbedder {
    const options = mergeOptions(overrides);
    const canonical = canonicalCorpus(corpus);
    const supervisedDimensions = Math.floor(options.dimensions * options.maxSupervisedFraction);
    const model = trainBuiltinModel(canonical, {
      features: options.features,
      discriminationFloor: options.discriminationFloor,
      supervisedDimensions: options.supervisedWeight > 0 ? supervisedDimensions : 0,
      seed: options.seed,
    });
    const hash = createHash('sha256').update(`builtin|${FORMAT_VERSION}|${JSON.stringify(options)}`);
    for (const group of canonical) {
      hash.update(`\u0000L${group.label}`);
      for (const text of group.texts) hash.update(`\u0000T${text}`);
    }
    return new BuiltinEmbedder(`builtin:v${FORMAT_VERSION}:${hash.digest('hex').slice(0, 16)}`, options, model);
  }

  /** Number of labels the supervised block was trained on, and its size. */
  get trainingSummary(): { labels: number; vocabulary: number; supervisedDimensions: number } {
    return {
      labels: this.model.labels.length,
      vocabulary: this.model.vocab.length,
      supervisedDimensions: this.model.supervisedDimensions,
    };
  }

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    // Symmetric model: queries and passages share one space, so kind is ignored.
    return texts.map((t) => this.embedOne(t));
  }

  /** Synchronous single-text embedding (the builtin model needs no I/O). */
  embedOne(text: string): Float32Array {
    const m = this.model;
    const out = new Float32Array(this.dimensions);
    const k = m.supervisedDimensions;
    const hashDims = this.hashDimensions;
    const sim = this.similarity;
    const touched = this.touched;
    const isTouched = this.isTouched;
    let touchedCount = 0;
    let norm2 = 0;
    const bag = extractFeatures(text, this.options.features);
    for (let b = 0; b < bag.size; b++) {
      const f = bag.keys[b]!;
      const i = this.index.get(f);
      const v = bag.values[b]! * (i === undefined ? m.unseenWeight : m.weights[i]!);
      norm2 += v * v;
      const h = mix32(f ^ this.hashSeed);
      out[k + (h % hashDims)]! += h & 0x80000000 ? -v : v;
      if (i === undefined || k === 0) continue;
      for (let p = m.postingOffsets[i]!, end = m.postingOffsets[i + 1]!; p < end; p++) {
        const c = m.postingLabels[p]!;
        if (isTouched[c] === 0) {
          isTouched[c] = 1;
          touched[touchedCount++] = c;
        }
        sim[c]! += v * m.postingValues[p]!;
      }
    }
    const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
    // Supervised block: Σ_c sim_c · A[c], only over labels the text touched.
    const sScale = this.supervisedScale * inv;
    for (let t = 0; t < touchedCount; t++) {
      const c = touched[t]!;
      const s = sim[c]! * sScale;
      sim[c] = 0;
      isTouched[c] = 0;
      const row = c * k;
      for (let j = 0; j < k; j++) out[j]! += s * m.projection[row + j]!;
    }
    const lScale = this.lexicalScale * inv;
    let total = 0;
    for (let j = 0; j < k; j++) total += out[j]! * out[j]!;
    for (let j = k; j < out.length; j++) {
      out[j]! *= lScale;
      total += out[j]! * out[j]!;
    }
    if (total > 0) {
      const n = 1 / Math.sqrt(total);
      for (let j = 0; j < out.length; j++) out[j]! *= n;
    }
    return out;
  }

  /** Serialisable state (JSON-safe); reload with {@link BuiltinEmbedder.fromJSON}. */
  toJSON(): BuiltinEmbedderJSON {
    const m = this.model;
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return {
      format: 'smartbot-builtin-embedder',
      formatVersion: FORMAT_VERSION,
      id: this.id,
      options: structuredClone(this.options) as BuiltinEmbedderOptions,
      labels: [...m.labels],
      unseenWeight: m.unseenWeight,
      supervisedDimensions: m.supervisedDimensions,
      vocab: b64(m.vocab),
      weights: b64(m.weights),
      postingOffsets: b64(m.postingOffsets),
      postingLabels: b64(m.postingLabels),
      postingValues: b64(m.postingValues),
      projection: b64(m.projection),
    };
  }

  /**
   * Restores an embedder saved with {@link BuiltinEmbedder.toJSON}; vectors are identical.
   * @throws EmbeddingError `INDEX_CORRUPT` if the data is not a compatible, consistent save.
   */
  static fromJSON(json: BuiltinEmbedderJSON): BuiltinEmbedder {
    const corrupt = (why: string) => new EmbeddingError('INDEX_CORRUPT', `Saved builtin embedder is unusable: ${why}.`);
    if (json?.format !== 'smartbot-builtin-embedder') throw corrupt('not a builtin embedder save');
    if (json.formatVersion !== FORMAT_VERSION) throw corrupt(`format version ${json.formatVersion}, expected ${FORMAT_VERSION}`);
    const options = mergeOptions(json.options);
    const bytes = (s: string) => {
      const buf = Buffer.from(s, 'base64');
      // Copy into a fresh, aligned ArrayBuffer: Buffer pools are not 4-byte aligned.
      return new Uint8Array(buf).buffer;
    };
    const model: BuiltinModel = {
      vocab: new Uint32Array(bytes(json.vocab)),
      weights: new Float32Array(bytes(json.weights)),
      unseenWeight: json.unseenWeight,
      labels: json.labels,
      postingOffsets: new Uint32Array(bytes(json.postingOffsets)),
      postingLabels: new Uint32Array(bytes(json.postingLabels)),
      postingValues: new Float32Array(bytes(json.postingValues)),
      supervisedDimensions: json.supervisedDimensions,
      projection: new Float32Array(bytes(json.projection)),
    };
    const C = model.labels.length;
    const V = model.vocab.length;
    if (
      model.weights.length !== V ||
      model.postingOffsets.length !== V + 1 ||
      model.postingLabels.length !== model.postingValues.length ||
      model.postingOffsets[V] !== model.postingLabels.length ||
      model.projection.length !== C * model.supervisedDimensions ||
      model.supervisedDimensions >= options.dimensions
    ) {
      throw corrupt('array sizes are inconsistent');
    }
    return new BuiltinEmbedder(json.id, options, model);
  }
}
