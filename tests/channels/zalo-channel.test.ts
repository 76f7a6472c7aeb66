/**
 * Zalo OA channel end to end: signed webhook in (app.inject) → fake Open API out (real HTTP on
 * 127.0.0.1), with token refresh, dedup, echoes, follow, non-text events and rate limits.
 * One app with the default configuration is shared (each test has its own citizen id); tests
 * that need other settings or a restart build their own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../bot/answer-policy.ts';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { channelsIdle } from '../../adapters/channel/channel-pipeline.ts';
import { rateLimitNotice, textOnlyNotice } from '../../adapters/channel/channel-texts.ts';
import { zaloModule } from '../../adapters/zalo/zalo-module.ts';
import { zaloMac } from '../../adapters/zalo/zalo-signature.ts';
import { SqliteZaloTokenStore, zaloTokenStatus } from '../../adapters/zalo/zalo-token-store.ts';
import { startFakeZalo, zaloFixture, type FakeZalo } from './fake-zalo.ts';

const APP_ID = '360846524940903967';
const OA_SECRET = 'oa-secret-key-for-tests';
const APP_SECRET = 'app-secret-for-tests';

let fake: FakeZalo;
let shared: AppHandle;
const own: AppHandle[] = [];
let seq = 0;
/** The citizen of the current test. */
let USER = '';

beforeAll(async () => {
  fake = await startFakeZalo(APP_SECRET);
  shared = await buildZaloApp();
});
afterAll(async () => {
  await shared.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  // Token tests rotate the fake's tokens through their own apps; keep the shared app in step.
  new SqliteZaloTokenStore(shared.db).save({ accessToken: fake.tokens.access, refreshToken: fake.tokens.refresh, expiresAt: Date.now() + 25 * 3600_000, updatedAt: Date.now() });
  USER = `24684588352919${String(++seq).padStart(4, '0')}`;
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const h of own.splice(0)) await h.close().catch(() => {});
});

async function buildZaloApp(options: { dataDir?: string; env?: Record<string, string>; seedTokens?: boolean; choicesPolicy?: boolean } = {}): Promise<AppHandle> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sb-zalo-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    ...options.env,
  });
  const handle = await buildApp(config, {
    modules: [zaloModule({ sleep: async () => {}, backoffMs: 1 })],
    ...(options.choicesPolicy ? { assistant: { policy: { ...DEFAULT_POLICY, closeCallRatio: 0.01, sureCoverage: 2 } } } : {}),
  });
  if (options.seedTokens !== false) {
    new SqliteZaloTokenStore(handle.db).save({ accessToken: fake.tokens.access, refreshToken: fake.tokens.refresh, expiresAt: Date.now() + 25 * 3600_000, updatedAt: Date.now() });
  }
  return handle;
}

/** An app of this test only (closed after it). */
async function startApp(options: Parameters<typeof buildZaloApp>[0] = {}): Promise<AppHandle> {
  const handle = await buildZaloApp(options);
  own.push(handle);
  return handle;
}

/** A fixture event made current: our app id, this test's citizen, a fresh timestamp and a unique msg_id. */
function event(fixture: string, patch: { text?: string; msgId?: string; timestamp?: number } = {}): Record<string, unknown> {
  const body = zaloFixture(fixture);
  body.app_id = APP_ID;
  body.timestamp = String(patch.timestamp ?? Date.now());
  const citizen = String(body.event_name).startsWith('oa_') ? 'recipient' : 'sender';
  if (body[citizen]) body[citizen] = { id: USER };
  if (body.follower) body.follower = { id: USER };
  const message = body.message as Record<string, unknown> | undefined;
  if (message) {
    if ('msg_id' in message) message.msg_id = patch.msgId ?? `msg-${process.pid}-${++seq}`;
    if (patch.text !== undefined) message.text = patch.text;
  }
  return body;
}

/** Posts the event as Zalo would: pretty-printed raw bytes (so re-serialising would break the MAC). */
function post(handle: AppHandle, body: Record<string, unknown>, sign: { secret?: string; header?: string | null } = {}) {
  const raw = JSON.stringify(body, null, 2);
  const mac = zaloMac(APP_ID, raw, String(body.timestamp), sign.secret ?? OA_SECRET);
  const header = sign.header === undefined ? `mac=${mac}` : sign.header;
  return handle.app.inject({
    method: 'POST',
    url: '/webhooks/zalo',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(header === null ? {} : { 'x-zevent-signature': header }) },
    payload: raw,
  });
}

/** What the assistant answers to `text` (a separate conversation, so the channel's is untouched). */
async function oracle(handle: AppHandle, text: string) {
  return (await handle.assistant.handle({ channel: 'api', userId: `oracle-${++seq}`, text })).reply;
}

describe('Zalo webhook', () => {
  it('answers a citizen question through /v3.0/oa/message/cs with the assistant text', async () => {
    const app = shared;
    const question = 'dang ky tam tru can giay to gi';
    const response = await post(app, event('user_send_text', { text: question }));
    expect(response.statusCode).toBe(200);
    await channelsIdle(app.app);
    const expected = await oracle(app, question);
    expect(expected.kind).toBe('answer');
    expect(fake.sent.length).toBeGreaterThanOrEqual(1);
    const first = fake.sent[0]!;
    expect(first.recipient.user_id).toBe(USER);
    expect(first.accessToken).toBe(fake.tokens.access);
    expect(first.message.text).toBe(expected.text);
    expect(expected.text.toLowerCase()).toContain('tạm trú');
  });

  it('puts the portal link on an oa.open.url button and falls back to plain links on -201', async () => {
    const app = await startApp({ env: { PUBLIC_URL: 'https://bot.phuongmau.example.vn' } });
    await post(app, event('user_send_text', { text: 'dang ky tam tru can giay to gi' }));
    await channelsIdle(app.app);
    const withButtons = fake.sent.find((m) => m.message.attachment?.payload.buttons);
    const buttons = withButtons!.message.attachment!.payload.buttons as Array<{ type: string; payload: { url: string } }>;
    expect(buttons.some((b) => b.type === 'oa.open.url' && b.payload.url.startsWith('https://'))).toBe(true);

    fake.sent.length = 0;
    fake.failSends('api-error-bad-parameter');
    await post(app, event('user_send_text', { text: 'dang ky tam tru can giay to gi' }));
    await channelsIdle(app.app);
    expect(fake.sent[0]!.message.attachment).toBeUndefined();
    expect(fake.sent[0]!.message.text).toMatch(/• .+: https:\/\//);
  });

  it('rejects a forged, missing or malformed signature with 401 and sends nothing', async () => {
    const app = shared;
    const body = event('user_send_text', { text: 'dang ky tam tru' });
    expect((await post(app, body, { secret: 'wrong-secret' })).statusCode).toBe(401);
    expect((await post(app, body, { header: null })).statusCode).toBe(401);
    expect((await post(app, body, { header: 'mac=not-hex' })).statusCode).toBe(401);
    // Body changed after signing: the MAC covers the raw bytes.
    const raw = JSON.stringify(body);
    const tampered = await app.app.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloMac(APP_ID, raw, String(body.timestamp), OA_SECRET)}` },
      payload: raw.replace('dang ky', 'xoa dang ky'),
    });
    expect(tampered.statusCode).toBe(401);
    await channelsIdle(app.app);
    expect(fake.attempts).toBe(0);
  });

  it('accepts a signature made with the app secret too (UNVERIFIED which one Zalo uses)', async () => {
    const app = shared;
    expect((await post(app, event('user_send_text', { text: 'xin chào' }), { secret: APP_SECRET })).statusCode).toBe(200);
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(1);
  });

  it('rejects events older than the allowed window', async () => {
    const app = shared;
    expect((await post(app, event('user_send_text', { text: 'xin chào', timestamp: Date.now() - 10 * 60_000 }))).statusCode).toBe(401);
    expect((await post(app, event('user_send_text', { text: 'xin chào', timestamp: Date.now() + 10 * 60_000 }))).statusCode).toBe(401);
    // A little clock skew is fine.
    expect((await post(app, event('user_send_text', { text: 'xin chào', timestamp: Date.now() - 20_000 }))).statusCode).toBe(200);
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(1);
  });

  it('answers a redelivered event once, even after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-zalo-'));
    const app = await startApp({ dataDir });
    const body = event('user_send_text', { text: 'xin chào', msgId: 'redelivered-1' });
    expect((await post(app, body)).statusCode).toBe(200);
    expect((await post(app, body)).statusCode).toBe(200);
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(1);
    await app.close();
    const again = await startApp({ dataDir, seedTokens: false });
    expect((await post(again, body)).statusCode).toBe(200);
    await channelsIdle(again.app);
    expect(fake.sent).toHaveLength(1);
  });

  it('ignores oa_* echoes of its own messages and read receipts', async () => {
    const app = shared;
    expect((await post(app, event('oa_send_text'))).statusCode).toBe(200);
    expect((await post(app, event('user_seen_message'))).statusCode).toBe(200);
    await channelsIdle(app.app);
    expect(fake.attempts).toBe(0);
  });

  it('greets a new follower with topic buttons whose tap resolves to that procedure', async () => {
    const app = shared;
    expect((await post(app, event('follow'))).statusCode).toBe(200);
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(1);
    const greeting = fake.sent[0]!;
    expect(greeting.recipient.user_id).toBe(USER);
    expect(greeting.message.text).toContain('Xin chào');
    const buttons = greeting.message.attachment!.payload.buttons as Array<{ title: string; type: string; payload: string }>;
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((b) => b.type === 'oa.query.show' && b.payload === b.title)).toBe(true);

    // The tap comes back as user_send_text with the payload (UNVERIFIED; the likely shape).
    const tapped = buttons[0]!;
    fake.sent.length = 0;
    await post(app, event('user_send_text', { text: tapped.payload }));
    await channelsIdle(app.app);
    expect(fake.sent[0]!.message.text).toContain(tapped.title.replace(/…$/, ''));
  });

  it('asks for text when a sticker or a location arrives', async () => {
    const app = shared;
    await post(app, event('user_send_sticker'));
    await post(app, event('user_send_location'));
    await channelsIdle(app.app);
    expect(fake.sent.map((m) => m.message.text)).toEqual([textOnlyNotice(), textOnlyNotice()]);
    expect(textOnlyNotice()).toContain('Bạn vui lòng nhắn câu hỏi bằng chữ');
  });

  it('offers choices as oa.query.show buttons; tapping one sends that answer with the QR uploaded', async () => {
    const app = await startApp({ choicesPolicy: true });
    await post(app, event('user_send_text', { text: 'đăng ký tạm trú' }));
    await channelsIdle(app.app);
    const offer = fake.sent[0]!;
    const buttons = offer.message.attachment!.payload.buttons as Array<{ title: string; type: string; payload: string }>;
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.every((b) => b.type === 'oa.query.show')).toBe(true);
    const target = buttons.find((b) => b.payload.startsWith('Đăng ký tạm trú')) ?? buttons[0]!;

    fake.sent.length = 0;
    await post(app, event('user_send_text', { text: target.payload }));
    await channelsIdle(app.app);
    expect(fake.sent[0]!.message.text).toContain(`📄 ${target.title}`);
    // No PUBLIC_URL: the QR PNG is uploaded and sent by attachment id.
    expect(fake.uploads).toEqual([{ filename: 'qr.png', isPng: true }]);
    const media = fake.sent.find((m) => m.message.attachment?.payload.template_type === 'media');
    expect(media?.message.attachment?.payload.elements).toEqual([{ media_type: 'image', attachment_id: zaloFixture<{ data: { attachment_id: string } }>('api-upload-image').data.attachment_id }]);
  });

  it('sends the QR by its public URL when PUBLIC_URL is set', async () => {
    const app = await startApp({ choicesPolicy: true, env: { PUBLIC_URL: 'https://bot.phuongmau.example.vn' } });
    await post(app, event('user_send_text', { text: 'đăng ký tạm trú' }));
    await channelsIdle(app.app);
    await post(app, event('user_send_text', { text: '1' }));
    await channelsIdle(app.app);
    const media = fake.sent.find((m) => m.message.attachment?.payload.template_type === 'media');
    const [element] = media!.message.attachment!.payload.elements as Array<{ url: string }>;
    expect(element!.url).toMatch(/^https:\/\/bot\.phuongmau\.example\.vn\/qr\/[a-z0-9-]+\.png$/);
    expect(fake.uploads).toHaveLength(0);
  });

  it('splits an answer longer than 2,000 characters on line boundaries', async () => {
    const app = shared;
    const long = Array.from({ length: 120 }, (_, i) => `Dòng ${i + 1}: hướng dẫn chi tiết về hồ sơ cần chuẩn bị khi làm thủ tục.`).join('\n');
    vi.spyOn(app.assistant, 'handle').mockResolvedValue({ reply: { kind: 'answer', text: long, entryId: 'x', procedureId: null, links: [], suggestions: [] }, matches: [] });
    await post(app, event('user_send_text', { text: 'câu hỏi dài' }));
    await channelsIdle(app.app);
    expect(fake.sent.length).toBeGreaterThanOrEqual(4);
    for (const m of fake.sent) {
      expect(m.message.text!.length).toBeLessThanOrEqual(2000);
      expect(m.message.text!.startsWith('Dòng ')).toBe(true);
    }
    expect(fake.sent.map((m) => m.message.text).join('\n')).toBe(long);
  });

  it('apologises politely when answering fails', async () => {
    const app = shared;
    vi.spyOn(app.assistant, 'handle').mockRejectedValueOnce(new Error('index corrupted'));
    await post(app, event('user_send_text', { text: 'dang ky tam tru' }));
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.message.text).toMatch(/^Xin lỗi, hệ thống đang bận/);
  });

  it('limits each citizen to CHANNEL_RATE_LIMIT_PER_MIN messages with one polite notice', async () => {
    const app = await startApp({ env: { CHANNEL_RATE_LIMIT_PER_MIN: '2' } });
    for (let i = 0; i < 5; i++) expect((await post(app, event('user_send_text', { text: 'xin chào' }))).statusCode).toBe(200);
    await channelsIdle(app.app);
    const texts = fake.sent.map((m) => m.message.text);
    expect(texts.filter((t) => t === rateLimitNotice())).toHaveLength(1);
    expect(texts).toHaveLength(3);
  });
});

describe('Zalo API errors and tokens', () => {
  it('refreshes on -216, retries the send, and keeps the rotated refresh token across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-zalo-'));
    const app = await startApp({ dataDir });
    const before = { ...fake.tokens };
    fake.revokeAccessToken();
    await post(app, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(app.app);
    expect(fake.oauth).toHaveLength(1);
    expect(fake.oauth[0]).toEqual({ secretKey: APP_SECRET, form: { refresh_token: before.refresh, app_id: APP_ID, grant_type: 'refresh_token' } });
    expect(fake.sent).toHaveLength(1);
    const rotated = { ...fake.tokens };
    expect(rotated.refresh).not.toBe(before.refresh);
    expect(fake.sent[0]!.accessToken).toBe(rotated.access);
    await app.close();

    const again = await startApp({ dataDir, seedTokens: false });
    const stored = new SqliteZaloTokenStore(again.db).get();
    expect(stored).toMatchObject({ accessToken: rotated.access, refreshToken: rotated.refresh, refreshError: null });
    expect(zaloTokenStatus(again.db).state).toBe('ok');
    await post(again, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(again.app);
    expect(fake.sent[1]!.accessToken).toBe(rotated.access);
    expect(fake.oauth).toHaveLength(1);
  });

  it('refreshes once for concurrent rejections (single flight)', async () => {
    const app = await startApp();
    fake.revokeAccessToken();
    for (const user of ['u1', 'u2', 'u3']) {
      const body = event('user_send_text', { text: 'xin chào' });
      (body.sender as { id: string }).id = user;
      await post(app, body);
    }
    await channelsIdle(app.app);
    expect(fake.oauth).toHaveLength(1);
    expect(fake.sent).toHaveLength(3);
  });

  it('refreshes ahead of expiry', async () => {
    const app = await startApp({ seedTokens: false });
    new SqliteZaloTokenStore(app.db).save({ accessToken: fake.tokens.access, refreshToken: fake.tokens.refresh, expiresAt: Date.now() + 60_000, updatedAt: Date.now() });
    expect(zaloTokenStatus(app.db).state).toBe('expiring');
    await post(app, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(app.app);
    expect(fake.oauth).toHaveLength(1);
    expect(fake.sent[0]!.accessToken).toBe(fake.tokens.access);
    expect(zaloTokenStatus(app.db).state).toBe('ok');
  });

  it('marks a dead refresh token as needing re-consent', async () => {
    const app = await startApp({ seedTokens: false });
    new SqliteZaloTokenStore(app.db).save({ accessToken: 'stale', refreshToken: 'already-used', expiresAt: Date.now() - 1000, updatedAt: Date.now() - 3600_000 });
    await post(app, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(app.app);
    expect(fake.sent).toHaveLength(0);
    const status = zaloTokenStatus(app.db);
    expect(status.state).toBe('reconsent');
    expect(status.lastError).toContain('-14014');
  });

  it('backs off and retries on -32, and does not retry or apologise on -230', async () => {
    const app = shared;
    fake.failSends('api-error-rate-limit', 2);
    await post(app, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(app.app);
    expect(fake.attempts).toBe(3);
    expect(fake.sent).toHaveLength(1);

    fake.failSends('api-error-out-of-window');
    await post(app, event('user_send_text', { text: 'xin chào' }));
    await channelsIdle(app.app);
    expect(fake.attempts).toBe(4);
    expect(fake.sent).toHaveLength(1);
  });
});
