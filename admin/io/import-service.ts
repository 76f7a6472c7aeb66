/**
 * Import in two steps. The dry run reads the file, validates every row exactly like the edit form
 * (and like the bundled knowledge base at load) and reports new / changed / unchanged / invalid
 * rows with reasons, without touching the store. Applying stores the valid rows through
 * `store.importAll` — one transaction, so an error leaves nothing half-applied — together with
 * one audit row per entry.
 */
import { randomBytes } from 'node:crypto';
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import type { AdminServices } from '../admin-services.ts';
import { validateCandidates, type ContentKind } from '../content/content-validation.ts';
import { diffFields } from '../content/diff.ts';
import { FORMS } from '../content/form-schema.ts';
import { parseCsv } from './csv.ts';
import { fromRow, keyOfHeader, kindOfHeaders, TEMPLATE_EXAMPLE_ID } from './row-layout.ts';
import { readWorkbook, type RawTable } from './xlsx.ts';

/** A file staff cannot import at all (wrong format, no header); the message is for them. */
export class ImportFileError extends Error {}

/** File formats import understands. */
export type ImportFormat = 'xlsx' | 'csv' | 'json';

/** One entry found in the file. */
interface ImportItem {
  kind: ContentKind;
  source: string;
  value: unknown;
}

/** What the dry run says about one row. */
export interface RowReport {
  source: string;
  kind: ContentKind;
  id: string;
  title: string;
  status: 'new' | 'changed' | 'unchanged' | 'invalid' | 'skipped';
  errors: string[];
  warnings: string[];
  /** Labels of the fields that would change. */
  changedFields: string[];
}

/** The dry-run report; `token` applies exactly this report. */
export interface DryRunReport {
  token: string;
  format: ImportFormat;
  rows: RowReport[];
  counts: Record<RowReport['status'], number>;
  fileNotes: string[];
}

interface PendingImport {
  user: string;
  createdAt: number;
  procedures: Procedure[];
  qa: QaEntry[];
  /** Store content of the affected entries at dry-run time, to notice edits made in between. */
  fingerprint: string;
}

const PENDING_TTL_MS = 30 * 60_000;

/** Detects the format from the name and the first bytes. */
export function detectFormat(fileName: string, data: Buffer): ImportFormat {
  if (data.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(fileName)) return 'xlsx';
  const start = data.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/\.json$/i.test(fileName) || start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'csv';
}

const unneutralise = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

function itemsOfTable(table: RawTable, notes: string[]): ImportItem[] {
  const keys = table.header.map((h) => keyOfHeader(table.kind, h));
  const unknown = table.header.filter((h, i) => h.trim() && !keys[i]);
  if (unknown.length) notes.push(`${table.label}: bỏ qua các cột không nhận ra: ${unknown.join(', ')}.`);
  if (!keys.includes('id')) throw new ImportFileError(`${table.label}: không thấy cột "Mã mục [id]" ở dòng đầu. Hãy dùng tệp mẫu tải từ trang này.`);
  return table.rows
    .filter((r) => r.cells.some((c) => c.trim()))
    .map((r) => {
      const cells: Record<string, string> = {};
      keys.forEach((k, i) => k && (cells[k] = unneutralise(r.cells[i] ?? '')));
      return { kind: table.kind, source: `${table.label}, dòng ${r.line}`, value: fromRow(table.kind, cells) };
    });
}

/** Reads a file into raw entries (not yet validated). */
export async function readImportFile(format: ImportFormat, data: Buffer, notes: string[]): Promise<ImportItem[]> {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw new ImportFileError('Tệp JSON bị lỗi cú pháp, không đọc được.');
    }
    const obj = (Array.isArray(parsed) ? { items: parsed } : parsed) as { procedures?: unknown; qa?: unknown; items?: unknown };
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    const items: ImportItem[] = [
      ...list(obj.procedures).map((value, i) => ({ kind: 'procedure' as const, source: `procedures #${i + 1}`, value })),
      ...list(obj.qa).map((value, i) => ({ kind: 'qa' as const, source: `qa #${i + 1}`, value })),
      ...list(obj.items).map((value, i) => ({ kind: (value && typeof value === 'object' && 'answer' in value ? 'qa' : 'procedure') as ContentKind, source: `#${i + 1}`, value })),
    ];
    if (!items.length) throw new ImportFileError('Tệp JSON không có mục nào (cần dạng { "procedures": [...], "qa": [...] }).');
    return items;
  }
  if (format === 'csv') {
    const rows = parseCsv(data.toString('utf8'));
    const [header, ...rest] = rows;
    if (!header) throw new ImportFileError('Tệp CSV đang trống.');
    const kind = kindOfHeaders(header);
    return itemsOfTable({ kind, label: kind === 'qa' ? 'CSV hỏi đáp' : 'CSV thủ tục', header, rows: rest.map((cells, i) => ({ line: i + 2, cells })) }, notes);
  }
  let tables: RawTable[];
  try {
    tables = await readWorkbook(data);
  } catch {
    throw new ImportFileError('Không đọc được tệp Excel (cần định dạng .xlsx).');
  }
  if (!tables.length) throw new ImportFileError('Tệp Excel không có trang tính nào có dữ liệu.');
  return tables.flatMap((t) => itemsOfTable(t, notes));
}

const titleOf = (kind: ContentKind, v: unknown): string => {
  const o = (v ?? {}) as { name?: unknown; questions?: unknown };
  const t = kind === 'procedure' ? o.name : Array.isArray(o.questions) ? o.questions[0] : undefined;
  return typeof t === 'string' ? t : '';
};

const labelOf = (kind: ContentKind, field: string) => FORMS[kind].find((f) => f.key === field)?.label ?? field;

/** Dry runs and their application; pending dry runs live in memory for 30 minutes. */
export class ImportService {
  private readonly pending = new Map<string, PendingImport>();

  constructor(private readonly s: AdminServices) {}

  private fingerprint(items: ReadonlyArray<{ kind: ContentKind; id: string }>): string {
    const { store } = this.s.ctx;
    return JSON.stringify(items.map((i) => (i.kind === 'procedure' ? store.getProcedure(i.id) : store.getQa(i.id)) ?? null));
  }

  /** Validates a file and remembers the valid rows for {@link apply}. */
  async dryRun(fileName: string, data: Buffer, user: string): Promise<DryRunReport> {
    const format = detectFormat(fileName, data);
    const fileNotes: string[] = [];
    const all = await readImportFile(format, data, fileNotes);
    const examples = all.filter((i) => (i.value as { id?: unknown })?.id === TEMPLATE_EXAMPLE_ID);
    const items = all.filter((i) => !examples.includes(i));
    const results = validateCandidates(this.s.ctx.store, items, { today: new Date(), staleAfterDays: this.s.ctx.config.STALE_AFTER_DAYS, strictUrl: false });
    const store = this.s.ctx.store;
    const accepted: { procedures: Procedure[]; qa: QaEntry[] } = { procedures: [], qa: [] };
    const affected: Array<{ kind: ContentKind; id: string }> = [];
    const rows: RowReport[] = results.map((r, i) => {
      const item = items[i]!;
      const base = { source: item.source, kind: r.kind, id: r.id, title: titleOf(r.kind, r.entry ?? item.value), warnings: r.warnings, changedFields: [] as string[] };
      if (!r.entry) return { ...base, status: 'invalid' as const, errors: r.errors.map((e) => e.message) };
      const before = r.kind === 'procedure' ? store.getProcedure(r.id) : store.getQa(r.id);
      const changes = diffFields(before ?? null, r.entry).map((c) => labelOf(r.kind, c.field));
      if (before && !changes.length) return { ...base, status: 'unchanged' as const, errors: [] };
      if (r.kind === 'procedure') accepted.procedures.push(r.entry as Procedure);
      else accepted.qa.push(r.entry as QaEntry);
      affected.push({ kind: r.kind, id: r.id });
      return { ...base, status: before ? ('changed' as const) : ('new' as const), errors: [], changedFields: before ? changes : [] };
    });
    for (const e of examples) {
      rows.push({ source: e.source, kind: e.kind, id: TEMPLATE_EXAMPLE_ID, title: titleOf(e.kind, e.value), status: 'skipped', errors: [], warnings: ['Dòng ví dụ của tệp mẫu: đã bỏ qua.'], changedFields: [] });
    }
    const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0, skipped: 0 };
    for (const r of rows) counts[r.status]++;
    this.sweep();
    const token = randomBytes(18).toString('base64url');
    this.pending.set(token, { user, createdAt: Date.now(), ...accepted, fingerprint: this.fingerprint(affected) });
    return { token, format, rows, counts, fileNotes };
  }

  /** Stores what a dry run accepted. Returns how many entries were written. */
  async apply(token: string, user: string): Promise<{ ok: true; written: number } | { ok: false; status: 404 | 409; error: string }> {
    this.sweep();
    const job = this.pending.get(token);
    if (!job || job.user !== user) return { ok: false, status: 404, error: 'Báo cáo thử đã hết hạn. Hãy chọn tệp và kiểm tra lại.' };
    const affected = [...job.procedures.map((p) => ({ kind: 'procedure' as const, id: p.id })), ...job.qa.map((q) => ({ kind: 'qa' as const, id: q.id }))];
    if (this.fingerprint(affected) !== job.fingerprint) {
      this.pending.delete(token);
      return { ok: false, status: 409, error: 'Nội dung vừa được người khác sửa sau khi kiểm tra. Hãy kiểm tra lại tệp trước khi nhập.' };
    }
    const { db, store } = this.s.ctx;
    const befores = affected.map((a) => (a.kind === 'procedure' ? store.getProcedure(a.id) : store.getQa(a.id)));
    db.transaction(() => {
      store.importAll({ procedures: job.procedures, qa: job.qa }, user);
      [...job.procedures, ...job.qa].forEach((entry, i) => {
        this.s.audit.record({ actor: user, action: 'import', entityType: affected[i]!.kind, entityId: entry.id, before: befores[i], after: entry });
      });
    })();
    this.pending.delete(token);
    await this.s.ctx.runtime.settled();
    return { ok: true, written: affected.length };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, job] of this.pending) if (now - job.createdAt > PENDING_TTL_MS) this.pending.delete(token);
  }
}
