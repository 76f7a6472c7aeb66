/**
 * Staff CLIs: Zalo token (status / set / exchange / refresh) and Telegram webhook registration,
 * run in-process against the fake servers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTelegramWebhookCli } from '../../adapters/telegram/cli/telegram-webhook.ts';
import { runZaloTokenCli } from '../../adapters/zalo/cli/zalo-token.ts';
import { openDatabase } from '../../knowledge/sqlite/database.ts';
import { SqliteZaloTokenStore } from '../../adapters/zalo/zalo-token-store.ts';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram.ts';
import { FIRST_CONSENT_CODE, startFakeZalo, type FakeZalo } from './fake-zalo.ts';

const servers: Array<FakeZalo | FakeTelegram> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('zalo-token CLI', () => {
  it('reports a missing token, stores the first pair, exchanges a code and refreshes', async () => {
    const fake = await startFakeZalo('app-secret');
    servers.push(fake);
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-cli-')), ZALO_APP_ID: '42', ZALO_APP_SECRET: 'app-secret', ZALO_OAUTH_BASE: fake.url };
    const lines: string[] = [];
    const out = (l: string) => void lines.push(l);

    expect(await runZaloTokenCli(['status'], env, out)).toBe(2);
    expect(lines[0]).toBe('Trạng thái: missing');

    expect(await runZaloTokenCli(['set', '--access-token', 'at-0', '--refresh-token', 'rt-0'], env, out)).toBe(0);
    expect(lines).toContain('Trạng thái: ok');

    expect(await runZaloTokenCli(['refresh'], env, out)).toBe(0);
    expect(fake.oauth.at(-1)!.form).toEqual({ refresh_token: 'rt-0', app_id: '42', grant_type: 'refresh_token' });

    expect(await runZaloTokenCli(['exchange', '--code', FIRST_CONSENT_CODE], env, out)).toBe(0);
    expect(fake.oauth.at(-1)!.form).toEqual({ code: FIRST_CONSENT_CODE, app_id: '42', grant_type: 'authorization_code' });
    const db = openDatabase(join(env.DATA_DIR, 'smartbot.db'));
    expect(new SqliteZaloTokenStore(db).get()).toMatchObject({ accessToken: fake.tokens.access, refreshToken: fake.tokens.refresh });
    db.close();

    expect(await runZaloTokenCli(['exchange', '--code', 'wrong'], env, out)).toBe(1);
    expect(lines.at(-1)).toMatch(/^Lỗi: Zalo OAuth error -14014/);
  });
});

describe('telegram-webhook CLI', () => {
  it('registers PUBLIC_URL/webhooks/telegram with the secret', async () => {
    const token = '123:abc';
    const fake = await startFakeTelegram(token);
    servers.push(fake);
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-cli-')), TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 's3cret', TELEGRAM_API_ROOT: fake.url, PUBLIC_URL: 'https://bot.phuongmau.example.vn/' };
    expect(await runTelegramWebhookCli(['set'], env, () => {})).toBe(0);
    expect(fake.callsOf('setWebhook')[0]!.params).toMatchObject({ url: 'https://bot.phuongmau.example.vn/webhooks/telegram', secret_token: 's3cret' });
    expect(await runTelegramWebhookCli(['set'], { ...env, PUBLIC_URL: 'http://localhost' }, () => {})).toBe(1);
  });
});
