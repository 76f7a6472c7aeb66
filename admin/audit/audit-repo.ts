/**
 * The audit log: who changed what and when, with the value before and after as JSON.
 * Written in the same transaction as the change it describes, so neither exists without the other.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';

/** One logged change. */
export interface AuditRecord {
  actor: string;
  /** e.g. "create", "update", "delete", "rollback", "import", "login", "ignore". */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** A stored audit row. */
export interface AuditRow extends Required<Omit<AuditRecord, 'before' | 'after'>> {
  id: number;
  at: string;
  before: unknown;
  after: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append-only access to the audit table. */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  record(r: AuditRecord): void {
    this.db
      .prepare('INSERT INTO admin_audit (at, actor, action, entity_type, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), r.actor, r.action, r.entityType, r.entityId, json(r.before), json(r.after));
  }

  /** Newest first, optionally for one entity. */
  list(filter: { entityType?: string; entityId?: string; limit?: number; offset?: number } = {}): AuditRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.entityType) (where.push('entity_type = ?'), args.push(filter.entityType));
    if (filter.entityId) (where.push('entity_id = ?'), args.push(filter.entityId));
    const sql = `SELECT * FROM admin_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...args, Math.min(filter.limit ?? 100, 500), filter.offset ?? 0) as Array<{
      id: number;
      at: string;
      actor: string;
      action: string;
      entity_type: string;
      entity_id: string;
      before_json: string | null;
      after_json: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    }));
  }
}
