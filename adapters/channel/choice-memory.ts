/**
 * Tappable choices across channels. A tap (Zalo query button, Telegram inline button, greeting
 * topic) must land on exactly the entry that was offered, so the offered choices are written
 * into the citizen's dialogue state, where the assistant already resolves "1", "2" or a label.
 */
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';
import type { ChoicesReply, InboundMessage, ReplyChoice } from '../../bot/reply.ts';
import type { SessionStore } from '../../bot/session-store.ts';
import { DEFAULT_ASSISTANT_OPTIONS } from '../../bot/assistant.ts';
import { shorten } from '../../bot/card.ts';
import { greetingText, numberedChoices } from './channel-texts.ts';

const MAX_REMEMBERED = 8;

/** The choice for an entry or procedure id, or undefined when it no longer exists. */
export function resolveChoice(kb: KnowledgeSnapshot, id: string): ReplyChoice | undefined {
  const procedure = kb.procedures.get(id);
  if (procedure) return { id, label: shorten(procedure.name, 80) };
  const entry = kb.entries.get(id);
  return entry ? { id, label: shorten(entry.title, 80) } : undefined;
}

/** Topics offered in the greeting: the configured common procedures, then others, up to `max`. */
export function topicChoices(kb: KnowledgeSnapshot, max = 4, preferred: readonly string[] = DEFAULT_ASSISTANT_OPTIONS.suggestedTopics): ReplyChoice[] {
  const ids = [...preferred.filter((id) => kb.procedures.has(id)), ...kb.procedures.keys()];
  return [...new Set(ids)].slice(0, max).flatMap((id) => resolveChoice(kb, id) ?? []);
}

/** Choices for names the fallback suggested (procedure names), so they can become buttons too. */
export function choicesForNames(kb: KnowledgeSnapshot, names: readonly string[]): ReplyChoice[] {
  const byName = new Map([...kb.procedures.values()].map((p) => [p.name, p.id]));
  return names.flatMap((name) => {
    const id = byName.get(name);
    return id ? (resolveChoice(kb, id) ?? []) : [];
  });
}

/** The greeting as a neutral choices reply (text carries the numbered list for plain channels). */
export function greetingReply(kb: KnowledgeSnapshot): ChoicesReply {
  const choices = topicChoices(kb);
  return { kind: 'choices', text: `${greetingText(kb.ward)}\n${numberedChoices(choices)}`, choices };
}

/**
 * Remembers offered choices so a later tap on their label (or typing their number) resolves
 * exactly. `replace` starts a new numbered list (greeting); otherwise new choices are appended,
 * keeping the numbers of a list shown earlier valid.
 */
export function rememberChoices(sessions: SessionStore, channel: InboundMessage['channel'], userId: string, choices: readonly ReplyChoice[], replace = false): void {
  const key = `${channel}:${userId}`;
  const state = sessions.get(key);
  const previous = replace ? [] : (state?.choices ?? []);
  const merged = [...previous, ...choices.filter((c) => !previous.some((p) => p.id === c.id))];
  sessions.set(key, { ...state, choices: merged.slice(-MAX_REMEMBERED), updatedAt: new Date().toISOString() });
}
