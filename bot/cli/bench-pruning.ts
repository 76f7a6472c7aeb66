/**
 * How much large-index pruning (see LexicalOptions.pruneAbove and phrasingsNominateAbove) changes
 * answers: the pruned retriever against exact scoring of every candidate, on the same questions.
 */
import { LexicalRetriever } from '../../knowledge/lexical/lexical-retriever.ts';
import type { KnowledgeSnapshot } from '../knowledge-snapshot.ts';
import { percentile } from './bench-stats.ts';

/** Top-1 agreement, mean top-10 overlap and exact-scoring p50 against `kb.lexical` (pruned). */
export function pruningAgreement(kb: KnowledgeSnapshot, queries: readonly string[]): { top1: number; top10: number; exactP50Ms: number } {
  const exact = new LexicalRetriever([...kb.entries.values()], kb.analyzer, { pruneAbove: Infinity, phrasingsNominateAbove: Infinity });
  let same = 0;
  let overlap = 0;
  const times: number[] = [];
  for (const q of queries) {
    const a = kb.lexical.search(q, 10).map((h) => h.entryId);
    const t = performance.now();
    const b = exact.search(q, 10).map((h) => h.entryId);
    times.push(performance.now() - t);
    if (a[0] === b[0]) same++;
    overlap += b.length ? a.filter((id) => b.includes(id)).length / b.length : 1;
  }
  return { top1: same / queries.length, top10: overlap / queries.length, exactP50Ms: percentile(times, 0.5) };
}
