/**
 * Field-level differences between two versions of an entry, for the history view and the import
 * dry-run ("what will change").
 */

/** One changed field. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Top-level fields whose values differ; a missing side counts as "not set". */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !same(a[k], b[k])).map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}
