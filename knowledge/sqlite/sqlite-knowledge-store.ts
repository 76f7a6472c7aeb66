/**
 * Knowledge content in SQLite: procedures, Q&A, ward profile and lexicon, with a revision row for
 * every change (the admin page's history and rollback read it).
 */
import type { Db } from './database.ts';
import { Lexicon, Procedure, QaEntry, WardProfile } from '../schema.ts';

/** Who made a change; "system" for seeding and imports from the command line. */
export type Actor = string;

/** Listener called after any content change commits. */
export type ChangeListener = (change: { type: 'procedure' | 'qa' | 'ward' | 'lexicon'; id: string }) => void;

const now = () => new Date().toISOString();

/** Content repository over an open database. Reads validate, so a hand-edited row cannot crash the bot. */
export class SqliteKnowledgeStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly db: Db) {}

  /** Subscribes to content changes; returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when no content was ever stored (first start). */
  isEmpty(): boolean {
    const row = this.db.prepare('SELECT (SELECT COUNT(*) FROM procedures) + (SELECT COUNT(*) FROM qa_entries) AS n').get() as { n: number };
    return row.n === 0;
  }

  listProcedures(): Procedure[] {
    return this.readAll('SELECT data FROM procedures ORDER BY id', Procedure);
  }

  listQa(): QaEntry[] {
    return this.readAll('SELECT data FROM qa_entries ORDER BY id', QaEntry);
  }

  getProcedure(id: string): Procedure | undefined {
    const row = this.db.prepare('SELECT data FROM procedures WHERE id = ?').get(id) as { data: string } | undefined;
    const parsed = row ? Procedure.safeParse(JSON.parse(row.data)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  getQa(id: string): QaEntry | undefined {
    const row = this.db.prepare('SELECT data FROM qa_entries WHERE id = ?').get(id) as { data: string } | undefined;
    const parsed = row ? QaEntry.safeParse(JSON.parse(row.data)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  upsertProcedure(p: Procedure, actor: Actor = 'system'): void {
    const data = JSON.stringify(Procedure.parse(p));
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO procedures (id, data, status, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, status = excluded.status, updated_at = excluded.updated_at').run(p.id, data, p.status, now());
      this.revise('procedure', p.id, 'save', data, actor);
    })();
    this.emit({ type: 'procedure', id: p.id });
  }

  upsertQa(q: QaEntry, actor: Actor = 'system'): void {
    const data = JSON.stringify(QaEntry.parse(q));
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO qa_entries (id, procedure_id, data, status, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET procedure_id = excluded.procedure_id, data = excluded.data, status = excluded.status, updated_at = excluded.updated_at').run(q.id, q.procedureId ?? null, data, q.status, now());
      this.revise('qa', q.id, 'save', data, actor);
    })();
    this.emit({ type: 'qa', id: q.id });
  }

  deleteProcedure(id: string, actor: Actor = 'system'): boolean {
    return this.remove('procedures', 'procedure', id, actor);
  }

  deleteQa(id: string, actor: Actor = 'system'): boolean {
    return this.remove('qa_entries', 'qa', id, actor);
  }

  getWard(): WardProfile | undefined {
    return this.readSetting('ward', WardProfile);
  }

  setWard(ward: WardProfile, actor: Actor = 'system'): void {
    this.writeSetting('ward', WardProfile.parse(ward), actor);
    this.emit({ type: 'ward', id: 'ward' });
  }

  getLexicon(): Lexicon | undefined {
    return this.readSetting('lexicon', Lexicon);
  }

  setLexicon(lexicon: Lexicon, actor: Actor = 'system'): void {
    this.writeSetting('lexicon', Lexicon.parse(lexicon), actor);
    this.emit({ type: 'lexicon', id: 'lexicon' });
  }

  /**
   * Stores a whole set of content in one transaction: either everything lands or nothing does.
   * Listeners hear one "lexicon" change at the end instead of one per entry.
   */
  importAll(content: { procedures: Procedure[]; qa: QaEntry[]; ward?: WardProfile; lexicon?: Lexicon }, actor: Actor = 'system'): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    try {
      this.db.transaction(() => {
        for (const p of content.procedures) this.upsertProcedure(p, actor);
        for (const q of content.qa) this.upsertQa(q, actor);
        if (content.ward) this.writeSetting('ward', content.ward, actor);
        if (content.lexicon) this.writeSetting('lexicon', content.lexicon, actor);
      })();
    } finally {
      for (const l of listeners) this.listeners.add(l);
    }
    this.emit({ type: 'lexicon', id: 'import' });
  }

  /** Revision history of one entity, newest first. */
  history(entityType: string, entityId: string): Array<{ id: number; action: string; data: unknown; actor: string; createdAt: string }> {
    const rows = this.db.prepare('SELECT id, action, data, actor, created_at FROM revisions WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC').all(entityType, entityId) as Array<{ id: number; action: string; data: string | null; actor: string; created_at: string }>;
    return rows.map((r) => ({ id: r.id, action: r.action, data: r.data ? JSON.parse(r.data) : null, actor: r.actor, createdAt: r.created_at }));
  }

  private readAll<T>(sql: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T[] {
    const out: T[] = [];
    for (const row of this.db.prepare(sql).all() as Array<{ data: string }>) {
      const parsed = schema.safeParse(JSON.parse(row.data));
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  private readSetting<T>(key: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined {
    const row = this.db.prepare('SELECT data FROM settings WHERE key = ?').get(key) as { data: string } | undefined;
    const parsed = row ? schema.safeParse(JSON.parse(row.data)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  private writeSetting(key: string, value: unknown, actor: Actor): void {
    const data = JSON.stringify(value);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO settings (key, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at').run(key, data, now());
      this.revise('setting', key, 'save', data, actor);
    })();
  }

  private remove(table: 'procedures' | 'qa_entries', type: 'procedure' | 'qa', id: string, actor: Actor): boolean {
    const changed = this.db.transaction(() => {
      const info = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
      if (info.changes > 0) this.revise(type, id, 'delete', null, actor);
      return info.changes > 0;
    })();
    if (changed) this.emit({ type, id });
    return changed;
  }

  private revise(entityType: string, entityId: string, action: string, data: string | null, actor: Actor): void {
    this.db.prepare('INSERT INTO revisions (entity_type, entity_id, action, data, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(entityType, entityId, action, data, actor, now());
  }

  private emit(change: Parameters<ChangeListener>[0]): void {
    for (const l of this.listeners) l(change);
  }
}
