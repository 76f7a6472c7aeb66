/**
 * Export of the whole knowledge base (XLSX, CSV per kind, JSON) and the blank templates with one
 * example row each.
 */
import type { SqliteKnowledgeStore } from '../../knowledge/sqlite/sqlite-knowledge-store.ts';
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import type { ContentKind } from '../content/content-validation.ts';
import { toCsv } from './csv.ts';
import { COLUMNS, headerOf, TEMPLATE_EXAMPLE_ID, toRow } from './row-layout.ts';
import { writeWorkbook } from './xlsx.ts';

const EXAMPLE_PROCEDURE: Procedure = {
  id: TEMPLATE_EXAMPLE_ID,
  name: 'Ví dụ: Đăng ký khai sinh (xoá dòng này)',
  portalCode: '1.001193',
  summary: 'Ví dụ tóm tắt: ghi nhận việc sinh ra của trẻ em để được cấp Giấy khai sinh.',
  field: 'Hộ tịch',
  level: 'UBND cấp xã',
  where: 'Trung tâm Phục vụ hành chính công phường',
  submitChannels: ['truc-tiep', 'truc-tuyen'],
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', form: 'ban-chinh', count: 1 },
    { name: 'Giấy chứng sinh', form: 'ban-chinh', count: 1, note: 'Không có thì thay bằng văn bản của người làm chứng' },
  ],
  processingTime: 'Trong ngày làm việc',
  fee: 'Miễn lệ phí nếu đăng ký đúng hạn',
  feeFreeCases: [],
  steps: ['Nộp hồ sơ', 'Nhận kết quả'],
  legalBasis: ['Luật Hộ tịch 2014'],
  portalUrl: 'https://dichvucong.gov.vn',
  onlineLevel: 'toan-trinh',
  notes: [],
  questions: ['làm giấy khai sinh cần gì', 'dang ky khai sinh o dau'],
  keywords: ['khai sinh'],
  status: 'draft',
  reviewedAt: '2025-01-15',
};

const EXAMPLE_QA: QaEntry = {
  id: TEMPLATE_EXAMPLE_ID,
  questions: ['Ví dụ: phường có chỗ gửi xe không? (xoá dòng này)', 'cho gui xe o dau'],
  answer: 'Ví dụ câu trả lời: {centreName} có chỗ gửi xe miễn phí trước cổng.',
  tags: ['thông tin chung'],
  status: 'draft',
  reviewedAt: '2025-01-15',
};

/** All entries of one kind as spreadsheet rows (without header). */
export function contentRows(store: SqliteKnowledgeStore, kind: ContentKind): string[][] {
  return kind === 'procedure' ? store.listProcedures().map((p) => toRow('procedure', p)) : store.listQa().map((q) => toRow('qa', q));
}

/** Workbook with every procedure and Q&A entry. */
export async function exportXlsx(store: SqliteKnowledgeStore): Promise<Buffer> {
  return writeWorkbook({ procedure: contentRows(store, 'procedure'), qa: contentRows(store, 'qa') });
}

/** CSV of one kind. */
export function exportCsv(store: SqliteKnowledgeStore, kind: ContentKind): string {
  return toCsv([COLUMNS[kind].map(headerOf), ...contentRows(store, kind)]);
}

/** JSON backup of all content (importable as is). */
export function exportJson(store: SqliteKnowledgeStore): string {
  return JSON.stringify({ format: 'smartbot-content', version: 1, exportedAt: new Date().toISOString(), procedures: store.listProcedures(), qa: store.listQa() }, null, 2);
}

/** Blank workbook with an example row per sheet and a guide sheet. */
export async function templateXlsx(): Promise<Buffer> {
  return writeWorkbook({ procedure: [toRow('procedure', EXAMPLE_PROCEDURE)], qa: [toRow('qa', EXAMPLE_QA)] });
}

/** Blank CSV of one kind with an example row. */
export function templateCsv(kind: ContentKind): string {
  return toCsv([COLUMNS[kind].map(headerOf), toRow(kind, kind === 'procedure' ? EXAMPLE_PROCEDURE : EXAMPLE_QA)]);
}
