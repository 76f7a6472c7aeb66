/**
 * An immutable view of the knowledge base that answers are computed from. A new snapshot is
 * built whenever content changes and swapped in atomically, so a question never sees half an edit.
 */
import { buildEntries, isLive, type KnowledgeEntry } from '../knowledge/entries.ts';
import { LexicalRetriever, type LexicalOptions } from '../knowledge/lexical/lexical-retriever.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { answerRetriever } from '../knowledge/answer-retriever.ts';
import type { Lexicon, Procedure, QaEntry, WardProfile } from '../knowledge/schema.ts';
import { Analyzer } from '../knowledge/text/analyzer.ts';
import { normalizeText, syllables } from '../knowledge/text/normalize.ts';

/** Everything the answer policy needs, built once per content version. */
export interface KnowledgeSnapshot {
  version: number;
  entries: ReadonlyMap<string, KnowledgeEntry>;
  procedures: ReadonlyMap<string, Procedure>;
  qa: ReadonlyMap<string, QaEntry>;
  ward: WardProfile;
  analyzer: Analyzer;
  lexical: LexicalRetriever;
  /** The retriever answers use: lexical alone, or hybrid once vectors are ready. */
  retriever: Retriever;
}

/** Raw content a snapshot is built from. */
export interface SnapshotContent {
  procedures: readonly Procedure[];
  qa: readonly QaEntry[];
  ward: WardProfile;
  lexicon: Lexicon;
}

let nextVersion = 1;

/** Distinct accented syllables of the entries' titles and phrasings (for the analyzer). */
function contentVocabulary(entries: readonly KnowledgeEntry[]): Set<string> {
  const vocab = new Set<string>();
  for (const e of entries) for (const text of [e.title, ...e.questions, ...e.keywords]) for (const s of syllables(normalizeText(text))) vocab.add(s);
  return vocab;
}

/** Today's date (YYYY-MM-DD) in Vietnam, where "effective from" dates are meant. */
export function localDay(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Builds a lexical-only snapshot; the vector enhancer later swaps in a hybrid `retriever`. */
export function buildSnapshot(content: SnapshotContent, lexicalOptions: Partial<LexicalOptions> = {}): KnowledgeSnapshot {
  // One "today" for both maps, so entries and procedures never disagree at midnight.
  const today = localDay();
  const list = buildEntries(content.procedures, content.qa, today);
  const analyzer = new Analyzer(content.lexicon, contentVocabulary(list));
  const lexical = new LexicalRetriever(list, analyzer, lexicalOptions);
  const entries = new Map(list.map((e) => [e.id, e]));
  return {
    version: nextVersion++,
    entries,
    procedures: new Map(content.procedures.filter((p) => isLive(p, today)).map((p) => [p.id, p])),
    qa: new Map(content.qa.filter((q) => q.status === 'published').map((q) => [q.id, q])),
    ward: content.ward,
    analyzer,
    lexical,
    retriever: answerRetriever(lexical, entries, analyzer),
  };
}
