/**
 * Vector and hybrid retrievers. Hybrid = lexical score and vector similarity, each in [0, 1],
 * fused by a weighted sum over the union of both candidate lists (Orama-style). Coverage — the
 * policy's refusal evidence — always comes from the lexical side, which knows which of the
 * question's words the entry actually contains.
 */
import type { LexicalRetriever } from './lexical/lexical-retriever.ts';
import type { RetrievalHit, Retriever } from './retriever.ts';
import type { VectorKnowledgeIndex } from './vector/vector-knowledge-index.ts';

export interface HybridOptions {
  /** Weight of the lexical score; the vector similarity gets 1 − this. */
  lexicalWeight: number;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  /**
   * Similarity a vector match needs before it counts at all: below it two unrelated short texts
   * still look slightly alike, and that noise must not lift an off-topic question.
   */
  similarityFloor: number;
}

export const DEFAULT_HYBRID: HybridOptions = { lexicalWeight: 0.6, candidates: 20, similarityFloor: 0.2 };

const rescale = (similarity: number, floor: number) => Math.max(0, (similarity - floor) / (1 - floor));

/** Ranks by vector similarity alone (coverage still lexical, for the refusal policy). */
export class VectorRetriever implements Retriever {
  readonly name = 'vector';
  constructor(
    private readonly lexical: LexicalRetriever,
    private readonly vectors: VectorKnowledgeIndex,
    private readonly options: HybridOptions = DEFAULT_HYBRID,
  ) {}

  async search(question: string, k: number): Promise<RetrievalHit[]> {
    // The index is shared with newer snapshots and may briefly hold entries this one lacks.
    const similar = (await this.vectors.search(question, k)).filter((s) => this.lexical.has(s.entryId));
    const lexical = this.lexical.scoreEntries(question, similar.map((s) => s.entryId));
    return similar.map((s) => {
      const score = rescale(s.similarity, this.options.similarityFloor);
      return { entryId: s.entryId, score, vector: score, lexical: lexical.get(s.entryId)?.lexical ?? 0, coverage: lexical.get(s.entryId)?.coverage ?? 0 };
    });
  }
}

/** Weighted fusion of lexical and vector evidence. */
export class HybridRetriever implements Retriever {
  readonly name = 'hybrid';
  constructor(
    private readonly lexical: LexicalRetriever,
    private readonly vectors: VectorKnowledgeIndex,
    private readonly options: HybridOptions = DEFAULT_HYBRID,
  ) {}

  async search(question: string, k: number): Promise<RetrievalHit[]> {
    const { candidates, lexicalWeight, similarityFloor } = this.options;
    const similar = (await this.vectors.search(question, candidates)).filter((s) => this.lexical.has(s.entryId));
    const { top, also } = this.lexical.searchWith(question, candidates, similar.map((s) => s.entryId));
    const lexical = new Map([...also, ...top.map((h) => [h.entryId, h] as const)]);
    const ids = [...lexical.keys()];
    for (const s of similar) if (!lexical.has(s.entryId)) ids.push(s.entryId);
    const vector = new Map(similar.map((s) => [s.entryId, rescale(s.similarity, similarityFloor)]));
    return ids
      .map((entryId) => {
        const l = lexical.get(entryId);
        const v = vector.get(entryId) ?? 0;
        const lex = l?.lexical ?? 0;
        return { entryId, score: lexicalWeight * lex + (1 - lexicalWeight) * v, lexical: lex, vector: v, coverage: l?.coverage ?? 0 };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}
