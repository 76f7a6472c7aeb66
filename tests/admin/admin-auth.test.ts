/**
 * Sign-in, roles, CSRF, throttling, the first-admin CLI, write-only secrets and the audit log,
 * driven through the real app on a loopback port.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminModule } from '../../admin/admin-module.ts';
import { verifyPassword } from '../../admin/auth/password.ts';
import { buildApp } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { addUser, PASSWORD, sampleProcedure, signIn, startAdminApp, type Client, type Harness } from './admin-harness.ts';

let h: Harness;
let admin: Client;
let editor: Client;
let viewer: Client;

beforeAll(async () => {
  h = await startAdminApp();
  await addUser(h, 'quantri', 'admin');
  await addUser(h, 'bientap', 'editor');
  await addUser(h, 'xembaocao', 'viewer');
  [admin, editor, viewer] = await Promise.all([signIn(h, 'quantri'), signIn(h, 'bientap'), signIn(h, 'xembaocao')]);
});
afterAll(() => h?.close());

describe('sessions', () => {
  it('refuses the API without a session and sets a hardened cookie on sign-in', async () => {
    expect((await fetch(`${h.base}/admin/api/entries`)).status).toBe(401);
    const res = await fetch(`${h.base}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: PASSWORD }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-admin-https-'));
    const app = await buildApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://bot.phuong.example.vn' }), { modules: [adminModule] });
    try {
      await (await import('../../admin/users/users-repo.ts')).createUser(app.db, { username: 'quantri', password: PASSWORD, role: 'admin' });
      const res = await app.app.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'quantri', password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores scrypt hashes, never the password', async () => {
    const row = h.handle.db.prepare("SELECT password_hash FROM admin_users WHERE username = 'quantri'").get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}x`, row.password_hash)).toBe(false);
  });

  it('signs out: the old cookie stops working', async () => {
    const temp = await signIn(h, 'xembaocao');
    expect((await temp.send('POST', '/admin/api/logout')).status).toBe(200);
    expect((await temp.get('/admin/api/entries')).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets a viewer read content and reports but not edit', async () => {
    expect((await viewer.get('/admin/api/entries')).status).toBe(200);
    expect((await viewer.get('/admin/api/reports')).status).toBe(200);
    const put = await viewer.send('PUT', '/admin/api/entries/qa/gio-lam-viec', { entry: { id: 'gio-lam-viec', questions: ['x'], answer: 'y' } });
    expect(put.status).toBe(403);
    expect(((await put.json()) as { error: string }).error).toMatch(/không có quyền/);
    expect((await viewer.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure() })).status).toBe(403);
  });

  it('lets an editor edit content but not manage users or settings', async () => {
    expect((await editor.get('/admin/api/users')).status).toBe(403);
    expect((await editor.send('POST', '/admin/api/users', { username: 'moi', role: 'admin', password: 'mot-mat-khau-dai' })).status).toBe(403);
    expect((await editor.send('PUT', '/admin/api/settings/secrets/TELEGRAM_BOT_TOKEN', { value: '123:abc' })).status).toBe(403);
    expect((await editor.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure({ id: 'thu-tuc-cua-bien-tap' }) })).status).toBe(200);
  });

  it('lets an admin create users with the same rules as the CLI', async () => {
    const weak = await admin.send('POST', '/admin/api/users', { username: 'canbo1', role: 'editor', password: 'ngan' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: string }).error).toMatch(/ít nhất 10 ký tự/);
    expect((await admin.send('POST', '/admin/api/users', { username: 'canbo1', role: 'editor', password: 'mat-khau-du-dai-1' })).status).toBe(200);
    expect((await signIn(h, 'canbo1', 'mat-khau-du-dai-1')).csrf).toBeTruthy();
  });
});

describe('CSRF', () => {
  it('rejects a state-changing request without the token, and changes nothing', async () => {
    const res = await admin.send('POST', '/admin/api/entries/procedure', { entry: sampleProcedure({ id: 'khong-co-token' }) }, { csrf: false });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/CSRF/);
    expect(h.handle.store.getProcedure('khong-co-token')).toBeUndefined();
  });

  it('rejects a wrong token and a cross-site origin', async () => {
    const wrong = await fetch(`${h.base}/admin/api/entries/procedure`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': 'sai', 'content-type': 'application/json' }, body: JSON.stringify({ entry: sampleProcedure({ id: 'token-sai' }) }) });
    expect(wrong.status).toBe(403);
    const cross = await fetch(`${h.base}/admin/api/entries/procedure`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ entry: sampleProcedure({ id: 'khac-nguon' }) }) });
    expect(cross.status).toBe(403);
    expect(h.handle.store.getProcedure('token-sai')).toBeUndefined();
    expect(h.handle.store.getProcedure('khac-nguon')).toBeUndefined();
  });
});

describe('login throttling', () => {
  it('locks a username + address after 5 failures, even for the right password', async () => {
    await addUser(h, 'hay-quen', 'viewer');
    const attempt = (password: string) => fetch(`${h.base}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hay-quen', password }) });
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau-roi')).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: string }).error).toMatch(/thử lại sau \d+ phút/);
    // Other accounts from the same address are not affected.
    expect((await signIn(h, 'bientap')).csrf).toBeTruthy();
  });
});

describe('first admin CLI', () => {
  it('creates an admin from ADMIN_PASSWORD and refuses a short password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-cli-'));
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = (password: string) => execFileSync(tsx, ['admin/cli/create-admin.ts', 'truongphong'], { env: { ...process.env, DATA_DIR: dir, ADMIN_PASSWORD: password }, encoding: 'utf8', stdio: 'pipe' });
    try {
      expect(() => run('ngan')).toThrow(/ít nhất 10 ký tự/);
      expect(run('mot-cau-mat-khau-dai')).toMatch(/Đã tạo tài khoản quản trị "truongphong"/);
      expect(run('doi-mat-khau-moi-nhe')).toMatch(/Đã đặt lại mật khẩu/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('channel credentials', () => {
  it('are write-only: the API says set / not set, never the value', async () => {
    const token = '123456:SECRET-telegram-token-value';
    const put = await admin.send('PUT', '/admin/api/settings/secrets/TELEGRAM_BOT_TOKEN', { value: token });
    expect(put.status).toBe(200);
    const text = await (await admin.get('/admin/api/settings/secrets')).text();
    expect(text).not.toContain('SECRET-telegram');
    const status = (JSON.parse(text) as { secrets: Array<{ key: string; isSet: boolean }> }).secrets.find((s) => s.key === 'TELEGRAM_BOT_TOKEN');
    expect(status?.isSet).toBe(true);
    const audit = await (await admin.get('/admin/api/audit?entityType=secret')).text();
    expect(audit).not.toContain('SECRET-telegram');
    const bad = await admin.send('PUT', '/admin/api/settings/secrets/TELEGRAM_WEBHOOK_SECRET', { value: 'có dấu cách' });
    expect(bad.status).toBe(400);
  });

  it('shows the Zalo token status so staff know when re-consent is needed', async () => {
    const body = (await (await admin.get('/admin/api/settings/secrets')).json()) as { zalo: { state: string; message: string } };
    expect(body.zalo.state).toBe('missing');
    expect(body.zalo.message).toContain('Zalo');
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after', async () => {
    const before = h.handle.store.getQa('gio-lam-viec')!;
    const res = await editor.send('PUT', '/admin/api/entries/qa/gio-lam-viec', { entry: { ...before, tags: [...before.tags, 'giờ giấc'] } });
    expect(res.status).toBe(200);
    const { items } = (await (await admin.get('/admin/api/audit?entityType=qa')).json()) as { items: Array<{ actor: string; action: string; entityId: string; before: { tags: string[] }; after: { tags: string[] } }> };
    const row = items.find((i) => i.entityId === 'gio-lam-viec')!;
    expect(row).toMatchObject({ actor: 'bientap', action: 'update' });
    expect(row.before.tags).not.toContain('giờ giấc');
    expect(row.after.tags).toContain('giờ giấc');
  });
});

describe('origin check behind a proxy', () => {
  it('accepts the public URL as origin and rejects others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-admin-proxy-'));
    const app = await buildApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://bot.phuong.example.vn' }), { modules: [adminModule] });
    try {
      await (await import('../../admin/users/users-repo.ts')).createUser(app.db, { username: 'quantri', password: PASSWORD, role: 'admin' });
      const login = (origin: string) => app.app.inject({ method: 'POST', url: '/admin/api/login', headers: { host: '127.0.0.1:3000', origin }, payload: { username: 'quantri', password: PASSWORD } });
      expect((await login('https://bot.phuong.example.vn')).statusCode).toBe(200);
      expect((await login('https://evil.example')).statusCode).toBe(403);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
