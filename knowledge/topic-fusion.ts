/**
 * Topic fusion: a procedure and its Q&A entries are one topic, and evidence spread over several of
 * them is stronger than one stray phrasing elsewhere. Each hit gains a share of the best score of
 * its topic's other entries (bounded so scores stay below 1), then the list is re-ranked.
 */
import type { KnowledgeEntry } from './entries.ts';
import type { RetrievalHit, Retriever } from './retriever.ts';

/** Wraps a retriever; `siblingWeight` is the share of the best sibling's score added. */
export class TopicFusionRetriever implements Retriever {
  readonly name: string;

  constructor(
    private readonly inner: Retriever,
    private readonly entries: ReadonlyMap<string, KnowledgeEntry>,
    private readonly siblingWeight = 0.5,
  ) {
    this.name = inner.name;
  }

  async search(question: string, k: number): Promise<RetrievalHit[]> {
    const hits = await this.inner.search(question, Math.max(k * 3, 15));
    const topicOf = (h: RetrievalHit) => this.entries.get(h.entryId)?.procedureId ?? h.entryId;
    // Best two scores per topic, to find each hit's best *other* entry of the same topic.
    const best = new Map<string, [number, number]>();
    for (const h of hits) {
      const t = topicOf(h);
      const [a, b] = best.get(t) ?? [0, 0];
      best.set(t, h.score > a ? [h.score, a] : [a, Math.max(b, h.score)]);
    }
    return hits
      .map((h) => {
        const [a, b] = best.get(topicOf(h))!;
        const sibling = h.score >= a ? b : a;
        // Noisy-or style: the boost shrinks as the hit's own score nears 1, so scores stay in
        // [0, 1] without saturating and the ranking among strong hits is kept.
        return { ...h, score: h.score + this.siblingWeight * sibling * (1 - h.score) };
      })
      .sort((x, y) => y.score - x.score)
      .slice(0, k);
  }
}
