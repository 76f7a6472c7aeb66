/**
 * Dialogue state per conversation, so follow-ups ("mất bao lâu?") refer to the current procedure.
 */
import type { ReplyChoice } from './reply.ts';

/** What the bot remembers about one conversation. */
export interface DialogueState {
  /** Procedure the conversation is about. */
  procedureId?: string;
  /** Entry last answered. */
  entryId?: string;
  /** Choices last offered, so "1" or a tapped label selects one. */
  choices?: ReplyChoice[];
  /** ISO time of the last turn; stale state is ignored. */
  updatedAt: string;
}

/** Storage for dialogue state, keyed by "channel:userId". */
export interface SessionStore {
  get(key: string): DialogueState | undefined;
  set(key: string, state: DialogueState): void;
  delete(key: string): void;
}

/** In-memory twin used by tests and the CLI. */
export class MemorySessionStore implements SessionStore {
  private readonly map = new Map<string, DialogueState>();
  get(key: string): DialogueState | undefined {
    return this.map.get(key);
  }
  set(key: string, state: DialogueState): void {
    this.map.set(key, state);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}
