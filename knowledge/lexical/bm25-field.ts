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

interface Postings {
  units: number[];
  tfs: number[];
}

interface Frozen {
  units: Int32Array;
  tfs: Float32Array;
  idf: number;
}

/** Inverted index for one field. Units are appended; the index is rebuilt when content changes. */
export class Bm25Field {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private readonly unitTerms: string[][] = [];
  private totalLength = 0;
  private frozen: Map<string, Frozen> | undefined;
  private lengthNorm: Float64Array = new Float64Array(0);
  private unitWeights: Float64Array = new Float64Array(0);

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
   * Adds BM25 scores of `terms` into `scores` (indexed by unit) and records touched units.
   * Query term weights let callers down-weight bigrams or weak words. `matched` (optional)
   * collects, per unit, the IDF of the unit's terms the query contains (see {@link unitWeight}).
   */
  score(terms: ReadonlyArray<{ term: string; weight: number }>, scores: Float64Array, touched: number[], matched?: Float64Array): void {
    const frozen = this.freeze();
    const k1p = this.params.k1 + 1;
    const lengthNorm = this.lengthNorm;
    // Strong terms first, rarest first: they decide which units are candidates at all. Weak terms
    // ("giấy tờ", "bao lâu") and very common ones only add to units already found, because a unit
    // sharing nothing but them with the question is not a candidate — and skipping them is what
    // keeps large indexes fast.
    const postings = terms.flatMap(({ term, weight }) => {
      const p = frozen.get(term);
      return p ? [{ p, weight }] : [];
    });
    const hasStrong = postings.some((x) => x.weight >= 1);
    postings.sort((a, b) => Number(b.weight >= 1) - Number(a.weight >= 1) || a.p.units.length - b.p.units.length);
    for (const { p, weight } of postings) {
      const w = p.idf * weight * k1p;
      const { units, tfs } = p;
      const seeds = touched.length === 0 || (weight >= 1 && units.length <= this.pruneAbove) || !hasStrong;
      // A weak word found in thousands of phrasings ("giấy", "thủ tục") moves a candidate's score
      // by a few percent at most; walking its postings is most of the cost on a large index.
      if (!seeds && (weight < 1 ? units.length > this.pruneAbove : units.length > 10 * this.pruneAbove)) continue;
      if (!seeds && touched.length * 16 < units.length) {
        // Few candidates, long postings: binary-search each candidate.
        const candidates = touched.length;
        for (let c = 0; c < candidates; c++) {
          const u = touched[c]!;
          const i = lowerBound(units, u);
          if (i < units.length && units[i] === u) {
            const tf = tfs[i]!;
            scores[u]! += (w * tf) / (tf + lengthNorm[u]!);
            if (matched) matched[u]! += p.idf * weight;
          }
        }
        continue;
      }
      for (let i = 0; i < units.length; i++) {
        const u = units[i]!;
        if (scores[u] === 0) {
          if (!seeds) continue;
          touched.push(u);
        }
        const tf = tfs[i]!;
        scores[u]! += (w * tf) / (tf + lengthNorm[u]!);
        if (matched) matched[u]! += p.idf * weight;
      }
    }
  }

  private computeIdf(n: number): number {
    const total = this.lengths.length;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  }

  private freeze(): Map<string, Frozen> {
    if (this.frozen) return this.frozen;
    const frozen = new Map<string, Frozen>();
    for (const [term, p] of this.postings) {
      frozen.set(term, { units: Int32Array.from(p.units), tfs: Float32Array.from(p.tfs), idf: this.computeIdf(p.units.length) });
    }
    const { k1, b } = this.params;
    const avg = this.totalLength / Math.max(1, this.lengths.length) || 1;
    this.lengthNorm = Float64Array.from(this.lengths, (len) => k1 * (1 - b + (b * len) / avg));
    this.unitWeights = Float64Array.from(this.unitTerms, (terms) => terms.reduce((w, t) => w + frozen.get(t)!.idf, 0));
    this.frozen = frozen;
    return frozen;
  }
}
