/**
 * Synthetic knowledge bases for benchmarks: copies of the bundled entries with ids made unique and
 * wording varied (extra syllables drawn from the bundle's own vocabulary), so postings grow the
 * way a larger real knowledge base's would.
 */
import type { KnowledgeBundle } from '../../knowledge/bundle-loader.ts';
import type { SnapshotContent } from '../knowledge-snapshot.ts';

/** Deterministic PRNG so every run benchmarks the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Content with about `size` entries (procedures and Q&A in the bundle's proportions). */
export function syntheticContent(bundle: KnowledgeBundle, size: number): SnapshotContent {
  const rand = mulberry32(size);
  const vocab = [...new Set(bundle.procedures.flatMap((p) => p.questions.join(' ').split(/\s+/)))];
  const vary = (text: string) => `${text} ${vocab[Math.floor(rand() * vocab.length)]} ${vocab[Math.floor(rand() * vocab.length)]}`;
  const total = bundle.procedures.length + bundle.qa.length;
  const copies = Math.max(1, Math.ceil(size / total));
  const procedures = [];
  const qa = [];
  for (let c = 0; c < copies; c++) {
    for (const p of bundle.procedures) procedures.push(c === 0 ? p : { ...p, id: `${p.id}-s${c}`, name: vary(p.name), questions: p.questions.map(vary) });
    for (const q of bundle.qa) qa.push(c === 0 ? q : { ...q, id: `${q.id}-s${c}`, procedureId: q.procedureId ? `${q.procedureId}-s${c}` : undefined, questions: q.questions.map(vary) });
  }
  const ratio = size / (procedures.length + qa.length);
  return { procedures: procedures.slice(0, Math.ceil(procedures.length * ratio)), qa: qa.slice(0, Math.floor(qa.length * ratio)), ward: bundle.ward, lexicon: bundle.lexicon };
}

/** Citizen-like questions: the bundled phrasings (accented and unaccented ones as written), at most 400. */
export function benchQueries(bundle: KnowledgeBundle): string[] {
  return bundle.procedures.flatMap((p) => p.questions).slice(0, 400);
}
