/**
 * One validation path for everything staff submit — the edit form and every import row — built on
 * `validateContent` (the same function that checks the bundled knowledge base). Candidates are
 * validated together with the rest of the store, so duplicate ids and links to missing procedures
 * are caught exactly as a full load would catch them.
 */
import type { z } from 'zod';
import type { SqliteKnowledgeStore } from '../../knowledge/sqlite/sqlite-knowledge-store.ts';
import { Procedure, QaEntry } from '../../knowledge/schema.ts';
import { validateContent, type RawItem, type ValidateOptions } from '../../knowledge/validate.ts';
import { cleanObject } from './clean.ts';
import { FORMS, labelOfPath } from './form-schema.ts';
import { viErrorMap } from './vi-errors.ts';

/** The two kinds of knowledge entries staff edit. */
export type ContentKind = 'procedure' | 'qa';

/** Something staff want to store. */
export interface Candidate {
  kind: ContentKind;
  value: unknown;
}

/** A problem tied to a field, worded for staff. */
export interface FieldIssue {
  /** Dotted path ("documents.0.name"), or "" for the entry as a whole. */
  path: string;
  message: string;
}

/** Outcome for one candidate. */
export interface CandidateResult {
  kind: ContentKind;
  id: string;
  entry?: Procedure | QaEntry;
  errors: FieldIssue[];
  warnings: string[];
}

/** Options of {@link validateCandidates}. */
export interface CandidateOptions extends ValidateOptions {
  /** Treat a bad portal link as an error (the form) instead of dropping it with a warning (import, as at load). */
  strictUrl?: boolean;
}

const SCHEMAS = { procedure: Procedure, qa: QaEntry } as const;

/** Readable problems of a value the schema rejects, with Vietnamese field labels. */
export function explain(kind: ContentKind | 'ward', schema: z.ZodType, value: unknown): FieldIssue[] {
  const parsed = schema.safeParse(value, { error: viErrorMap });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.path.length ? `${labelOfPath(kind, issue.path)}: ${issue.message}` : issue.message }));
}

function idOf(value: unknown): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.trim() : '';
}

/** Cleans candidates with the form description (blank optional fields dropped, lists split). */
export function cleanCandidate(c: Candidate): Candidate {
  if (!c.value || typeof c.value !== 'object' || Array.isArray(c.value)) return c;
  return { kind: c.kind, value: cleanObject(FORMS[c.kind], c.value as Record<string, unknown>) };
}

/** Validates candidates against the current store content; the store is not changed. */
export function validateCandidates(store: SqliteKnowledgeStore, candidates: readonly Candidate[], options: CandidateOptions): CandidateResult[] {
  const cleaned = candidates.map(cleanCandidate);
  const replaced = new Set(cleaned.map((c) => idOf(c.value)).filter(Boolean));
  const keepP = store.listProcedures().filter((p) => !replaced.has(p.id));
  const keepQ = store.listQa().filter((q) => !replaced.has(q.id));
  const rawP: RawItem[] = keepP.map((value) => ({ value, source: 'store' }));
  const rawQ: RawItem[] = keepQ.map((value) => ({ value, source: 'store' }));
  cleaned.forEach((c, i) => (c.kind === 'procedure' ? rawP : rawQ).push({ value: c.value, source: `candidate:${i}` }));
  const result = validateContent(rawP, rawQ, options);
  const otherKindIds = { procedure: new Set(keepQ.map((q) => q.id)), qa: new Set(keepP.map((p) => p.id)) };

  return cleaned.map((c, i) => {
    const id = idOf(c.value);
    const mine = result.issues.filter((issue) => issue.source === `candidate:${i}` || (!issue.source && id && issue.entry === id));
    const errors: FieldIssue[] = [];
    const warnings: string[] = [];
    for (const issue of mine) {
      const urlWarning = issue.level === 'warning' && issue.message.startsWith('Đường dẫn cổng dịch vụ công');
      if (issue.level === 'error' && issue.message.startsWith('Không hợp lệ')) {
        // validateContent sums problems up in one line; reword them field by field for staff.
        const detailed = explain(c.kind, SCHEMAS[c.kind], c.value);
        errors.push(...(detailed.length ? detailed : [{ path: '', message: issue.message }]));
      } else if (issue.level === 'error' || (urlWarning && options.strictUrl)) {
        errors.push({ path: urlWarning ? 'portalUrl' : 'id', message: urlWarning ? 'Đường dẫn nộp trực tuyến không hợp lệ (cần dạng https://…).' : issue.message });
      } else {
        warnings.push(issue.message);
      }
    }
    // A bad link is reported both by the load-time check and by the schema: say it once.
    const firstUrl = errors.findIndex((e) => e.path === 'portalUrl');
    if (firstUrl >= 0) for (let j = errors.length - 1; j > firstUrl; j--) if (errors[j]!.path === 'portalUrl') errors.splice(j, 1);
    if (id && otherKindIds[c.kind].has(id) && !errors.some((e) => e.path === 'id')) {
      errors.push({ path: 'id', message: `Mã "${id}" đã được dùng cho một ${c.kind === 'procedure' ? 'mục hỏi đáp' : 'thủ tục'}: hãy chọn mã khác.` });
    }
    const pool: ReadonlyArray<Procedure | QaEntry> = c.kind === 'procedure' ? result.procedures : result.qa;
    const entry = errors.length ? undefined : pool.find((e) => e.id === id);
    return { kind: c.kind, id, entry, errors, warnings };
  });
}
