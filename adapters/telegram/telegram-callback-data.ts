/**
 * Inline-button callback data for choices. Telegram allows 1–64 bytes; entry ids are slugs of up
 * to 80 characters, so short ids travel as "c:<id>" and longer ones as "h:<hash>", mapped back by
 * hashing the ids of the current knowledge base (no state to store or lose).
 */
import { createHash } from 'node:crypto';
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';

export const MAX_CALLBACK_BYTES = 64;

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 24);
}

/** Callback data for an entry or procedure id, always ≤ 64 bytes. */
export function encodeChoiceData(id: string): string {
  const direct = `c:${id}`;
  return Buffer.byteLength(direct, 'utf8') <= MAX_CALLBACK_BYTES ? direct : `h:${hashId(id)}`;
}

/** The id behind callback data, or undefined when it is not ours or no longer exists. */
export function decodeChoiceData(data: string, kb: KnowledgeSnapshot): string | undefined {
  if (data.startsWith('c:')) return data.slice(2) || undefined;
  if (!data.startsWith('h:')) return undefined;
  const wanted = data.slice(2);
  for (const id of new Set([...kb.procedures.keys(), ...kb.entries.keys()])) if (hashId(id) === wanted) return id;
  return undefined;
}
