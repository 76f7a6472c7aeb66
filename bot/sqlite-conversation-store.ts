/**
 * Conversations in SQLite: dialogue state, masked transcripts and citizen feedback (👍/👎), which
 * feed the unanswered-questions inbox and the satisfaction report.
 */
import type { Db } from '../knowledge/sqlite/database.ts';
import { maskPersonalData } from './pii.ts';
import type { DialogueState, SessionStore } from './session-store.ts';

/** One answered (or not) question, as stored. */
export interface TranscriptRecord {
  sessionId: string;
  channel: string;
  question: string;
  replyKind: string;
  entryId: string | null;
  score: number | null;
}

/** Feedback on one answer. */
export interface FeedbackRecord {
  transcriptId?: number;
  sessionId: string;
  channel: string;
  entryId?: string | null;
  question?: string | null;
  rating: 1 | -1;
  comment?: string | null;
}

export class SqliteConversationStore implements SessionStore {
  constructor(private readonly db: Db) {}

  get(key: string): DialogueState | undefined {
    const row = this.db.prepare('SELECT state FROM sessions WHERE id = ?').get(key) as { state: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.state) as DialogueState;
    } catch {
      return undefined;
    }
  }

  set(key: string, state: DialogueState): void {
    this.db.prepare('INSERT INTO sessions (id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at').run(key, JSON.stringify(state), state.updatedAt);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(key);
  }

  /** Deletes dialogue state untouched since `before` (ISO time); returns how many. */
  purgeSessions(before: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(before).changes;
  }

  /** Stores a transcript line with personal data masked; returns its id (used by feedback). */
  recordTranscript(t: TranscriptRecord): number {
    const info = this.db
      .prepare('INSERT INTO transcripts (session_id, channel, question, reply_kind, entry_id, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(t.sessionId, t.channel, maskPersonalData(t.question), t.replyKind, t.entryId, t.score, new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  /** Stores feedback; the comment is masked like transcripts. Returns its id. */
  recordFeedback(f: FeedbackRecord): number {
    const info = this.db
      .prepare('INSERT INTO feedback (transcript_id, session_id, channel, entry_id, question, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(f.transcriptId ?? null, f.sessionId, f.channel, f.entryId ?? null, f.question ? maskPersonalData(f.question) : null, f.rating, f.comment ? maskPersonalData(f.comment) : null, new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  /** A transcript by id, to attach feedback to the right question and answer. */
  transcript(id: number): (TranscriptRecord & { id: number }) | undefined {
    const row = this.db.prepare('SELECT id, session_id, channel, question, reply_kind, entry_id, score FROM transcripts WHERE id = ?').get(id) as
      | { id: number; session_id: string; channel: string; question: string; reply_kind: string; entry_id: string | null; score: number | null }
      | undefined;
    return row && { id: row.id, sessionId: row.session_id, channel: row.channel, question: row.question, replyKind: row.reply_kind, entryId: row.entry_id, score: row.score };
  }
}
