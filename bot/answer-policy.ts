/**
 * The confidence policy: one answer when sure, a short list of choices on a close call between
 * procedures, a polite fallback when nothing relevant was found. Pure: hits in, decision out.
 */
import type { KnowledgeEntry } from '../knowledge/entries.ts';
import type { RetrievalHit } from '../knowledge/retriever.ts';

/** Thresholds; defaults were tuned on the dev set (see README, "Đo chất lượng"). */
export interface PolicyOptions {
  /** Minimum IDF-weighted share of the question's words the best entry must contain. */
  minCoverage: number;
  /** Minimum retrieval score of the best entry. */
  minScore: number;
  /**
   * A strong vector match also passes with lower word coverage: long questions full of names and
   * fillers ("tôi đi nhập khẩu giúp ba má về Biên Hòa") cover few words yet mean one procedure.
   */
  semanticSimilarity: number;
  semanticMinCoverage: number;
  /** A runner-up about another procedure scoring at least this share of the best is a close call. */
  closeCallRatio: number;
  /** Above this coverage and score the best entry is an exact match (used for aspect-only questions). */
  sureCoverage: number;
  sureScore: number;
  /** In a conversation about one procedure, another one must be this well covered to switch topic. */
  switchCoverage: number;
  /** …and its own words must match (lexical score), not only a vector likeness. */
  switchLexical: number;
  /** …and cover the question this much better than the current procedure does. */
  switchMargin: number;
  maxChoices: number;
}

export const DEFAULT_POLICY: PolicyOptions = {
  minCoverage: 0.35,
  minScore: 0.18,
  semanticSimilarity: 0.5,
  semanticMinCoverage: 0.15,
  closeCallRatio: 0.98,
  sureCoverage: 0.9,
  sureScore: 0.6,
  switchCoverage: 0.75,
  switchLexical: 0.2,
  switchMargin: 0.2,
  maxChoices: 3,
};

export type Decision =
  | { type: 'answer'; hit: RetrievalHit }
  | { type: 'choices'; hits: RetrievalHit[] }
  | { type: 'fallback' };

/** Groups entries by what they are about: a Q&A and its procedure are one topic, not a close call. */
function topicOf(hit: RetrievalHit, entries: ReadonlyMap<string, KnowledgeEntry>): string {
  const e = entries.get(hit.entryId);
  return e?.procedureId ?? hit.entryId;
}

/** Applies the policy to ranked hits (best first). */
export function decide(hits: readonly RetrievalHit[], entries: ReadonlyMap<string, KnowledgeEntry>, options: PolicyOptions = DEFAULT_POLICY): Decision {
  const top = hits[0];
  if (!top) return { type: 'fallback' };
  const lexicalPass = top.coverage >= options.minCoverage && top.score >= options.minScore;
  const semanticPass = (top.vector ?? 0) >= options.semanticSimilarity && top.coverage >= options.semanticMinCoverage;
  if (!lexicalPass && !semanticPass) return { type: 'fallback' };
  const topic = topicOf(top, entries);
  const rivals: RetrievalHit[] = [top];
  const seen = new Set([topic]);
  for (const h of hits.slice(1)) {
    const t = topicOf(h, entries);
    if (seen.has(t)) continue;
    if (h.score >= top.score * options.closeCallRatio && h.coverage >= options.minCoverage) {
      rivals.push(h);
      seen.add(t);
    }
    if (rivals.length >= options.maxChoices) break;
  }
  // Even a well-covered question is a close call when another procedure fits it as well
  // ("xóa đăng ký": tạm trú or thường trú?) — guessing would send the citizen the wrong way.
  if (rivals.length > 1) return { type: 'choices', hits: rivals };
  return { type: 'answer', hit: top };
}
