/**
 * Tidies raw form or spreadsheet values before validation, guided by the form description:
 * empty optional fields become "not set", list boxes lose blank lines, numbers typed as text
 * become numbers. Validation itself stays with the zod schema.
 */
import type { FormField } from './form-schema.ts';

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function splitLines(v: string): string[] {
  return v.split(/\r?\n/);
}

function cleanField(field: FormField, value: unknown): unknown {
  switch (field.widget) {
    case 'text-list':
    case 'checkboxes': {
      const list = typeof value === 'string' ? splitLines(value) : Array.isArray(value) ? value : isBlank(value) ? [] : [value];
      return list.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => !isBlank(v));
    }
    case 'object-list': {
      const list = Array.isArray(value) ? value : [];
      return list
        .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
        .map((item) => cleanObject(field.itemFields ?? [], item))
        .filter((item) => Object.keys(item).length > 0);
    }
    case 'integer': {
      if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
      return value;
    }
    default:
      return typeof value === 'string' ? value.trim() : value;
  }
}

/** Returns a cleaned copy; unknown keys are kept (the schema strips them) so nothing is silently invented. */
export function cleanObject(fields: readonly FormField[], raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const field of fields) {
    if (!(field.key in raw)) continue;
    const value = cleanField(field, raw[field.key]);
    const emptyList = Array.isArray(value) && value.length === 0;
    if (isBlank(value) || (emptyList && !field.required && field.widget !== 'object-list')) delete out[field.key];
    else out[field.key] = value;
  }
  return out;
}
