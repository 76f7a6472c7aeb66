/**
 * Turns the zod content schemas into a form description the admin page renders: field order,
 * widget, required flag, limits and choices all come from `z.toJSONSchema`, so a field added to
 * knowledge/schema.ts appears in the form without touching the admin code.
 */
import { z } from 'zod';
import { Procedure, QaEntry, WardProfile } from '../../knowledge/schema.ts';
import { ENUM_LABELS, PROCEDURE_TEXT, QA_TEXT, WARD_TEXT, type FieldText } from './labels.ts';

/** Widget kinds the page knows how to render. */
export type Widget = 'text' | 'textarea' | 'date' | 'url' | 'integer' | 'select' | 'checkboxes' | 'text-list' | 'object-list';

/** One form field. */
export interface FormField {
  key: string;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
  maxLength?: number;
  minItems?: number;
  min?: number;
  max?: number;
  pattern?: string;
  default?: unknown;
  options?: Array<{ value: string; label: string }>;
  /** Fields of each item of an object list. */
  itemFields?: FormField[];
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

function options(path: string, values: string[]) {
  const labels = ENUM_LABELS[path] ?? {};
  return values.map((value) => ({ value, label: labels[value] || value }));
}

function fieldOf(path: string, key: string, prop: JsonSchema, required: boolean, texts: Record<string, FieldText>): FormField {
  const text = texts[path] ?? { label: key };
  const base = { key, label: text.label, help: text.help, required, default: prop.default };
  if (prop.type === 'array' && prop.items) {
    const items = prop.items;
    if (items.type === 'object' && items.properties) {
      return { ...base, widget: 'object-list', minItems: prop.minItems, itemFields: fieldsOf(items, texts, `${path}.`) };
    }
    if (items.enum) return { ...base, widget: 'checkboxes', minItems: prop.minItems, options: options(path, items.enum) };
    return { ...base, widget: 'text-list', minItems: prop.minItems, maxLength: items.maxLength };
  }
  if (prop.enum) return { ...base, widget: 'select', options: options(path, prop.enum) };
  if (prop.type === 'integer' || prop.type === 'number') return { ...base, widget: 'integer', min: prop.minimum, max: prop.maximum };
  if (prop.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return { ...base, widget: 'date' };
  if (prop.format === 'uri' || prop.pattern === '^https?:\\/\\/') return { ...base, widget: 'url', maxLength: prop.maxLength };
  const long = text.long || (prop.maxLength ?? 0) > 600;
  return { ...base, widget: long ? 'textarea' : 'text', maxLength: prop.maxLength, pattern: prop.pattern };
}

function fieldsOf(schema: JsonSchema, texts: Record<string, FieldText>, prefix = ''): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, prop]) => fieldOf(`${prefix}${key}`, key, prop, required.has(key), texts));
}

const build = (schema: z.ZodType, texts: Record<string, FieldText>) => fieldsOf(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema, texts);

/** Form descriptions, computed once (the schemas are static). */
export const FORMS = {
  procedure: build(Procedure, PROCEDURE_TEXT),
  qa: build(QaEntry, QA_TEXT),
  ward: build(WardProfile, WARD_TEXT),
} as const;

/** Label of a dotted field path ("documents.1.name" → "Giấy tờ cần chuẩn bị › dòng 2 › Tên giấy tờ"). */
export function labelOfPath(kind: keyof typeof FORMS, path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  let fields: FormField[] | undefined = FORMS[kind];
  for (const step of path) {
    if (typeof step === 'number') {
      parts.push(`dòng ${step + 1}`);
      continue;
    }
    const field: FormField | undefined = fields?.find((f) => f.key === step);
    parts.push(field?.label ?? String(step));
    fields = field?.itemFields;
  }
  return parts.join(' › ');
}
