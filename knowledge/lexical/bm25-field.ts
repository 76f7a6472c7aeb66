/**
 * One BM25 field: an inverted index over units (short texts) with Okapi BM25 scoring.
 * Postings are frozen into typed arrays on first use so scoring 100k units stays fast.
 */

/** BM25 parameters; b is low by default because units are short, similar-length questions. */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5 };

/** First index in the ascending array whose value is ≥ target. */
function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Restricts which units may become candidates: a unit is admitted when its group (its entry, via
 * `groupOf`, or the unit itself when absent) has its bit set in `groups`.
 */
export interface Admission {
  groupOf?: ArrayLike<number>;
  groups: Uint32Array;
}

/** Sets bit `i` of a bitset. */
export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

/** Walks a term's postings, making new candidates of admitted units. */
function seedPostings(p: Frozen, weight: number, acc: Float64Array, seen: Uint32Array, touched: number[], admit: Admission | undefined): void {
  const { units, impacts } = p;
  const idfWeight = p.idf * weight;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const word = u >>> 5;
    const bit = 1 << (u & 31);
    if ((seen[word]! & bit) === 0) {
      if (admit) {
        const g = admit.groupOf ? admit.groupOf[u]! : u;
        if ((admit.groups[g >>> 5]! & (1 << (g & 31))) === 0) continue;
      }
      seen[word]! |= bit;
      touched.push(u);
    }
    acc[2 * u]! += weight * impacts[i]!;
    acc[2 * u + 1]! += idfWeight;
  }
}

/** Walks a term's postings, adding only to existing candidates (membership from the bitset). */
function addToCandidates(p: Frozen, weight: number, acc: Float64Array, seen: Uint32Array): void {
  const { units, impacts } = p;
  const idfWeight = p.idf * weight;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if ((seen[u >>> 5]! & (1 << (u & 31))) !== 0) {
      acc[2 * u]! += weight * impacts[i]!;
      acc[2 * u + 1]! += idfWeight;
    }
  }
}

/** Few candidates, long postings: binary-search each candidate instead of walking. */
function addBySearch(p: Frozen, weight: number, acc: Float64Array, touched: readonly number[]): void {
  const { units, impacts } = p;
  const idfWeight = p.idf * weight;
  for (let c = 0; c < touched.length; c++) {
    const u = touched[c]!;
    const i = lowerBound(units, u);
    if (i < units.length && units[i] === u) {
      acc[2 * u]! += weight * impacts[i]!;
      acc[2 * u + 1]! += idfWeight;
    }
  }
}

interface Postings {
  units: number[];
  tfs: number[];
}

interface Frozen {
  units: Int32Array;
  /**
   * Each posting's BM25 contribution for a query weight of 1 (idf × saturated, length-normalised
   * tf), computed once when the index is frozen so scoring is one multiply-add per posting.
   */
  impacts: Float64Array;
  idf: number;
}

/** Inverted index for one field. Units are appended; the index is rebuilt when content changes. */
export class Bm25Field {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private readonly unitTerms: string[][] = [];
  private totalLength = 0;
  private frozen: Map<string, Frozen> | undefined;
  private unitWeights: Float64Array = new Float64Array(0);
  private seen: Uint32Array | undefined;

  /**
   * @param pruneAbove postings longer than this are only looked up for units already found by
   *   rarer terms (see {@link score}); small knowledge bases never reach it, so they score exactly.
   */
  constructor(
    private readonly params: Bm25Params = DEFAULT_BM25,
    private readonly pruneAbove = 2000,
  ) {}

  /** Number of units indexed. */
  get size(): number {
    return this.lengths.length;
  }

  /** Adds a unit and returns its index. */
  add(terms: readonly string[]): number {
    const unit = this.lengths.length;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let p = this.postings.get(term);
      if (!p) {
        p = { units: [], tfs: [] };
        this.postings.set(term, p);
      }
      p.units.push(unit);
      p.tfs.push(tf);
    }
    this.lengths.push(terms.length);
    this.unitTerms.push([...counts.keys()]);
    this.totalLength += terms.length;
    this.frozen = undefined;
    return unit;
  }

  /** Inverse document frequency (BM25+ style, always positive). */
  idf(term: string): number {
    return this.computeIdf(this.postings.get(term)?.units.length ?? 0);
  }

  /** Number of units containing the term. */
  df(term: string): number {
    return this.postings.get(term)?.units.length ?? 0;
  }

  /** Sum of IDF over a unit's distinct terms: the denominator of {@link score}'s matched share. */
  unitWeight(unit: number): number {
    this.freeze();
    return this.unitWeights[unit]!;
  }

  /** All units' weights (see {@link unitWeight}), for hot loops. */
  allUnitWeights(): Float64Array {
    this.freeze();
    return this.unitWeights;
  }

  /**
   * Adds BM25 scores of `terms` into `acc` and records touched units. `acc` holds two numbers per
   * unit — `acc[2u]` the score, `acc[2u + 1]` the IDF of the unit's terms the question contains
   * (see {@link unitWeight}) — side by side so each posting touches one cache line: on a large
   * index these scattered writes, not the arithmetic, are the cost. Query term weights let callers
   * down-weight bigrams or weak words. Callers zero what they read. With `admit`, only admitted
   * units become candidates.
   */
  score(terms: ReadonlyArray<{ term: string; weight: number }>, acc: Float64Array, touched: number[], admit?: Admission): void {
    const frozen = this.freeze();
    // Strong terms first, rarest first: they decide which units are candidates at all. Weak terms
    // ("giấy tờ", "bao lâu") and very common ones only add to units already found, because a unit
    // sharing nothing but them with the question is not a candidate — and skipping them is what
    // keeps large indexes fast.
    const postings = terms.flatMap(({ term, weight }) => {
      const p = frozen.get(term);
      return p ? [{ p, weight }] : [];
    });
    const hasStrong = postings.some((x) => x.weight >= 1);
    // Membership of `touched` as a bitset: 100k units fit in 12.5 KB, so skipping a posting whose
    // unit is not a candidate stays in L1 cache instead of reading the large accumulator.
    const seen = this.seenBits();
    for (const u of touched) seen[u >>> 5]! |= 1 << (u & 31);
    postings.sort((a, b) => Number(b.weight >= 1) - Number(a.weight >= 1) || a.p.units.length - b.p.units.length);
    for (const { p, weight } of postings) {
      const seeds = touched.length === 0 || (weight >= 1 && p.units.length <= this.pruneAbove) || !hasStrong;
      const n = p.units.length;
      if (seeds) seedPostings(p, weight, acc, seen, touched, admit);
      // A weak word found in thousands of phrasings ("giấy", "thủ tục") moves a candidate's score
      // by a few percent at most; walking its postings is most of the cost on a large index.
      else if (weight < 1 ? n > this.pruneAbove : n > 10 * this.pruneAbove) continue;
      else if (touched.length * 32 < n) addBySearch(p, weight, acc, touched);
      else addToCandidates(p, weight, acc, seen);
    }
    for (let c = 0; c < touched.length; c++) seen[touched[c]! >>> 5] = 0;
  }

  /** Scratch bitset over units, all zero between calls (score is synchronous). */
  private seenBits(): Uint32Array {
    const words = (this.size + 31) >>> 5;
    if (!this.seen || this.seen.length < words) this.seen = new Uint32Array(words);
    return this.seen;
  }

  private computeIdf(n: number): number {
    const total = this.lengths.length;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  }

  private freeze(): Map<string, Frozen> {
    if (this.frozen) return this.frozen;
    const { k1, b } = this.params;
    const avg = this.totalLength / Math.max(1, this.lengths.length) || 1;
    const lengthNorm = Float64Array.from(this.lengths, (len) => k1 * (1 - b + (b * len) / avg));
    const frozen = new Map<string, Frozen>();
    for (const [term, p] of this.postings) {
      const idf = this.computeIdf(p.units.length);
      const impacts = Float64Array.from(p.tfs, (tf, i) => (idf * (k1 + 1) * tf) / (tf + lengthNorm[p.units[i]!]!));
      frozen.set(term, { units: Int32Array.from(p.units), impacts, idf });
    }
    this.unitWeights = Float64Array.from(this.unitTerms, (terms) => terms.reduce((w, t) => w + frozen.get(t)!.idf, 0));
    this.frozen = frozen;
    return frozen;
  }
}
