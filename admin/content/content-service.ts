/**
 * Content operations behind the edit form, history and inbox: every save is validated the same
 * way as an import, written together with its audit row in one transaction, and the request
 * waits until the live index has been rebuilt so the very next question sees the change.
 */
import { isStale } from '../../knowledge/validate.ts';
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import type { AdminServices } from '../admin-services.ts';
import { vnDay } from '../dates.ts';
import { validateCandidates, type CandidateResult, type ContentKind, type FieldIssue } from './content-validation.ts';
import { diffFields, type FieldChange } from './diff.ts';

/** A procedure or a Q&A entry. */
export type Entry = Procedure | QaEntry;

/** A row of the content list. */
export interface EntrySummary {
  kind: ContentKind;
  id: string;
  title: string;
  field: string;
  status: 'draft' | 'published';
  reviewedAt?: string;
  effectiveFrom?: string;
  stale: boolean;
  notYetEffective: boolean;
  questions: number;
  updatedAt?: string;
}

/** Filters of the content list. */
export interface ListFilter {
  q?: string;
  kind?: ContentKind;
  field?: string;
  status?: 'draft' | 'published';
  stale?: boolean;
}

/** Result of a save: the stored entry, or field problems. */
export type SaveOutcome =
  | { ok: true; entry: Entry; revision: number; warnings: string[] }
  | { ok: false; status: 400 | 404 | 409; errors: FieldIssue[] };

/** One revision with what changed compared to the one before. */
export interface RevisionView {
  id: number;
  action: string;
  actor: string;
  createdAt: string;
  changes: FieldChange[];
  data: unknown;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

/** Content operations shared by the editor, the inbox and rollback. */
export class ContentService {
  constructor(private readonly s: AdminServices) {}

  private get store() {
    return this.s.ctx.store;
  }

  private validateOptions(strictUrl: boolean) {
    return { today: new Date(), staleAfterDays: this.s.ctx.config.STALE_AFTER_DAYS, strictUrl };
  }

  get(kind: ContentKind, id: string): Entry | undefined {
    return kind === 'procedure' ? this.store.getProcedure(id) : this.store.getQa(id);
  }

  /** Latest revision id of an entry (0 when it has none), for "someone else saved meanwhile" checks. */
  revision(kind: ContentKind, id: string): number {
    return this.store.history(kind, id)[0]?.id ?? 0;
  }

  isStale(entry: Entry): boolean {
    return isStale(entry.reviewedAt, new Date(), this.s.ctx.config.STALE_AFTER_DAYS);
  }

  list(filter: ListFilter = {}): EntrySummary[] {
    const procedures = this.store.listProcedures();
    const fieldOf = new Map(procedures.map((p) => [p.id, p.field]));
    const updated = new Map<string, string>();
    for (const row of this.s.ctx.db.prepare("SELECT 'procedure:' || id AS k, updated_at FROM procedures UNION ALL SELECT 'qa:' || id, updated_at FROM qa_entries").all() as Array<{ k: string; updated_at: string }>) {
      updated.set(row.k, row.updated_at);
    }
    const today = vnDay();
    const rows: EntrySummary[] = [
      ...procedures.map((p) => this.summary('procedure', p, p.name, p.field, p.effectiveFrom, updated, today)),
      ...this.store.listQa().map((q) => this.summary('qa', q, q.questions[0]!, (q.procedureId && fieldOf.get(q.procedureId)) || 'Thông tin chung', undefined, updated, today)),
    ];
    const needle = filter.q ? fold(filter.q.trim()) : '';
    const haystack = new Map<string, string>();
    if (needle) {
      for (const p of procedures) haystack.set(`procedure:${p.id}`, fold([p.id, p.name, p.field, ...p.questions].join('\n')));
      for (const q of this.store.listQa()) haystack.set(`qa:${q.id}`, fold([q.id, q.answer, ...q.questions].join('\n')));
    }
    return rows.filter((r) => {
      if (filter.kind && r.kind !== filter.kind) return false;
      if (filter.field && r.field !== filter.field) return false;
      if (filter.status && r.status !== filter.status) return false;
      if (filter.stale !== undefined && r.stale !== filter.stale) return false;
      return !needle || (haystack.get(`${r.kind}:${r.id}`) ?? '').includes(needle);
    });
  }

  private summary(kind: ContentKind, e: Entry, title: string, field: string, effectiveFrom: string | undefined, updated: Map<string, string>, today: string): EntrySummary {
    return {
      kind,
      id: e.id,
      title,
      field,
      status: e.status,
      reviewedAt: e.reviewedAt,
      effectiveFrom,
      stale: this.isStale(e),
      notYetEffective: !!effectiveFrom && effectiveFrom > today,
      questions: e.questions.length,
      updatedAt: updated.get(`${kind}:${e.id}`),
    };
  }

  /** Validates without saving (the form's "check" and preview). */
  check(kind: ContentKind, raw: unknown): CandidateResult {
    return validateCandidates(this.store, [{ kind, value: raw }], this.validateOptions(true))[0]!;
  }

  /**
   * Creates (`expectedId` undefined) or updates an entry. `baseRevision`, when given, must still
   * be the latest revision, so two people editing the same entry do not overwrite each other.
   */
  async save(kind: ContentKind, raw: unknown, actor: string, opts: { expectedId?: string; baseRevision?: number; action?: string; strictUrl?: boolean } = {}): Promise<SaveOutcome> {
    const creating = opts.expectedId === undefined;
    const rawId = (raw as { id?: unknown } | null)?.id;
    if (!creating && rawId !== opts.expectedId) return { ok: false, status: 400, errors: [{ path: 'id', message: 'Không đổi được mã của một mục đã có. Hãy tạo mục mới rồi xoá mục cũ.' }] };
    const before = typeof rawId === 'string' ? this.get(kind, rawId) : undefined;
    if (creating && typeof rawId === 'string' && (this.store.getProcedure(rawId) || this.store.getQa(rawId))) {
      return { ok: false, status: 400, errors: [{ path: 'id', message: `Mã "${rawId}" đã có trong kho: hãy chọn mã khác.` }] };
    }
    if (!creating && opts.baseRevision !== undefined && this.revision(kind, opts.expectedId!) !== opts.baseRevision) {
      return { ok: false, status: 409, errors: [{ path: '', message: 'Mục này vừa được người khác sửa. Hãy mở lại để xem bản mới nhất rồi sửa tiếp.' }] };
    }
    const result = validateCandidates(this.store, [{ kind, value: raw }], this.validateOptions(opts.strictUrl ?? true))[0]!;
    if (!result.entry) return { ok: false, status: 400, errors: result.errors };
    const entry = result.entry;
    this.commit(kind, entry, before, actor, opts.action ?? (creating ? 'create' : 'update'));
    await this.s.ctx.runtime.settled();
    return { ok: true, entry, revision: this.revision(kind, entry.id), warnings: result.warnings };
  }

  private commit(kind: ContentKind, entry: Entry, before: Entry | undefined, actor: string, action: string): void {
    const { db, store } = this.s.ctx;
    db.transaction(() => {
      if (kind === 'procedure') store.upsertProcedure(entry as Procedure, actor);
      else store.upsertQa(entry as QaEntry, actor);
      this.s.audit.record({ actor, action, entityType: kind, entityId: entry.id, before, after: entry });
    })();
  }

  async remove(kind: ContentKind, id: string, actor: string): Promise<boolean> {
    const { db, store } = this.s.ctx;
    const before = this.get(kind, id);
    const removed = db.transaction(() => {
      const done = kind === 'procedure' ? store.deleteProcedure(id, actor) : store.deleteQa(id, actor);
      if (done) this.s.audit.record({ actor, action: 'delete', entityType: kind, entityId: id, before });
      return done;
    })();
    await this.s.ctx.runtime.settled();
    return removed;
  }

  /** Revisions newest first, each with the fields it changed. */
  history(kind: ContentKind, id: string): RevisionView[] {
    const revisions = this.store.history(kind, id);
    return revisions.map((r, i) => ({
      id: r.id,
      action: r.action,
      actor: r.actor,
      createdAt: r.createdAt,
      data: r.data,
      changes: diffFields(revisions[i + 1]?.data ?? null, r.data),
    }));
  }

  /** Saves an old revision again as the newest one (also restores a deleted entry). */
  async rollback(kind: ContentKind, id: string, revisionId: number, actor: string): Promise<SaveOutcome> {
    const revision = this.store.history(kind, id).find((r) => r.id === revisionId);
    if (!revision?.data) return { ok: false, status: 404, errors: [{ path: '', message: 'Không tìm thấy phiên bản này (hoặc đó là lần xoá).' }] };
    const exists = !!this.get(kind, id);
    // Old revisions are checked against today's rules; a bad old link is dropped as on import.
    return this.save(kind, revision.data, actor, { expectedId: exists ? id : undefined, action: 'rollback', strictUrl: false });
  }

  /** Entries whose latest revision is a deletion (so they can be restored from history). */
  deleted(limit = 30): Array<{ kind: ContentKind; id: string; actor: string; at: string }> {
    const rows = this.s.ctx.db
      .prepare(
        `SELECT entity_type, entity_id, actor, created_at FROM revisions
         WHERE id IN (SELECT MAX(id) FROM revisions WHERE entity_type IN ('procedure', 'qa') GROUP BY entity_type, entity_id)
           AND action = 'delete' ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as Array<{ entity_type: ContentKind; entity_id: string; actor: string; created_at: string }>;
    return rows.map((r) => ({ kind: r.entity_type, id: r.entity_id, actor: r.actor, at: r.created_at }));
  }

  /** Adds a citizen's wording to an entry's questions (the inbox's one-step fix). */
  async addQuestion(kind: ContentKind, id: string, question: string, actor: string): Promise<SaveOutcome> {
    const entry = this.get(kind, id);
    if (!entry) return { ok: false, status: 404, errors: [{ path: '', message: 'Không tìm thấy mục này.' }] };
    const text = question.trim();
    const already = entry.questions.some((q) => fold(q) === fold(text));
    const updated = already ? entry : { ...entry, questions: [...entry.questions, text] };
    return this.save(kind, updated, actor, { expectedId: id, action: 'add-question', strictUrl: false });
  }

  /** Marks an entry as reviewed today. */
  async markReviewed(kind: ContentKind, id: string, actor: string): Promise<SaveOutcome> {
    const entry = this.get(kind, id);
    if (!entry) return { ok: false, status: 404, errors: [{ path: '', message: 'Không tìm thấy mục này.' }] };
    return this.save(kind, { ...entry, reviewedAt: vnDay() }, actor, { expectedId: id, action: 'reviewed', strictUrl: false });
  }
}
