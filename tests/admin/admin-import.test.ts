/**
 * Import/export: an Excel file edited like staff would (one changed row, one new row, one broken
 * row) gives a dry-run report with reasons, then applies only the valid rows; CSV and JSON exports
 * re-import as "unchanged" (the flat layout loses nothing); a stale dry run cannot be applied.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, startAdminApp, type Client, type Harness } from './admin-harness.ts';

let h: Harness;
let editor: Client;

interface Report {
  token: string;
  counts: Record<'new' | 'changed' | 'unchanged' | 'invalid' | 'skipped', number>;
  rows: Array<{ source: string; id: string; status: string; errors: string[]; changedFields: string[] }>;
}

beforeAll(async () => {
  h = await startAdminApp();
  await addUser(h, 'bientap', 'editor');
  editor = await signIn(h, 'bientap');
});
afterAll(() => h?.close());

async function download(path: string): Promise<Buffer> {
  const res = await editor.get(path);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function dryRun(fileName: string, data: Buffer): Promise<Report> {
  const res = await editor.send('POST', '/admin/api/import/dry-run', { fileName, dataBase64: data.toString('base64') });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

describe('XLSX import', () => {
  it('reports new, changed and invalid rows with reasons, then applies only the valid ones', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('/admin/api/export?format=xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Thủ tục')!;
    const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (key: string) => headers.findIndex((hd) => hd.endsWith(`[${key}]`));
    // Change the fee of the first procedure.
    const first = sheet.getRow(2);
    const changedId = String(first.getCell(col('id')).value);
    first.getCell(col('fee')).value = 'Lệ phí mới: 30.000 đồng';
    // A new procedure, typed the way staff type (labels, dd/mm/yyyy, " | " lists).
    const fresh: Record<string, string> = {
      id: 'dang-ky-nuoi-chim-canh',
      status: 'Đã công bố',
      name: 'Đăng ký nuôi chim cảnh trong khu dân cư',
      summary: 'Thủ tục mẫu để thử nhập từ Excel.',
      field: 'Môi trường',
      level: 'UBND phường',
      where: 'Trung tâm Phục vụ hành chính công',
      submitChannels: 'Trực tiếp tại Trung tâm | truc-tuyen',
      documents: 'Đơn đăng ký | bản chính | 1\nẢnh chụp lồng chim | khac | 2 | ảnh màu',
      processingTime: '5 ngày làm việc',
      fee: 'Miễn phí',
      onlineLevel: 'mot-phan',
      questions: 'đăng ký nuôi chim cảnh\nnuoi chim canh co can xin phep khong',
      reviewedAt: '15/01/2026',
    };
    const broken: Record<string, string> = { id: 'thu-tuc-loi', name: 'Thủ tục thiếu giấy tờ', summary: 'x', field: 'Khác', level: 'x', where: 'x', submitChannels: 'truc-tiep', processingTime: 'x', fee: 'x', onlineLevel: 'tuy-y', questions: 'x', reviewedAt: '2026-01-01' };
    for (const values of [fresh, broken]) {
      const row = sheet.addRow([]);
      for (const [key, value] of Object.entries(values)) row.getCell(col(key)).value = value;
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const report = await dryRun('noi-dung.xlsx', file);
    expect(report.counts).toMatchObject({ new: 1, changed: 1, invalid: 1 });
    const bad = report.rows.find((r) => r.id === 'thu-tuc-loi')!;
    expect(bad.status).toBe('invalid');
    expect(bad.source).toMatch(/^Thủ tục, dòng \d+$/);
    expect(bad.errors.join(' ')).toContain('Giấy tờ cần chuẩn bị: chưa điền');
    expect(bad.errors.join(' ')).toContain('Mức độ trực tuyến: giá trị không nằm trong danh sách');
    expect(report.rows.find((r) => r.id === changedId)).toMatchObject({ status: 'changed', changedFields: ['Lệ phí'] });
    // The dry run changed nothing.
    expect(h.handle.store.getProcedure('dang-ky-nuoi-chim-canh')).toBeUndefined();

    const apply = await editor.send('POST', '/admin/api/import/apply', { token: report.token });
    expect(apply.status).toBe(200);
    expect(await apply.json()).toEqual({ ok: true, written: 2 });
    const created = h.handle.store.getProcedure('dang-ky-nuoi-chim-canh')!;
    expect(created.submitChannels).toEqual(['truc-tiep', 'truc-tuyen']);
    expect(created.documents[1]).toEqual({ name: 'Ảnh chụp lồng chim', form: 'khac', count: 2, note: 'ảnh màu' });
    expect(created.reviewedAt).toBe('2026-01-15');
    expect(h.handle.store.getProcedure(changedId)!.fee).toBe('Lệ phí mới: 30.000 đồng');
    expect(h.handle.store.getProcedure('thu-tuc-loi')).toBeUndefined();
    const answer = await h.handle.assistant.handle({ channel: 'api', userId: 'imp', text: 'nuôi chim cảnh có cần xin phép không' });
    expect(answer.reply.kind === 'answer' && answer.reply.entryId).toBe('dang-ky-nuoi-chim-canh');
    // Applying twice is refused: the report was used.
    expect((await editor.send('POST', '/admin/api/import/apply', { token: report.token })).status).toBe(404);
  });

  it('skips the template example row', async () => {
    const report = await dryRun('mau.xlsx', await download('/admin/api/export/template?format=xlsx'));
    expect(report.counts).toMatchObject({ new: 0, changed: 0, invalid: 0, skipped: 2 });
  });
});

describe('round trips', () => {
  it('re-imports its own CSV and JSON exports as unchanged', async () => {
    for (const kind of ['procedure', 'qa']) {
      const csv = await dryRun(`${kind}.csv`, await download(`/admin/api/export?format=csv&kind=${kind}`));
      expect(csv.counts.invalid, JSON.stringify(csv.rows.filter((r) => r.status !== 'unchanged').slice(0, 3))).toBe(0);
      expect(csv.counts.changed, JSON.stringify(csv.rows.filter((r) => r.status === 'changed').slice(0, 3))).toBe(0);
      expect(csv.counts.unchanged).toBeGreaterThan(10);
    }
    const json = await dryRun('backup.json', await download('/admin/api/export?format=json'));
    expect(json.counts).toMatchObject({ new: 0, changed: 0, invalid: 0 });
  });

  it('refuses to apply a dry run when the entry was edited in between', async () => {
    const file = Buffer.from(JSON.stringify({ qa: [{ ...h.handle.store.getQa('gio-lam-viec')!, tags: ['đổi từ tệp'] }] }));
    const report = await dryRun('sua.json', file);
    expect(report.counts.changed).toBe(1);
    const current = h.handle.store.getQa('gio-lam-viec')!;
    expect((await editor.send('PUT', '/admin/api/entries/qa/gio-lam-viec', { entry: { ...current, answer: `${current.answer} (sửa tay)` } })).status).toBe(200);
    const apply = await editor.send('POST', '/admin/api/import/apply', { token: report.token });
    expect(apply.status).toBe(409);
    expect(h.handle.store.getQa('gio-lam-viec')!.tags).not.toContain('đổi từ tệp');
  });

  it('applies nothing when storing fails halfway (one transaction)', async () => {
    const qa = h.handle.store.listQa().slice(0, 3);
    const file = Buffer.from(JSON.stringify({ qa: qa.map((q) => ({ ...q, tags: [...q.tags, 'nhập-lỗi'] })) }));
    const report = await dryRun('ba-muc.json', file);
    expect(report.counts.changed).toBe(3);
    // Make the store fail on the second entry, as a full disk or a crash would.
    const store = h.handle.store as unknown as { upsertQa: (...args: unknown[]) => void };
    const original = store.upsertQa;
    let calls = 0;
    store.upsertQa = function (this: unknown, ...args: unknown[]) {
      if (++calls === 2) throw new Error('disk full');
      return original.apply(this, args);
    };
    try {
      expect((await editor.send('POST', '/admin/api/import/apply', { token: report.token })).status).toBe(500);
    } finally {
      store.upsertQa = original;
    }
    for (const q of qa) expect(h.handle.store.getQa(q.id)!.tags).not.toContain('nhập-lỗi');
  });

  it('explains a file it cannot read', async () => {
    const res = await editor.send('POST', '/admin/api/import/dry-run', { fileName: 'x.csv', dataBase64: Buffer.from('a,b\n1,2\n').toString('base64') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/Mã mục \[id\]/);
  });
});
