/**
 * Shared set-up for admin tests: the real app with the admin module on a loopback port, users
 * created through the same function the CLI uses, and a small signed-in HTTP client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminModule } from '../../admin/admin-module.ts';
import { migrateAdmin } from '../../admin/admin-db.ts';
import type { Role } from '../../admin/auth/roles.ts';
import { createUser } from '../../admin/users/users-repo.ts';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';

export const PASSWORD = 'mat-khau-thu-nghiem-123';

export interface Harness {
  handle: AppHandle;
  base: string;
  close(): Promise<void>;
}

export async function startAdminApp(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'smartbot-admin-'));
  const handle = await buildApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }), { modules: [adminModule] });
  await handle.app.listen({ host: '127.0.0.1', port: 0 });
  const address = handle.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    handle,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an account exactly as `npm run admin:create` does (plus other roles). */
export async function addUser(h: Harness, username: string, role: Role): Promise<void> {
  migrateAdmin(h.handle.db);
  await createUser(h.handle.db, { username, password: PASSWORD, role });
}

/** A signed-in API client. */
export interface Client {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  send(method: string, path: string, body?: unknown, opts?: { csrf?: boolean }): Promise<Response>;
}

export async function signIn(h: Harness, username: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${h.base}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login failed ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrf: csrfToken,
    get: (path) => fetch(`${h.base}${path}`, { headers: { cookie } }),
    send: (method, path, body, opts = {}) =>
      fetch(`${h.base}${path}`, {
        method,
        headers: { cookie, ...(opts.csrf === false ? {} : { 'x-csrf-token': csrfToken }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** Posts a citizen question through the public chat API. */
export async function chat(h: Harness, sessionId: string, text: string): Promise<{ reply: { kind: string; text: string; entryId?: string }; messageId?: number }> {
  const res = await fetch(`${h.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, text, channel: 'web' }) });
  return (await res.json()) as { reply: { kind: string; text: string; entryId?: string }; messageId?: number };
}

/** A valid new procedure (optionally overridden). */
export function sampleProcedure(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'cap-phep-nuoi-ca-koi',
    name: 'Cấp phép nuôi cá koi trong hồ công cộng',
    summary: 'Thủ tục thử nghiệm để kiểm tra trang quản trị.',
    field: 'Môi trường',
    level: 'UBND phường',
    where: 'Trung tâm Phục vụ hành chính công phường',
    submitChannels: ['truc-tiep'],
    documents: [{ name: 'Đơn xin nuôi cá koi', form: 'ban-chinh', count: 1 }],
    processingTime: '3 ngày làm việc',
    fee: 'Không mất phí',
    onlineLevel: 'khong',
    questions: ['xin phép nuôi cá koi ở hồ công cộng', 'nuoi ca koi ho cong cong'],
    status: 'published',
    reviewedAt: new Date().toISOString().slice(0, 10),
    ...overrides,
  };
}
