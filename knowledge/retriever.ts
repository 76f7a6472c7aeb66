/**
 * Retrieval contract shared by the lexical, vector and hybrid retrievers.
 */

/** One ranked candidate. Scores are in [0, 1] so retrievers can be fused and thresholds tuned. */
export interface RetrievalHit {
  entryId: string;
  /** Final (possibly fused) score in [0, 1]; best first. */
  score: number;
  /** Share of the question's meaningful words (IDF-weighted) that the entry contains, in [0, 1]. */
  coverage: number;
  /** Component scores, for "why did it answer" views. */
  lexical?: number;
  vector?: number;
}

/** Anything that ranks knowledge entries for a question. */
export interface Retriever {
  readonly name: string;
  search(question: string, k: number): Promise<RetrievalHit[]> | RetrievalHit[];
}
