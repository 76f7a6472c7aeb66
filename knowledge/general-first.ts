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
  private readonly titleTerms = new Map<string, Set<string>>();

  constructor(
    private readonly inner: Retriever,
    private readonly entries: ReadonlyMap<string, KnowledgeEntry>,
    private readonly analyzer: Analyzer,
    private readonly ratio = 0.9,
    private readonly window = 5,
  ) {
    this.name = inner.name;
    // Titles are analysed once per snapshot, not while a citizen waits.
    for (const e of entries.values()) if (e.kind === 'procedure') this.terms(e.id);
  }

  async search(question: string, k: number): Promise<RetrievalHit[]> {
    const hits = await this.inner.search(question, k);
    const top = hits[0];
    if (!top) return hits;
    const a = this.terms(top.entryId);
    if (!a) return hits;
    let asked: Set<string> | undefined;
    for (let i = 1; i < Math.min(hits.length, this.window); i++) {
      const h = hits[i]!;
      if (h.score < this.ratio * top.score) break;
      // The general entry must explain the question's words at least as well: "cắt hộ khẩu cho bố
      // đã mất" has no "xóa", but its other words fit only the removal procedure.
      if (h.coverage < top.coverage) continue;
      const b = this.terms(h.entryId);
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

  /** Strong unigrams of a procedure's title without asides; undefined for Q&A entries. */
  private terms(id: string): Set<string> | undefined {
    const e = this.entries.get(id);
    if (!e || e.kind !== 'procedure') return undefined;
    let t = this.titleTerms.get(id);
    if (!t) {
      const a = this.analyzer.analyze(withoutAside(e.title));
      t = new Set(a.terms.filter((term, i) => !isBigram(term) && a.weights[i]! >= 1));
      this.titleTerms.set(id, t);
    }
    return t;
  }
}
