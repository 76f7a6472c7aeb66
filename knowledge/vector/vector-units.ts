/**
 * What gets embedded: every phrasing of every entry (its title and each question), keyed by entry
 * and a hash of the text, so editing one phrasing re-embeds only that phrasing.
 */
import { createHash } from 'node:crypto';
import type { KnowledgeEntry } from '../entries.ts';

/** One embedded text. */
export interface VectorUnit {
  /** `<entryId>#<text hash>`: stable while the text is unchanged. */
  key: string;
  entryId: string;
  text: string;
  /** Content hash recorded in the index manifest. */
  hash: string;
}

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

/** Units of all entries (duplicate phrasings within an entry collapse to one). */
export function vectorUnits(entries: readonly KnowledgeEntry[]): VectorUnit[] {
  const units = new Map<string, VectorUnit>();
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.questions]) {
      const hash = hashOf(text);
      const key = `${entry.id}#${hash}`;
      units.set(key, { key, entryId: entry.id, text, hash });
    }
  }
  return [...units.values()];
}

/** Entry id of a unit key. */
export function entryOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf('#'));
}
