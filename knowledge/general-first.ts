/**
 * Prefers the general procedure over a more specific sibling the question does not ask for.
 * "Đăng ký kết hôn" and "Đăng ký lại kết hôn" share every title word but "lại"; a question
 * without "lại" ("kết hôn mất bao lâu") means the general one, even when a phrasing of the specific
 * one happens to match a little better.
 */
import { withoutAside, type KnowledgeEntry } from './entries.ts';
import type { RetrievalHit, Retriever } from './retriever.ts';
import { isBigram, type Analyzer } from './text/analyzer.ts';

/**
 * Wraps a retriever: when the best hit is a procedure and a procedure whose title words are a
 * strict subset of its title scores at least `ratio` of it, and the question contains none of the
 * extra title words, and the general one covers the question's words at least as well, it moves to
 * the top (the two swap scores, so the policy still sees how close the call was). Only the first
 * `window` hits are considered.
 */
export class GeneralFirstRetriever implements Retriever {
  readonly name: string;
  private readonly titleTerms: ReadonlyMap<string, Set<string> | undefined>;

  constructor(
    private readonly inner: Retriever,
    private readonly entries: ReadonlyMap<string, KnowledgeEntry>,
    private readonly analyzer: Analyzer,
    private readonly ratio = 0.9,
    private readonly window = 5,
  ) {
    this.name = inner.name;
    this.titleTerms = procedureTitleTerms(entries, analyzer);
  }

  async search(question: string, k: number): Promise<RetrievalHit[]> {
    const hits = await this.inner.search(question, k);
    const top = hits[0];
    if (!top) return hits;
    const a = this.titleTerms.get(top.entryId);
    if (!a) return hits;
    let asked: Set<string> | undefined;
    for (let i = 1; i < Math.min(hits.length, this.window); i++) {
      const h = hits[i]!;
      if (h.score < this.ratio * top.score) break;
      // The general entry must explain the question's words at least as well: "cắt hộ khẩu cho bố
      // đã mất" has no "xóa", but its other words fit only the removal procedure.
      if (h.coverage < top.coverage) continue;
      const b = this.titleTerms.get(h.entryId);
      if (!b || b.size >= a.size || ![...b].every((t) => a.has(t))) continue;
      // Analysed only now: most questions have no such pair, and answers are latency-bound.
      asked ??= new Set(this.analyzer.analyze(question).terms.filter((t) => !isBigram(t)));
      const extra = [...a].filter((t) => !b.has(t));
      if (extra.some((t) => asked!.has(t))) continue;
      const out = [...hits];
      out[0] = { ...h, score: top.score };
      out[i] = { ...top, score: h.score };
      return out;
    }
    return hits;
  }
}

/**
 * Strong unigrams of each procedure's title without asides (Q&A entries map to undefined).
 * Computed once per snapshot — keyed by its entries map, which the lexical and the hybrid
 * retrievers of one rebuild share, together with its analyzer — and before any citizen waits on it.
 */
const titleCache = new WeakMap<ReadonlyMap<string, KnowledgeEntry>, Map<string, Set<string> | undefined>>();

function procedureTitleTerms(entries: ReadonlyMap<string, KnowledgeEntry>, analyzer: Analyzer): Map<string, Set<string> | undefined> {
  let terms = titleCache.get(entries);
  if (!terms) {
    terms = new Map();
    for (const e of entries.values()) {
      if (e.kind !== 'procedure') continue;
      const a = analyzer.analyze(withoutAside(e.title));
      terms.set(e.id, new Set(a.terms.filter((term, i) => !isBigram(term) && a.weights[i]! >= 1)));
    }
    titleCache.set(entries, terms);
  }
  return terms;
}
