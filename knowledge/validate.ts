/**
 * Validation of knowledge-base content on load and import. Never throws: every problem becomes a
 * readable Vietnamese line in the report, and only the faulty entry is left out.
 */
import { z } from 'zod';
import { Procedure, QaEntry } from './schema.ts';

/** One problem found in the content. */
export interface ValidationIssue {
  level: 'error' | 'warning';
  /** Entry id (or "#<index>" when the id itself is missing). */
  entry: string;
  /** Source file or import row, when known. */
  source?: string;
  message: string;
}

/** Valid entries plus everything that was wrong. */
export interface ValidationResult {
  procedures: Procedure[];
  qa: QaEntry[];
  issues: ValidationIssue[];
}

/** Raw content with where it came from. */
export interface RawItem {
  value: unknown;
  source?: string;
}

export interface ValidateOptions {
  /** Today, for staleness (injected so tests are deterministic). */
  today: Date;
  /** Review dates older than this are flagged. */
  staleAfterDays: number;
}

const DAY_MS = 86_400_000;

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function idOf(value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? id : `#${index + 1}`;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Validates procedures and Q&A entries together (ids are unique across both). */
export function validateContent(procedures: RawItem[], qa: RawItem[], options: ValidateOptions): ValidationResult {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const result: ValidationResult = { procedures: [], qa: [], issues };

  const accept = <T extends { id: string }>(schema: z.ZodType<T>, item: RawItem, index: number, sink: T[], fixUrl: boolean) => {
    const entry = idOf(item.value, index);
    let value = item.value;
    if (fixUrl && value && typeof value === 'object' && 'portalUrl' in value) {
      const url = (value as { portalUrl?: unknown }).portalUrl;
      if (url !== undefined && url !== '' && !isHttpUrl(url)) {
        issues.push({ level: 'warning', entry, source: item.source, message: `Đường dẫn cổng dịch vụ công không hợp lệ (${String(url).slice(0, 120)}): đã bỏ qua đường dẫn này.` });
      }
      if (url === '' || !isHttpUrl(url)) value = { ...(value as object), portalUrl: undefined };
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      issues.push({ level: 'error', entry, source: item.source, message: `Không hợp lệ — ${parsed.error.issues.slice(0, 4).map(describe).join('; ')}` });
      return;
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ level: 'error', entry, source: item.source, message: `Trùng mã "${parsed.data.id}": đã bỏ qua mục sau.` });
      return;
    }
    seen.add(parsed.data.id);
    sink.push(parsed.data);
  };

  procedures.forEach((item, i) => accept(Procedure, item, i, result.procedures, true));
  qa.forEach((item, i) => accept(QaEntry, item, i, result.qa, false));

  const procedureIds = new Set(result.procedures.map((p) => p.id));
  for (const q of result.qa) {
    if (q.procedureId && !procedureIds.has(q.procedureId)) {
      issues.push({ level: 'warning', entry: q.id, message: `Gắn với thủ tục "${q.procedureId}" không có trong kho.` });
    }
  }
  const limit = options.today.getTime() - options.staleAfterDays * DAY_MS;
  for (const item of [...result.procedures, ...result.qa]) {
    if (item.reviewedAt && Date.parse(item.reviewedAt) < limit) {
      issues.push({ level: 'warning', entry: item.id, message: `Đã quá ${options.staleAfterDays} ngày chưa rà soát (lần cuối ${item.reviewedAt}).` });
    }
  }
  return result;
}

/** True when the entry's review date is older than the staleness rule. */
export function isStale(reviewedAt: string | undefined, today: Date, staleAfterDays: number): boolean {
  return !!reviewedAt && Date.parse(reviewedAt) < today.getTime() - staleAfterDays * DAY_MS;
}
