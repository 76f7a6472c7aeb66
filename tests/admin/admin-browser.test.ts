/**
 * The admin page in a real browser (Chromium via playwright-core): sign-in, the generated edit
 * form with preview, history, the inbox fix, import, reports — with the strict CSP in force and
 * hostile content shown as inert text. Screenshots go to test-results/screenshots/admin-*.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, chat, PASSWORD, sampleProcedure, signIn, startAdminApp, type Harness } from './admin-harness.ts';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';

let h: Harness;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function shot(name: string, fullPage = true): Promise<void> {
  // The "saved" toast from a previous step would cover part of the picture.
  await page.evaluate(() => document.getElementById('toast')?.setAttribute('hidden', ''));
  await page.screenshot({ path: resolve(SHOTS, `admin-${name}.png`), fullPage });
}

/** expect.poll with room for a busy CI machine (the default is one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

async function xssFired(p: Page = page): Promise<unknown> {
  return p.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startAdminApp();
  await addUser(h, 'quantri', 'admin');
  await addUser(h, 'xem', 'viewer');
  // Hostile content, as an editor might paste it from somewhere.
  const admin = await signIn(h, 'quantri');
  const res = await admin.send('POST', '/admin/api/entries/procedure', {
    entry: sampleProcedure({ id: 'thu-tuc-xss', name: `Thủ tục thử ${XSS}`, summary: XSS, documents: [{ name: `Giấy ${XSS}`, form: 'ban-chinh', count: 1, note: XSS }], questions: [`hỏi ${XSS}`], portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-thu-tuc.html' }),
  });
  expect(res.status).toBe(200);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  // A UTC browser, as on many installs: times on the page must still be Vietnam time.
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'UTC' });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('admin page in a browser', () => {
  it('signs in through the form (after a wrong password)', async () => {
    await page.goto(`${h.base}/admin/`);
    await page.fill('#username', 'quantri');
    await page.fill('#password', 'sai-mat-khau-roi');
    await page.click('#login-submit');
    await poll(() => page.textContent('#main')).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.fill('#password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#entries');
    expect(await page.textContent('#who')).toContain('quantri');
    expect(await page.locator('#entries tbody tr').count()).toBeGreaterThan(40);
    await page.fill('#search', 'khai sinh');
    await poll(() => page.locator('#entries tbody tr').count()).toBeLessThan(40);
    await page.fill('#search', '');
    await poll(() => page.locator('#entries tbody tr').count()).toBeGreaterThan(40);
    await shot('list', false);
  });

  it('shows hostile content as text in the list, the form, the preview and the citizen page', async () => {
    await page.fill('#search', 'thu-tuc-xss');
    await poll(() => page.locator('#entries a.entry-link').count()).toBe(1);
    expect(await page.textContent('#entries a.entry-link')).toContain('<script>window.__xss=1</script>');
    await page.click('#entries a.entry-link');
    await page.waitForSelector('#entry-form');
    expect(await page.textContent('h1')).toContain('<img src=x onerror=');
    await page.click('#preview-btn');
    await page.waitForSelector('#preview-text');
    expect(await page.textContent('#preview-text')).toContain('<script>window.__xss=1</script>');
    expect(await page.locator('#preview img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await xssFired()).toBeUndefined();

    const citizen = await browser.newPage();
    await citizen.goto(`${h.base}/thu-tuc/thu-tuc-xss`);
    expect(await citizen.textContent('h1')).toContain('<script>window.__xss=1</script>');
    expect(await xssFired(citizen)).toBeUndefined();
    await citizen.close();
  });

  it('edits an entry with the generated form, previews it, and shows the change in history', async () => {
    await page.goto(`${h.base}/admin/#/sua/procedure/dang-ky-khai-sinh`);
    // The previous test left another entry's form on this single-page app: wait for this one.
    await poll(() => page.locator('[data-key="name"] input, [data-key="name"] textarea').first().inputValue()).toContain('khai sinh');
    const fee = page.locator('[data-key="fee"] textarea, [data-key="fee"] input').first();
    await fee.fill('Miễn lệ phí (đã kiểm tra lại)');
    await page.click('[data-key="documents"] button:has-text("+ Thêm giấy tờ")');
    const lastDoc = page.locator('[data-key="documents"] .object-row').last();
    await lastDoc.locator('.sub-name input').fill('Sổ hộ khẩu cũ (nếu còn)');
    await lastDoc.locator('.sub-form select').selectOption('xuat-trinh');
    await page.click('#preview-btn');
    await poll(() => page.textContent('#preview-text')).toContain('Miễn lệ phí (đã kiểm tra lại)');
    // The edit page is long (sticky preview and save bar): capture what staff see on screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('edit', false);
    await page.locator('[data-key="documents"]').scrollIntoViewIfNeeded();
    await shot('edit-documents', false);
    const savedFrom = Date.now();
    await page.click('#save');
    await poll(() => page.textContent('#toast')).toContain('Đã lưu');
    const savedTo = Date.now();
    const saved = h.handle.store.getProcedure('dang-ky-khai-sinh')!;
    expect(saved.fee).toBe('Miễn lệ phí (đã kiểm tra lại)');
    expect(saved.documents.at(-1)).toEqual({ name: 'Sổ hộ khẩu cũ (nếu còn)', form: 'xuat-trinh', count: 1 });
    const answer = await h.handle.assistant.handle({ channel: 'api', userId: 'browser-edit', text: 'làm giấy khai sinh cần gì' });
    expect(answer.reply.text).toContain('Miễn lệ phí (đã kiểm tra lại)');

    await page.click('a:has-text("Lịch sử thay đổi")');
    await page.waitForSelector('.revision');
    const diff = await page.textContent('.revision.current');
    expect(diff).toContain('Lệ phí');
    expect(diff).toContain('Miễn lệ phí (đã kiểm tra lại)');
    // Shown in Vietnam time (UTC+7) although the browser runs in UTC.
    const vnClock = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(11, 16);
    expect([vnClock(savedFrom), vnClock(savedTo)]).toContain(/\d{2}:\d{2}/.exec((await page.textContent('.revision.current .revision-head'))!)?.[0]);
    await shot('history');
  });

  it('shows field errors in Vietnamese, then creates a Q&A entry the bot uses at once', async () => {
    await page.goto(`${h.base}/admin/#/moi/qa`);
    await page.waitForSelector('#entry-form');
    await page.fill('[data-key="id"] input', 'cau-hoi-moi');
    await page.click('#save');
    await poll(() => page.textContent('[data-key="answer"] .field-error')).toContain('Câu trả lời: chưa điền');
    expect(await page.textContent('#form-errors')).toContain('Các cách người dân hay hỏi');

    // Fix the form and publish: the bot answers the new question straight away.
    await page.fill('[data-key="id"] input', '');
    await page.fill('[data-key="questions"] input', 'phường có wifi miễn phí cho người dân không');
    await page.locator('[data-key="questions"] input').dispatchEvent('change');
    expect(await page.inputValue('[data-key="id"] input')).toBe('phuong-co-wifi-mien-phi-cho-nguoi-dan-khong');
    await page.fill('[data-key="answer"] textarea', 'Có. {centreName} có wifi miễn phí, hỏi mật khẩu ở quầy hướng dẫn.');
    await page.selectOption('[data-key="status"] select', 'published');
    await page.click('#save');
    await page.waitForURL(/#\/sua\/qa\/phuong-co-wifi-mien-phi-cho-nguoi-dan-khong$/);
    const answer = await h.handle.assistant.handle({ channel: 'api', userId: 'browser-new', text: 'phường có wifi miễn phí không' });
    expect(answer.reply.kind === 'answer' && answer.reply.entryId).toBe('phuong-co-wifi-mien-phi-cho-nguoi-dan-khong');
    expect(answer.reply.text).toContain('Trung tâm Phục vụ hành chính công phường Mẫu có wifi miễn phí');
  });

  it('fixes an unanswered question from the inbox in one step', async () => {
    const question = 'phường mở cửa đón dân lúc mấy giờ vậy ta';
    expect((await chat(h, 'browser-inbox-1', question)).reply.kind).toBe('fallback');
    await chat(h, 'browser-inbox-2', question);
    await chat(h, 'browser-inbox-3', `tôi muốn hỏi ${XSS}`);
    await page.goto(`${h.base}/admin/#/hop-thu`);
    await page.waitForSelector('#inbox');
    expect(await page.textContent('#inbox')).toContain('<script>window.__xss=1</script>');
    expect(await xssFired()).toBeUndefined();
    await shot('inbox');
    const card = page.locator('.cluster', { hasText: 'mở cửa đón dân' });
    await card.locator('select.target').selectOption('qa:gio-lam-viec');
    await card.locator('button.add-paraphrase').click();
    await poll(() => card.textContent()).toContain('Đã thêm');
    const again = await chat(h, 'browser-inbox-4', question);
    expect(again.reply.kind).toBe('answer');
    expect(again.reply.entryId).toBe('gio-lam-viec');
  });

  it('runs an import dry run from the page', async () => {
    await page.goto(`${h.base}/admin/#/nhap-xuat`);
    await page.waitForSelector('#import-file');
    const csv = await (await signIn(h, 'quantri')).get('/admin/api/export?format=csv&kind=qa');
    const text = (await csv.text()).replace('Giờ làm việc của Trung tâm', 'Giờ mở cửa của Trung tâm');
    await page.setInputFiles('#import-file', { name: 'hoi-dap.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.click('#dry-run');
    await page.waitForSelector('#import-table');
    expect(await page.textContent('#import-report')).toContain('1 thay đổi');
    await page.click('#apply-import');
    await poll(() => page.textContent('#import-report')).toContain('Đã nhập 1 mục');
  });

  it('shows reports with the satisfaction KPI coloured against the target', async () => {
    const r = await chat(h, 'browser-rep', 'làm giấy khai sinh cho con cần gì');
    await fetch(`${h.base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'browser-rep', messageId: r.messageId, rating: 'up' }) });
    await page.goto(`${h.base}/admin/#/bao-cao`);
    await page.waitForSelector('#kpis');
    expect(await page.getAttribute('#kpi-satisfaction', 'class')).toContain('kpi-good');
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('#kpi-total')).toMatch(/\d/);
    await shot('reports');
  });

  it('gives a viewer a read-only page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await context.newPage();
    await viewerPage.goto(`${h.base}/admin/`);
    await viewerPage.fill('#username', 'xem');
    await viewerPage.fill('#password', PASSWORD);
    await viewerPage.click('#login-submit');
    await viewerPage.waitForSelector('#entries');
    expect(await viewerPage.locator('text=+ Thêm thủ tục').count()).toBe(0);
    expect(await viewerPage.locator('#nav >> text=Người dùng').count()).toBe(0);
    await viewerPage.goto(`${h.base}/admin/#/sua/qa/gio-lam-viec`);
    await viewerPage.waitForSelector('#entry-form');
    expect(await viewerPage.locator('#save').count()).toBe(0);
    expect(await viewerPage.locator('[data-key="answer"] textarea').isDisabled()).toBe(true);
    await context.close();
  });

  it('raised no CSP violations, dialogs or script errors', () => {
    expect(problems).toEqual([]);
  });
});
