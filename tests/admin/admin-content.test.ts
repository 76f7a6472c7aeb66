/**
 * Content editing end to end: a saved entry answers the very next question (no restart), edit →
 * history → rollback, Vietnamese validation messages, concurrent edits, escaping on the citizen
 * page, the unanswered-questions inbox fixing a question, and report numbers matching traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, chat, sampleProcedure, signIn, startAdminApp, type Client, type Harness } from './admin-harness.ts';

let h: Harness;
let editor: Client;

beforeAll(async () => {
  h = await startAdminApp();
  await addUser(h, 'bientap', 'editor');
  editor = await signIn(h, 'bientap');
});
afterAll(() => h?.close());

const ask = (text: string, userId = `t-${Math.random()}`) => h.handle.assistant.handle({ channel: 'api', userId, text });

describe('editing goes live without restart', () => {
  it('answers with a new entry right after it is created', async () => {
    const question = 'xin phép nuôi cá koi ở hồ công cộng';
    expect((await ask(question)).reply.kind).toBe('fallback');
    const res = await editor.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure() });
    expect(res.status).toBe(200);
    const after = await ask(question);
    expect(after.reply.kind).toBe('answer');
    expect(after.reply.kind === 'answer' && after.reply.entryId).toBe('cap-phep-nuoi-ca-koi');
  });

  it('keeps drafts away from citizens until published', async () => {
    await editor.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure({ id: 'dang-ky-nuoi-ga-tre', name: 'Đăng ký nuôi gà tre cảnh', questions: ['đăng ký nuôi gà tre cảnh'], status: 'draft' }) });
    expect((await ask('đăng ký nuôi gà tre cảnh')).reply.kind).toBe('fallback');
    const { entry, revision } = (await (await editor.get('/admin/api/entries/procedure/dang-ky-nuoi-ga-tre')).json()) as { entry: Record<string, unknown>; revision: number };
    expect((await editor.send('PUT', '/admin/api/entries/procedure/dang-ky-nuoi-ga-tre', { entry: { ...entry, status: 'published' }, revision })).status).toBe(200);
    expect((await ask('đăng ký nuôi gà tre cảnh')).reply.kind).toBe('answer');
  });
});

describe('edit → history → rollback', () => {
  it('shows field-level changes and restores an old version in one step', async () => {
    const url = '/admin/api/entries/procedure/cap-phep-nuoi-ca-koi';
    const first = (await (await editor.get(url)).json()) as { entry: Record<string, unknown>; revision: number };
    const edited = await editor.send('PUT', url, { entry: { ...first.entry, fee: '50.000 đồng/hồ sơ' }, revision: first.revision });
    expect(edited.status).toBe(200);
    expect((await ask('xin phép nuôi cá koi ở hồ công cộng')).reply.text).toContain('50.000 đồng/hồ sơ');

    const { revisions } = (await (await editor.get(`${url}/history`)).json()) as { revisions: Array<{ id: number; changes: Array<{ field: string; before: unknown; after: unknown }> }> };
    expect(revisions).toHaveLength(2);
    expect(revisions[0]!.changes).toEqual([{ field: 'fee', before: 'Không mất phí', after: '50.000 đồng/hồ sơ' }]);

    const back = await editor.send('POST', `${url}/rollback`, { revisionId: revisions[1]!.id });
    expect(back.status).toBe(200);
    expect(h.handle.store.getProcedure('cap-phep-nuoi-ca-koi')!.fee).toBe('Không mất phí');
    expect((await ask('xin phép nuôi cá koi ở hồ công cộng')).reply.text).toContain('Không mất phí');
    expect(((await (await editor.get(`${url}/history`)).json()) as { revisions: unknown[] }).revisions).toHaveLength(3);
  });

  it('restores a deleted entry from its history', async () => {
    const url = '/admin/api/entries/procedure/dang-ky-nuoi-ga-tre';
    expect((await editor.send('DELETE', url)).status).toBe(200);
    expect((await ask('đăng ký nuôi gà tre cảnh')).reply.kind).toBe('fallback');
    const { revisions } = (await (await editor.get(`${url}/history`)).json()) as { revisions: Array<{ id: number; action: string }> };
    const lastSaved = revisions.find((r) => r.action === 'save')!;
    expect((await editor.send('POST', `${url}/rollback`, { revisionId: lastSaved.id })).status).toBe(200);
    expect((await ask('đăng ký nuôi gà tre cảnh')).reply.kind).toBe('answer');
  });

  it('refuses to overwrite a version someone else saved meanwhile', async () => {
    const url = '/admin/api/entries/procedure/cap-phep-nuoi-ca-koi';
    const { entry, revision } = (await (await editor.get(url)).json()) as { entry: Record<string, unknown>; revision: number };
    expect((await editor.send('PUT', url, { entry: { ...entry, summary: 'Bản của người thứ nhất.' }, revision })).status).toBe(200);
    const late = await editor.send('PUT', url, { entry: { ...entry, summary: 'Bản của người thứ hai.' }, revision });
    expect(late.status).toBe(409);
  });
});

describe('review dates', () => {
  it('lists entries reviewed too long ago under "Cần rà soát", until marked reviewed', async () => {
    const { entry, revision } = (await (await editor.get('/admin/api/entries/qa/gio-lam-viec')).json()) as { entry: Record<string, unknown>; revision: number };
    expect((await editor.send('PUT', '/admin/api/entries/qa/gio-lam-viec', { entry: { ...entry, reviewedAt: '2020-01-01' }, revision })).status).toBe(200);
    const stale = (await (await editor.get('/admin/api/entries?stale=1')).json()) as { items: Array<{ id: string; stale: boolean }> };
    expect(stale.items.map((i) => i.id)).toContain('gio-lam-viec');
    expect((await editor.send('POST', '/admin/api/entries/qa/gio-lam-viec/reviewed')).status).toBe(200);
    const after = (await (await editor.get('/admin/api/entries?stale=1')).json()) as { items: Array<{ id: string }> };
    expect(after.items.map((i) => i.id)).not.toContain('gio-lam-viec');
  });
});

describe('validation', () => {
  it('explains problems in Vietnamese, per field, and saves nothing', async () => {
    const res = await editor.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure({ id: 'Sai Ma', name: '', documents: [], portalUrl: 'javascript:alert(1)' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    const byPath = Object.fromEntries(body.errors.map((e) => [e.path, e.message]));
    expect(byPath.id).toMatch(/^Mã mục: mã chỉ gồm chữ thường/);
    expect(byPath.name).toBe('Tên thủ tục: chưa điền');
    expect(byPath.documents).toBe('Giấy tờ cần chuẩn bị: cần ít nhất 1 mục');
    expect(byPath.portalUrl).toMatch(/Đường dẫn nộp trực tuyến không hợp lệ/);
  });

  it('rejects an id already used by the other kind of entry', async () => {
    const res = await editor.send('POST', '/admin/api/entries/qa', { entry: { id: 'cap-phep-nuoi-ca-koi', questions: ['a'], answer: 'b' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/đã có trong kho/);
  });
});

describe('escaping', () => {
  it('shows script and onerror payloads as text on the citizen detail page', async () => {
    const payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    const res = await editor.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure({ id: 'thu-tuc-xss', name: `Thủ tục ${payload}`, summary: payload }) });
    expect(res.status).toBe(200);
    const html = await (await fetch(`${h.base}/thu-tuc/thu-tuc-xss`)).text();
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  });
});

describe('unanswered questions inbox', () => {
  it('groups a fallback question and fixes it by adding it as a paraphrase', async () => {
    const question = 'giờ nào phường mở cửa đón dân vậy ạ ta';
    const before = await chat(h, 'citizen-inbox-1', question);
    const variant = await chat(h, 'citizen-inbox-2', 'gio nao phuong mo cua don dan vay a ta');
    if (before.reply.kind !== 'fallback') throw new Error(`expected a fallback to start from, got ${before.reply.kind}`);
    expect(variant.reply.kind).toBe('fallback');

    const inbox = (await (await editor.get('/admin/api/inbox')).json()) as { clusters: Array<{ sample: string; count: number; transcriptIds: number[]; channels: Record<string, number> }> };
    const cluster = inbox.clusters.find((c) => c.sample.includes('mở cửa đón dân') || c.sample.includes('mo cua don dan'))!;
    expect(cluster.count).toBe(2);
    expect(cluster.channels.web).toBe(2);

    const fix = await editor.send('POST', '/admin/api/inbox/paraphrase', { transcriptIds: cluster.transcriptIds, question, kind: 'qa', entryId: 'gio-lam-viec' });
    expect(fix.status).toBe(200);
    const again = await chat(h, 'citizen-inbox-3', question);
    expect(again.reply.kind).toBe('answer');
    expect(again.reply.entryId).toBe('gio-lam-viec');
    const after = (await (await editor.get('/admin/api/inbox')).json()) as { clusters: Array<{ transcriptIds: number[] }> };
    expect(after.clusters.flatMap((c) => c.transcriptIds)).not.toContain(cluster.transcriptIds[0]);
  });

  it('creates a new Q&A entry from a question, and ignores noise', async () => {
    const q = 'phường có chỗ sạc xe máy điện không';
    expect((await chat(h, 'citizen-inbox-4', q)).reply.kind).toBe('fallback');
    await chat(h, 'citizen-inbox-5', 'asdf qwerty zxcv');
    const inbox = (await (await editor.get('/admin/api/inbox')).json()) as { clusters: Array<{ sample: string; transcriptIds: number[]; suggestedId: string; variants: Array<{ key: string }> }> };
    const cluster = inbox.clusters.find((c) => c.sample === q)!;
    expect(cluster.suggestedId).toBe('phuong-co-cho-sac-xe-may-dien-khong');
    const created = await editor.send('POST', '/admin/api/inbox/new-qa', { transcriptIds: cluster.transcriptIds, entry: { id: cluster.suggestedId, questions: [q], answer: 'Trung tâm có chỗ sạc xe máy điện miễn phí ở bãi xe.', status: 'published' } });
    expect(created.status).toBe(200);
    expect((await chat(h, 'citizen-inbox-6', q)).reply.entryId).toBe(cluster.suggestedId);

    const noise = inbox.clusters.find((c) => c.sample === 'asdf qwerty zxcv')!;
    expect((await editor.send('POST', '/admin/api/inbox/ignore', { keys: noise.variants.map((v) => v.key), sample: noise.sample })).status).toBe(200);
    await chat(h, 'citizen-inbox-7', 'asdf qwerty zxcv');
    const later = (await (await editor.get('/admin/api/inbox')).json()) as { clusters: Array<{ sample: string }> };
    expect(later.clusters.some((c) => c.sample === 'asdf qwerty zxcv')).toBe(false);
  });
});
