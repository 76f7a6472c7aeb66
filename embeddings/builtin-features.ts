/**
 * Feature extraction for the builtin embedder: hashed character n-grams and syllable
 * uni/bigrams, on both the accented and the folded (accent-free) text.
 *
 * Each feature is a 32-bit FNV-1a hash computed incrementally over char codes, so no substring
 * is allocated; this is what keeps a query under half a millisecond. Each family hashes from its
 * own seed, so "ký" as a syllable never collides on purpose with "ký" as a 3-gram.
 */
import { canonicalize, foldVietnamese, syllables } from './text-fold.ts';

/** The feature families; their weights are tunable. */
export type FeatureFamily = 'char' | 'unigram' | 'bigram';

/** Which n-gram lengths and which text forms to use. */
export interface FeatureOptions {
  /** Smallest character n-gram (inclusive). Default 3. */
  readonly minN: number;
  /** Largest character n-gram (inclusive). Default 5. */
  readonly maxN: number;
  /** Multiplier of each family's term frequencies. */
  readonly familyWeights: Readonly<Record<FeatureFamily, number>>;
  /** Multiplier of accented-form and folded-form features. */
  readonly formWeights: Readonly<{ accented: number; folded: number }>;
}

/**
 * Defaults chosen on the ward knowledge base (5-fold paraphrase retrieval + dev questions):
 * folded features count double because citizens often type without diacritics, and character
 * n-grams count half because they are ~8× more numerous than syllable features.
 */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  minN: 3,
  maxN: 5,
  familyWeights: { char: 0.5, unigram: 1, bigram: 1 },
  formWeights: { accented: 1, folded: 2 },
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// Distinct seeds per (form, family): 6 independent hash spaces.
const SEEDS = {
  accented: { char: 0x1f3a5c7e, unigram: 0x2b4d6f81, bigram: 0x3c5e7092 },
  folded: { char: 0x4d6f81a3, unigram: 0x5e7092b4, bigram: 0x6f81a3c5 },
} as const;

function hashString(seed: number, s: string): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * A sparse bag of features: parallel arrays of feature hash and sublinear term frequency
 * (1 + ln tf) times the feature's family and form weight (applied after the log so it scales,
 * not shifts, tf). Arrays rather than a Map: this runs for every text at training and for every
 * query, and Map allocation dominated both.
 */
export interface FeatureBag {
  readonly size: number;
  readonly keys: Uint32Array;
  readonly values: Float32Array;
}

/** Open-addressing hash table reused across calls (single-threaded, no interleaving). */
class BagBuilder {
  private capacity = 4096;
  private slots = new Int32Array(this.capacity).fill(-1);
  private keys = new Uint32Array(this.capacity);
  private counts = new Uint32Array(this.capacity);
  private scales = new Float32Array(this.capacity);
  private used = new Int32Array(this.capacity);
  private size = 0;

  add(key: number, scale: number): void {
    if (this.size * 2 >= this.capacity) this.grow();
    const mask = this.capacity - 1;
    // Keys are FNV hashes, already well mixed; fold the high half in for short tables.
    let slot = (key ^ (key >>> 16)) & mask;
    for (;;) {
      const at = this.slots[slot]!;
      if (at === -1) {
        const n = this.size++;
        this.slots[slot] = n;
        this.used[n] = slot;
        this.keys[n] = key;
        this.counts[n] = 1;
        this.scales[n] = scale;
        return;
      }
      if (this.keys[at] === key) {
        this.counts[at]!++;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Returns the bag and resets the builder for the next text. */
  take(): FeatureBag {
    const n = this.size;
    const keys = this.keys.slice(0, n);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const c = this.counts[i]!;
      values[i] = (c === 1 ? 1 : 1 + Math.log(c)) * this.scales[i]!;
      this.slots[this.used[i]!] = -1;
    }
    this.size = 0;
    return { size: n, keys, values };
  }

  private grow(): void {
    const n = this.size;
    const old = { keys: this.keys, counts: this.counts, scales: this.scales };
    this.capacity *= 2;
    this.slots = new Int32Array(this.capacity).fill(-1);
    this.keys = new Uint32Array(this.capacity);
    this.counts = new Uint32Array(this.capacity);
    this.scales = new Float32Array(this.capacity);
    this.used = new Int32Array(this.capacity);
    this.size = 0;
    for (let i = 0; i < n; i++) {
      this.add(old.keys[i]!, old.scales[i]!);
      this.counts[i] = old.counts[i]!;
    }
  }
}

const builder = new BagBuilder();

function addForm(
  bag: BagBuilder,
  words: string[],
  seeds: { char: number; unigram: number; bigram: number },
  formWeight: number,
  o: FeatureOptions,
): void {
  if (words.length === 0 || formWeight === 0) return;
  const wu = o.familyWeights.unigram * formWeight;
  const wb = o.familyWeights.bigram * formWeight;
  const wc = o.familyWeights.char * formWeight;
  let prev = '';
  for (const w of words) {
    if (wu > 0) bag.add(hashString(seeds.unigram, w), wu);
    if (wb > 0 && prev) bag.add(hashString(seeds.bigram, `${prev} ${w}`), wb);
    prev = w;
  }
  if (wc <= 0) return;
  // Word-boundary padding: " đăng ký " yields " đă", "ng ", "g k"… so n-grams encode both word
  // starts/ends and syllable adjacency (robust to merged words such as "dangky").
  const padded = ` ${words.join(' ')} `;
  const len = padded.length;
  for (let start = 0; start + o.minN <= len; start++) {
    let h = (FNV_OFFSET ^ seeds.char) >>> 0;
    const end = Math.min(len, start + o.maxN);
    for (let i = start; i < end; i++) {
      h = Math.imul(h ^ padded.charCodeAt(i), FNV_PRIME);
      if (i - start + 1 >= o.minN) bag.add(h >>> 0, wc);
    }
  }
}

/** Extracts the feature bag of `text` (sublinear term frequencies times family/form weights). */
export function extractFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureBag {
  const bag = builder;
  const canonical = canonicalize(text);
  const accentedWords = syllables(canonical);
  addForm(bag, accentedWords, SEEDS.accented, options.formWeights.accented, options);
  addForm(bag, syllables(foldVietnamese(canonical)), SEEDS.folded, options.formWeights.folded, options);
  return bag.take();
}
