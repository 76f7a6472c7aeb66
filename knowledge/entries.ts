/**
 * The retrievable unit: procedures and Q&A entries flattened into one shape, so retrievers and
 * the answer policy do not care which kind of entry they rank.
 */
import type { Procedure, QaEntry } from './schema.ts';

/** A searchable knowledge entry. */
export interface KnowledgeEntry {
  id: string;
  kind: 'procedure' | 'qa';
  /** Canonical question (Q&A) or official name (procedure): what `matches[].title` shows. */
  title: string;
  /** Procedure this entry is about, if any (itself for a procedure). */
  procedureId: string | null;
  /** Phrasings citizens type. */
  questions: string[];
  /** Short labels and keywords (also the procedure's field / Q&A tags). */
  keywords: string[];
  /** Longer text: summary, documents, answer. Matched with a low weight. */
  body: string;
  tags: string[];
}

/** A name without its parenthetical asides: "Đăng ký tạm trú (cá nhân, hộ gia đình)" → "Đăng ký tạm trú". */
export function withoutAside(name: string): string {
  return name.replace(/\([^)]*\)/g, ' ').trim() || name;
}

/** Flattens a procedure into an entry. */
export function procedureEntry(p: Procedure): KnowledgeEntry {
  return {
    id: p.id,
    kind: 'procedure',
    title: p.name,
    procedureId: p.id,
    questions: p.questions,
    keywords: [...p.keywords, p.field],
    body: [p.summary, ...p.documents.map((d) => d.name)].join('\n'),
    tags: [p.field],
  };
}

/** Flattens a Q&A entry. */
export function qaEntry(q: QaEntry): KnowledgeEntry {
  return {
    id: q.id,
    kind: 'qa',
    title: q.questions[0]!,
    procedureId: q.procedureId ?? null,
    questions: q.questions,
    keywords: q.tags,
    body: q.answer,
    tags: q.tags,
  };
}

/**
 * True when a procedure is shown to citizens: published and already in force on `today`
 * (an edition with a future "effective from" date waits until that day).
 */
export function isLive(p: Procedure, today: string = new Date().toISOString().slice(0, 10)): boolean {
  return p.status === 'published' && (!p.effectiveFrom || p.effectiveFrom <= today);
}

/** Live entries of a knowledge base, procedures first. */
export function buildEntries(procedures: readonly Procedure[], qa: readonly QaEntry[], today?: string): KnowledgeEntry[] {
  const live = new Set(procedures.filter((p) => isLive(p, today)).map((p) => p.id));
  return [
    ...procedures.filter((p) => live.has(p.id)).map(procedureEntry),
    // A Q&A about an unpublished procedure would send citizens to a page that is not live yet.
    ...qa.filter((q) => q.status === 'published' && (!q.procedureId || live.has(q.procedureId))).map(qaEntry),
  ];
}
