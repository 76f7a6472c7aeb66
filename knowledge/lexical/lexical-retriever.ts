/**
 * Lexical retriever: BM25 over three fields of every entry — each question phrasing as its own
 * unit (an entry scores by its best-matching phrasing), title + keywords, and body text.
 */
import { withoutAside, type KnowledgeEntry } from '../entries.ts';
import type { RetrievalHit, Retriever } from '../retriever.ts';
import { isBigram, type Analyzer } from '../text/analyzer.ts';
import { Bm25Field, DEFAULT_BM25, setBit, type Admission, type Bm25Params } from './bm25-field.ts';

/** Field weights and BM25 parameters. */
export interface LexicalOptions {
  questionWeight: number;
  keywordWeight: number;
  bodyWeight: number;
  bigramWeight: number;
  /** Weight in coverage of a word found only in the body (answers, document lists). */
  bodyCoverageWeight: number;
  /**
   * Exponent of the share of a phrasing's own words found in the question. It lets
   * "đăng ký thường trú" prefer the phrasing without extra words ("xóa …") that BM25 alone ignores.
   */
  unitCoverageExponent: number;
  /**
   * Share of an entry's second-best phrasing added to its best: an entry whose phrasings keep
   * matching is more likely the topic than one with a single phrasing that mentions it in passing.
   */
  secondPhrasingWeight: number;
  /** Share of the maximum IDF given to words the knowledge base has never seen (typos, off-topic). */
  unknownWordWeight: number;
  bm25: Bm25Params;
  /**
   * Postings longer than this (phrasings containing a word) are not walked in full: see
   * Bm25Field. Only large knowledge bases reach it; below it scoring is exact.
   */
  pruneAbove: number;
  /**
   * Knowledge bases with more entries than this let only the phrasings (and the entries a caller
   * asks about) nominate candidates; keywords and body text then just add evidence. A keyword or
   * body match alone almost never reaches the top, and on a large index scoring those extra
   * candidates costs more than everything else.
   */
  phrasingsNominateAbove: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalOptions = {
  questionWeight: 1,
  keywordWeight: 0.35,
  bodyWeight: 0.12,
  bigramWeight: 1,
  bodyCoverageWeight: 0.5,
  unitCoverageExponent: 0.5,
  secondPhrasingWeight: 0.25,
  unknownWordWeight: 0.3,
  bm25: DEFAULT_BM25,
  pruneAbove: 2000,
  phrasingsNominateAbove: 2000,
};


/** Indices of the k largest scores, best first (partial selection, not a full sort). */
function topK(candidates: readonly number[], scores: Float64Array, k: number): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  for (const c of candidates) {
    const s = scores[c]!;
    if (best.length === k && s <= scores[best[k - 1]!]!) continue;
    let i = best.length < k ? best.length : k - 1;
    best[i] = c;
    while (i > 0 && scores[best[i - 1]!]! < s) {
      best[i] = best[i - 1]!;
      best[i - 1] = c;
      i--;
    }
  }
  return best;
}

/** BM25 retriever over a fixed set of entries; build a new one when content changes. */
export class LexicalRetriever implements Retriever {
  readonly name = 'lexical';
  private readonly options: LexicalOptions;
  private readonly questions: Bm25Field;
  private readonly keywords: Bm25Field;
  private readonly body: Bm25Field;
  private readonly unitEntry: number[] = [];
  private readonly keywordEntry: number[] = [];
  private nominated: Uint32Array | undefined;
  private readonly headTerms: Set<string>[] = [];
  private readonly bodyTerms: Set<string>[] = [];
  private readonly entryDf = new Map<string, number>();
  private readonly positions = new Map<string, number>();
  private avgQuestionLength = 1;
  private scratch: { entryScores: Float64Array; secondScores: Float64Array; keywordScores: Float64Array; bodyAcc: Float64Array } | undefined;
  private readonly unitScratch = new Map<Bm25Field, Float64Array>();

  constructor(
    private readonly entries: readonly KnowledgeEntry[],
    private readonly analyzer: Analyzer,
    options: Partial<LexicalOptions> = {},
  ) {
    this.options = { ...DEFAULT_LEXICAL_OPTIONS, ...options };
    this.questions = new Bm25Field(this.options.bm25, this.options.pruneAbove);
    this.keywords = new Bm25Field(this.options.bm25, this.options.pruneAbove);
    this.body = new Bm25Field(this.options.bm25, this.options.pruneAbove);
    let questionTerms = 0;
    entries.forEach((entry, i) => {
      this.positions.set(entry.id, i);
      const head = new Set<string>();
      for (const q of [withoutAside(entry.title), ...entry.questions]) {
        const terms = analyzer.analyze(q).terms;
        this.questions.add(terms);
        this.unitEntry.push(i);
        questionTerms += terms.length;
        for (const t of terms) head.add(t);
      }
      // Each keyword is its own unit too, like phrasings: a long keyword list must not dilute
      // the exact keyword a citizen typed ("tạm trú").
      for (const k of [withoutAside(entry.title), ...entry.keywords]) {
        const terms = analyzer.analyze(k).terms;
        if (terms.length === 0) continue;
        this.keywords.add(terms);
        this.keywordEntry.push(i);
        for (const t of terms) head.add(t);
      }
      const bodyTerms = analyzer.analyze(entry.body).terms;
      this.body.add(bodyTerms);
      this.headTerms.push(head);
      this.bodyTerms.push(new Set(bodyTerms));
      for (const t of new Set([...head, ...bodyTerms])) this.entryDf.set(t, (this.entryDf.get(t) ?? 0) + 1);
    });
    this.avgQuestionLength = questionTerms / Math.max(1, this.unitEntry.length);
  }

  /** Whether this index holds the entry. */
  has(entryId: string): boolean {
    return this.positions.has(entryId);
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.entries.length;
  }

  search(question: string, k: number): RetrievalHit[] {
    return this.run(question, (touched, scores) => topK(touched, scores, k));
  }

  /**
   * The best `k` entries plus lexical evidence for `alsoIds` (vector candidates), in one scoring
   * pass — hybrid fusion needs both, and scoring twice would double its cost.
   */
  searchWith(question: string, k: number, alsoIds: readonly string[]): { top: RetrievalHit[]; also: Map<string, RetrievalHit> } {
    const extra = alsoIds.map((id) => this.positions.get(id)).filter((i): i is number => i !== undefined);
    let topCount = 0;
    const hits = this.run(
      question,
      (touched, scores) => {
        const top = topK(touched, scores, k);
        topCount = top.length;
        return [...top, ...extra];
      },
      true,
      extra,
    );
    const top = hits.slice(0, topCount).filter((h) => h.score > 0);
    return { top, also: new Map(hits.slice(topCount).map((h) => [h.entryId, h])) };
  }

  /** Lexical evidence for chosen entries only. */
  scoreEntries(question: string, entryIds: readonly string[]): Map<string, RetrievalHit> {
    return this.searchWith(question, 0, entryIds).also;
  }

  /** Scores every entry, lets `pick` choose which to report, then clears the scratch buffers. */
  private run(question: string, pick: (touched: number[], scores: Float64Array) => number[], keepZero = false, wanted: readonly number[] = []): RetrievalHit[] {
    const analyzed = this.analyzer.analyze(question);
    const byTerm = new Map<string, number>();
    analyzed.terms.forEach((term, i) => byTerm.set(term, Math.max(byTerm.get(term) ?? 0, analyzed.weights[i]! * (isBigram(term) ? this.options.bigramWeight : 1))));
    const weighted = [...byTerm].map(([term, weight]) => ({ term, weight }));
    if (weighted.length === 0) return [];
    const { questionWeight, keywordWeight, bodyWeight } = this.options;

    const { entryScores, secondScores, keywordScores, bodyAcc } = this.buffers();
    const touched: number[] = [];
    // Best and second-best phrasing per entry.
    this.bestUnits(this.questions, this.unitEntry, weighted, questionWeight, entryScores, secondScores, touched);
    const beta = this.options.secondPhrasingWeight;
    for (const e of touched) {
      entryScores[e]! += beta * secondScores[e]!;
      secondScores[e] = 0;
    }
    const admit = this.nominees(touched, wanted);
    // Best keyword per entry.
    const kwTouched: number[] = [];
    this.bestUnits(this.keywords, this.keywordEntry, weighted, keywordWeight, keywordScores, undefined, kwTouched, admit && { groupOf: this.keywordEntry, groups: admit });
    for (const e of kwTouched) {
      if (entryScores[e] === 0) touched.push(e);
      entryScores[e]! += keywordScores[e]!;
      keywordScores[e] = 0;
    }
    const bodyTouched: number[] = [];
    this.body.score(weighted, bodyAcc, bodyTouched, admit && { groups: admit });
    if (admit) admit.fill(0);
    for (const e of bodyTouched) {
      if (entryScores[e] === 0) touched.push(e);
      entryScores[e]! += bodyAcc[2 * e]! * bodyWeight;
      bodyAcc[2 * e] = 0;
      bodyAcc[2 * e + 1] = 0;
    }
    const self = this.selfScore(weighted);
    const words = this.coverageWeights(weighted.filter((w) => !isBigram(w.term)));
    const hits = pick(touched, entryScores)
      .filter((e) => keepZero || entryScores[e]! > 0)
      .map((e) => {
        const score = Math.min(1, entryScores[e]! / self);
        return { entryId: this.entries[e]!.id, score, lexical: score, coverage: this.coverage(words, e) };
      });
    for (const e of touched) entryScores[e] = 0;
    return hits;
  }

  /**
   * Scores a unit field and reports each touched unit's score to `report(entry, score)`: BM25 times
   * the share of the unit's own words the question contains (see `unitCoverageExponent`).
   */
  private bestUnits(
    field: Bm25Field,
    unitEntry: readonly number[],
    weighted: ReadonlyArray<{ term: string; weight: number }>,
    weight: number,
    best: Float64Array,
    second: Float64Array | undefined,
    touchedEntries: number[],
    admit?: Admission,
  ): void {
    const acc = this.unitBuffer(field);
    const touchedUnits: number[] = [];
    field.score(weighted, acc, touchedUnits, admit);
    const gamma = this.options.unitCoverageExponent;
    const unitWeights = field.allUnitWeights();
    for (let i = 0; i < touchedUnits.length; i++) {
      const u = touchedUnits[i]!;
      const share = Math.min(1, acc[2 * u + 1]! / (unitWeights[u]! || 1e-9));
      const s = acc[2 * u]! * weight * (gamma === 0.5 ? Math.sqrt(share) : Math.pow(share, gamma));
      acc[2 * u] = 0;
      acc[2 * u + 1] = 0;
      const e = unitEntry[u]!;
      const current = best[e]!;
      if (current === 0 && (!second || second[e] === 0)) touchedEntries.push(e);
      if (s > current) {
        if (second) second[e] = current;
        best[e] = s;
      } else if (second && s > second[e]!) second[e] = s;
    }
  }

  /**
   * On a large index, the entries allowed to become candidates in the keyword and body fields (see
   * `phrasingsNominateAbove`) as a bitset the caller clears; undefined means all. When the phrasings
   * found nothing, every field nominates, so a question worded only like an entry's keywords or
   * answer still gets one.
   */
  private nominees(found: readonly number[], wanted: readonly number[]): Uint32Array | undefined {
    if (this.entries.length <= this.options.phrasingsNominateAbove || found.length === 0) return undefined;
    this.nominated ??= new Uint32Array((this.entries.length + 31) >>> 5);
    for (const e of found) setBit(this.nominated, e);
    for (const e of wanted) setBit(this.nominated, e);
    return this.nominated;
  }

  /** Per-unit accumulator of a field (two numbers per unit, see Bm25Field.score). */
  private unitBuffer(field: Bm25Field): Float64Array {
    let b = this.unitScratch.get(field);
    if (!b) {
      b = new Float64Array(2 * field.size);
      this.unitScratch.set(field, b);
    }
    return b;
  }

  /**
   * Scratch arrays reused across searches (search is synchronous, so one set is enough);
   * every search zeroes what it touched, which is far cheaper than allocating per question.
   */
  private buffers() {
    if (!this.scratch) {
      this.scratch = {
        entryScores: new Float64Array(this.entries.length),
        secondScores: new Float64Array(this.entries.length),
        keywordScores: new Float64Array(this.entries.length),
        bodyAcc: new Float64Array(2 * this.entries.length),
      };
    }
    return this.scratch;
  }

  /** Score the question would get against a phrasing identical to itself: the scale for [0, 1]. */
  private selfScore(terms: ReadonlyArray<{ term: string; weight: number }>): number {
    const { k1, b } = this.options.bm25;
    const norm = 1 + k1 * (1 - b + (b * terms.length) / this.avgQuestionLength);
    let s = 0;
    for (const { term, weight } of terms) s += this.questions.idf(term) * weight * ((k1 + 1) / norm);
    const { questionWeight, keywordWeight, bodyWeight } = this.options;
    // A question matching one phrasing, the keywords and the body perfectly would score about this.
    return Math.max(s * (questionWeight * (1 + this.options.secondPhrasingWeight) + keywordWeight + bodyWeight), 1e-9);
  }

  /** Each question word's weight in coverage: its entry-level IDF times its query weight. */
  private coverageWeights(unigrams: ReadonlyArray<{ term: string; weight: number }>): Array<{ term: string; idf: number }> {
    const n = this.entries.length;
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    return unigrams.map(({ term, weight }) => {
      const df = this.entryDf.get(term) ?? 0;
      return { term, idf: weight * (df === 0 ? maxIdf * this.options.unknownWordWeight : Math.log(1 + (n - df + 0.5) / (df + 0.5))) };
    });
  }

  /** IDF-weighted share of the question's words found in the entry (see {@link RetrievalHit}). */
  private coverage(words: ReadonlyArray<{ term: string; idf: number }>, e: number): number {
    let total = 0;
    let found = 0;
    const head = this.headTerms[e]!;
    const body = this.bodyTerms[e]!;
    for (const { term, idf } of words) {
      total += idf;
      if (head.has(term)) found += idf;
      else if (body.has(term)) found += idf * this.options.bodyCoverageWeight;
    }
    return total > 0 ? found / total : 0;
  }
}
