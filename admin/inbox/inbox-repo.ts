/**
 * Reads the questions the bot could not answer (reply_kind "fallback") or that citizens rated 👎,
 * leaving out the admin's own test chats and what staff already handled; stores staff decisions.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';
import type { InboxQuestion } from './cluster.ts';

/** Sessions of the "Thử bot" panel: never counted as citizens' traffic. */
export const ADMIN_TEST_PREFIX = 'admin-test-';

/** SQL behind the inbox. */
export class InboxRepo {
  constructor(private readonly db: Db) {}

  /** Open questions since `sinceIso`, newest first. */
  openQuestions(sinceIso: string, limit = 5000): InboxQuestion[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.question, t.channel, t.created_at, t.reply_kind,
                EXISTS (SELECT 1 FROM feedback f WHERE f.transcript_id = t.id AND f.rating = -1) AS down
         FROM transcripts t
         WHERE t.created_at >= ? AND substr(t.session_id, 1, ${ADMIN_TEST_PREFIX.length}) <> ?
           AND (t.reply_kind = 'fallback' OR EXISTS (SELECT 1 FROM feedback f WHERE f.transcript_id = t.id AND f.rating = -1))
           AND t.id NOT IN (SELECT transcript_id FROM admin_inbox_resolved)
         ORDER BY t.id DESC LIMIT ?`,
      )
      .all(sinceIso, ADMIN_TEST_PREFIX, limit) as Array<{ id: number; question: string; channel: string; created_at: string; reply_kind: string; down: number }>;
    return rows.map((r) => ({ transcriptId: r.id, question: r.question, channel: r.channel, at: r.created_at, reason: r.reply_kind === 'fallback' ? 'fallback' : 'down' }));
  }

  /** Normalised keys staff chose to ignore (spam, off-topic): hidden now and in future. */
  ignoredKeys(): Set<string> {
    return new Set((this.db.prepare('SELECT question_key FROM admin_inbox_ignored').all() as Array<{ question_key: string }>).map((r) => r.question_key));
  }

  ignore(keys: readonly string[], sample: string, actor: string): void {
    const stmt = this.db.prepare('INSERT INTO admin_inbox_ignored (question_key, sample, actor, at) VALUES (?, ?, ?, ?) ON CONFLICT(question_key) DO NOTHING');
    const at = new Date().toISOString();
    for (const key of keys) stmt.run(key, sample, actor, at);
  }

  /** Marks transcripts handled (a paraphrase or a new entry now covers them). A repeat later shows up again. */
  resolve(transcriptIds: readonly number[], entryId: string, actor: string): void {
    const stmt = this.db.prepare('INSERT INTO admin_inbox_resolved (transcript_id, entry_id, actor, at) VALUES (?, ?, ?, ?) ON CONFLICT(transcript_id) DO NOTHING');
    const at = new Date().toISOString();
    for (const id of transcriptIds) stmt.run(id, entryId, actor, at);
  }
}
