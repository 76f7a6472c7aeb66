/**
 * Excel workbooks (exceljs): a "Thủ tục" sheet, a "Hỏi đáp" sheet and a "Hướng dẫn" sheet
 * explaining every column. Reading accepts any sheet whose header row matches the layout.
 */
import ExcelJS from 'exceljs';
import type { ContentKind } from '../content/content-validation.ts';
import { COLUMNS, headerOf, kindOfHeaders } from './row-layout.ts';

/** Sheet names, also used to recognise sheets on import. */
export const SHEET_NAMES: Record<ContentKind, string> = { procedure: 'Thủ tục', qa: 'Hỏi đáp' };
const GUIDE_SHEET = 'Hướng dẫn';

/** A table read from a file: which kind it holds and its rows (header first). */
export interface RawTable {
  kind: ContentKind;
  /** Name used in the report ("Thủ tục", "tệp CSV"). */
  label: string;
  header: string[];
  /** Data rows with their row number in the file (the header is row 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

function addSheet(wb: ExcelJS.Workbook, kind: ContentKind, rows: string[][]): void {
  const ws = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = COLUMNS[kind];
  ws.addRow(columns.map(headerOf));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE7E7' } };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.kind === 'text' && ['id', 'status', 'portalCode'].includes(c.key) ? 22 : 40;
    col.alignment = { wrapText: true, vertical: 'top' };
  });
}

function addGuide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.addRow(['Trang tính', 'Cột', 'Cách điền']).font = { bold: true };
  for (const kind of ['procedure', 'qa'] as const) {
    for (const c of COLUMNS[kind]) ws.addRow([SHEET_NAMES[kind], headerOf(c), c.hint]);
  }
  ws.addRow([]);
  ws.addRow(['', 'Ghi chú', 'Mỗi dòng là một mục. Trong một ô, xuống dòng bằng Alt+Enter. Mã mục trùng với mục đã có = cập nhật mục đó. Trước khi nhập, trang quản trị luôn cho xem báo cáo thử (mới / thay đổi / lỗi).']);
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 100;
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
}

/** Builds a workbook of both kinds. */
export async function writeWorkbook(tables: Record<ContentKind, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartBot';
  addSheet(wb, 'procedure', tables.procedure);
  addSheet(wb, 'qa', tables.qa);
  addGuide(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text of a cell whatever exceljs made of it (rich text, formula result, hyperlink, date). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().trim();

/** Reads every content sheet of a workbook (the guide sheet is skipped). */
export async function readWorkbook(data: Buffer): Promise<RawTable[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const tables: RawTable[] = [];
  wb.eachSheet((ws) => {
    if (fold(ws.name) === fold(GUIDE_SHEET)) return;
    const rows: Array<{ line: number; cells: string[] }> = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i).value));
      rows.push({ line: row.number, cells });
    });
    const [head, ...data] = rows;
    if (!head) return;
    const byName = (Object.entries(SHEET_NAMES) as Array<[ContentKind, string]>).find(([, name]) => fold(name) === fold(ws.name))?.[0];
    tables.push({ kind: byName ?? kindOfHeaders(head.cells), label: ws.name, header: head.cells, rows: data });
  });
  return tables;
}
