/**
 * The flat row layout of spreadsheets and CSV files: one row per procedure or Q&A entry, one
 * column per field. Lists go one item per line inside the cell (" | " also separates items when
 * the cell has a single line); each document line is "Tên | hình thức | số bản | ghi chú".
 * Headers read "Tên thủ tục [name]": the bracketed key is what import matches, so staff may reword
 * the Vietnamese part.
 */
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import { ENUM_LABELS } from '../content/labels.ts';
import type { ContentKind } from '../content/content-validation.ts';

type ColumnKind = 'text' | 'list' | 'enum' | 'enum-list' | 'documents' | 'date';

/** One spreadsheet column. */
export interface Column {
  key: string;
  title: string;
  kind: ColumnKind;
  /** How to fill it, for the guide sheet. */
  hint: string;
}

const enumHint = (key: string) => `Một trong: ${Object.entries(ENUM_LABELS[key] ?? {}).map(([code, label]) => `${code} (${label || 'khác'})`).join('; ')}`;

/** Columns of the "Thủ tục" sheet / procedures CSV. */
export const PROCEDURE_COLUMNS: Column[] = [
  { key: 'id', title: 'Mã mục', kind: 'text', hint: 'Bắt buộc. Chữ thường không dấu, nối bằng gạch ngang, ví dụ dang-ky-khai-sinh. Trùng mã có sẵn = cập nhật mục đó.' },
  { key: 'status', title: 'Trạng thái', kind: 'enum', hint: 'published (đã công bố) hoặc draft (bản nháp). Để trống = đã công bố.' },
  { key: 'name', title: 'Tên thủ tục', kind: 'text', hint: 'Bắt buộc.' },
  { key: 'portalCode', title: 'Mã thủ tục trên Cổng DVC', kind: 'text', hint: 'Không bắt buộc, ví dụ 1.001193.' },
  { key: 'summary', title: 'Tóm tắt', kind: 'text', hint: 'Bắt buộc. 1–2 câu dễ hiểu.' },
  { key: 'field', title: 'Lĩnh vực', kind: 'text', hint: 'Bắt buộc, ví dụ Hộ tịch.' },
  { key: 'level', title: 'Cơ quan giải quyết', kind: 'text', hint: 'Bắt buộc.' },
  { key: 'where', title: 'Nơi nộp', kind: 'text', hint: 'Bắt buộc.' },
  { key: 'submitChannels', title: 'Cách nộp', kind: 'enum-list', hint: `Bắt buộc, mỗi dòng một cách (hoặc cách nhau bởi " | "). ${enumHint('submitChannels')}` },
  { key: 'documents', title: 'Giấy tờ', kind: 'documents', hint: 'Bắt buộc. Mỗi giấy tờ một dòng: Tên | hình thức | số bản | ghi chú. Hình thức: ban-chinh, ban-sao, ban-sao-chung-thuc, xuat-trinh, khac.' },
  { key: 'processingTime', title: 'Thời gian giải quyết', kind: 'text', hint: 'Bắt buộc.' },
  { key: 'fee', title: 'Lệ phí', kind: 'text', hint: 'Bắt buộc.' },
  { key: 'feeFreeCases', title: 'Trường hợp miễn lệ phí', kind: 'list', hint: 'Mỗi trường hợp một dòng.' },
  { key: 'steps', title: 'Các bước', kind: 'list', hint: 'Mỗi bước một dòng.' },
  { key: 'legalBasis', title: 'Căn cứ pháp lý', kind: 'list', hint: 'Mỗi văn bản một dòng.' },
  { key: 'portalUrl', title: 'Đường dẫn nộp trực tuyến', kind: 'text', hint: 'Bắt đầu bằng https://' },
  { key: 'onlineLevel', title: 'Mức độ trực tuyến', kind: 'enum', hint: `Bắt buộc. ${enumHint('onlineLevel')}` },
  { key: 'notes', title: 'Lưu ý', kind: 'list', hint: 'Mỗi lưu ý một dòng.' },
  { key: 'questions', title: 'Cách người dân hỏi', kind: 'list', hint: 'Bắt buộc. Mỗi cách hỏi một dòng.' },
  { key: 'keywords', title: 'Từ khoá', kind: 'list', hint: 'Mỗi từ khoá một dòng.' },
  { key: 'reviewedAt', title: 'Ngày rà soát', kind: 'date', hint: 'Bắt buộc. YYYY-MM-DD hoặc dd/mm/yyyy.' },
  { key: 'effectiveFrom', title: 'Hiệu lực từ ngày', kind: 'date', hint: 'Không bắt buộc. YYYY-MM-DD hoặc dd/mm/yyyy.' },
];

/** Columns of the "Hỏi đáp" sheet / Q&A CSV. */
export const QA_COLUMNS: Column[] = [
  { key: 'id', title: 'Mã mục', kind: 'text', hint: PROCEDURE_COLUMNS[0]!.hint },
  { key: 'status', title: 'Trạng thái', kind: 'enum', hint: PROCEDURE_COLUMNS[1]!.hint },
  { key: 'procedureId', title: 'Mã thủ tục liên quan', kind: 'text', hint: 'Không bắt buộc: mã mục của thủ tục mà câu hỏi này thuộc về.' },
  { key: 'questions', title: 'Cách người dân hỏi', kind: 'list', hint: 'Bắt buộc. Mỗi cách hỏi một dòng.' },
  { key: 'answer', title: 'Câu trả lời', kind: 'text', hint: 'Bắt buộc. Có thể dùng {hotline}, {address}, {officeHours}…' },
  { key: 'tags', title: 'Nhãn', kind: 'list', hint: 'Mỗi nhãn một dòng.' },
  { key: 'reviewedAt', title: 'Ngày rà soát', kind: 'date', hint: 'YYYY-MM-DD hoặc dd/mm/yyyy.' },
];

/** Columns per kind. */
export const COLUMNS: Record<ContentKind, Column[]> = { procedure: PROCEDURE_COLUMNS, qa: QA_COLUMNS };

/** Header text of a column: Vietnamese title plus the key import matches on. */
export const headerOf = (c: Column) => `${c.title} [${c.key}]`;

/** Id of the example row in templates; import skips it so a forgotten example does no harm. */
export const TEMPLATE_EXAMPLE_ID = 'vi-du-mau-xoa-dong-nay';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/** Column key a header refers to ("Tên thủ tục [name]", "name" or "Tên thủ tục"), or undefined. */
export function keyOfHeader(kind: ContentKind, header: string): string | undefined {
  const bracket = /\[([A-Za-z]+)\]\s*$/.exec(header.trim());
  const columns = COLUMNS[kind];
  if (bracket) return columns.find((c) => c.key === bracket[1])?.key;
  const h = fold(header);
  return columns.find((c) => c.key.toLowerCase() === h || fold(c.title) === h)?.key;
}

/** Guesses whether a header row describes Q&A or procedures. */
export function kindOfHeaders(headers: string[]): ContentKind {
  return headers.some((h) => keyOfHeader('qa', h) === 'answer') ? 'qa' : 'procedure';
}

// ---- entry → row ----

const docLine = (d: Procedure['documents'][number]) => [d.name, d.form, String(d.count), d.note ?? ''].map((p) => p.replace(/\s*\n\s*/g, ' ')).join(' | ').replace(/( \| )+$/, '');

/** Cell texts of an entry, in column order. */
export function toRow(kind: ContentKind, entry: Procedure | QaEntry): string[] {
  const e = entry as unknown as Record<string, unknown>;
  return COLUMNS[kind].map((c) => {
    const v = e[c.key];
    if (v === undefined || v === null) return '';
    if (c.kind === 'documents') return (v as Procedure['documents']).map(docLine).join('\n');
    if (c.kind === 'enum-list') return (v as string[]).join(' | ');
    if (Array.isArray(v)) return v.join('\n');
    return String(v);
  });
}

// ---- row → raw entry (validated afterwards by the schema) ----

function splitList(text: string, alsoComma = false): string[] {
  const lines = text.split(/\r?\n/);
  const parts = lines.length === 1 ? lines[0]!.split(alsoComma ? /\s*[|,;]\s*/ : /\s+\|\s+/) : lines;
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** Accepts a code or its Vietnamese label, case and accents ignored. */
function enumValue(key: string, text: string): string {
  const labels = ENUM_LABELS[key] ?? {};
  const t = fold(text);
  const aliases: Record<string, string> = { nhap: 'draft', 'ban nhap': 'draft', 'cong bo': 'published', 'da cong bo': 'published' };
  if (key === 'status' && aliases[t]) return aliases[t]!;
  const hit = Object.entries(labels).find(([code, label]) => fold(code) === t || (label && fold(label) === t));
  return hit ? hit[0] : text.trim();
}

/** "dd/mm/yyyy" (how dates are typed in Vietnam) → "yyyy-mm-dd"; anything else unchanged. */
export function normaliseDate(text: string): string {
  const t = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return t;
}

function parseDocuments(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', form = '', count = '', ...note] = line.split('|').map((p) => p.trim());
      const doc: Record<string, unknown> = { name, form: form ? enumValue('documents.form', form) : 'khac' };
      doc.count = count === '' ? 1 : /^\d+$/.test(count) ? Number(count) : count;
      if (note.join(' | ')) doc.note = note.join(' | ');
      return doc;
    });
}

/** Raw entry from cell texts keyed by column key; blank cells are left out. */
export function fromRow(kind: ContentKind, cells: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of COLUMNS[kind]) {
    const text = (cells[c.key] ?? '').trim();
    if (!text) continue;
    switch (c.kind) {
      case 'text':
        out[c.key] = text;
        break;
      case 'date':
        out[c.key] = normaliseDate(text);
        break;
      case 'enum':
        out[c.key] = enumValue(c.key, text);
        break;
      case 'enum-list':
        out[c.key] = splitList(text, true).map((v) => enumValue(c.key, v));
        break;
      case 'list':
        out[c.key] = splitList(text);
        break;
      case 'documents':
        out[c.key] = parseDocuments(text);
        break;
    }
  }
  return out;
}
