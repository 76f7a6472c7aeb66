/**
 * The retriever answers use: a base ranking (lexical or hybrid) with topic fusion, then the
 * general-procedure preference. One composition for the bot, the lexical-only mode and the bench.
 */
import type { KnowledgeEntry } from './entries.ts';
import { GeneralFirstRetriever } from './general-first.ts';
import type { Retriever } from './retriever.ts';
import type { Analyzer } from './text/analyzer.ts';
import { TopicFusionRetriever } from './topic-fusion.ts';

/** Wraps `base` for answering over `entries`. */
export function answerRetriever(base: Retriever, entries: ReadonlyMap<string, KnowledgeEntry>, analyzer: Analyzer): Retriever {
  return new GeneralFirstRetriever(new TopicFusionRetriever(base, entries), entries, analyzer);
}
