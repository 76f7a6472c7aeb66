/**
 * Telegram channel end to end: webhook updates in (app.inject, secret header) → fake Bot API
 * out (real HTTP on 127.0.0.1 via grammY's apiRoot), HTML escaping, inline keyboards,
 * callback queries, QR photos, 429 retries and message splitting.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../bot/answer-policy.ts';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { channelsIdle } from '../../adapters/channel/channel-pipeline.ts';
import { textOnlyNotice } from '../../adapters/channel/channel-texts.ts';
import { telegramModule } from '../../adapters/telegram/telegram-module.ts';
import { PNG_SIGNATURE } from './fake-http.ts';
import { startFakeTelegram, telegramFixture, type FakeTelegram } from './fake-telegram.ts';

const TOKEN = '7012345678:AAEtestTOKENforSmartBot_fake-api';
const SECRET = 'webhook-secret_for-tests';

let fake: FakeTelegram;
/** Default webhook configuration, shared; each test talks from its own chat. */
let shared: AppHandle;
const own: AppHandle[] = [];
let CHAT = 0;
let chatSeq = 5_123_400_000;

beforeAll(async () => {
  fake = await startFakeTelegram(TOKEN);
  shared = await buildTelegramApp();
});
afterAll(async () => {
  await shared.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  CHAT = ++chatSeq;
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const h of own.splice(0)) await h.close().catch(() => {});
});

async function buildTelegramApp(options: { env?: Record<string, string>; choicesPolicy?: boolean } = {}): Promise<AppHandle> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-tg-')),
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_API_ROOT: fake.url,
    ...options.env,
  });
  return buildApp(config, {
    modules: [telegramModule({ sleep: async () => {} })],
    ...(options.choicesPolicy ? { assistant: { policy: { ...DEFAULT_POLICY, closeCallRatio: 0.01, sureCoverage: 2 } } } : {}),
  });
}

/** An app of this test only (closed after it). */
async function startApp(options: Parameters<typeof buildTelegramApp>[0] = {}): Promise<AppHandle> {
  const handle = await buildTelegramApp(options);
  own.push(handle);
  return handle;
}

let updateId = 900_000;
let messageId = 10_000;
/** A fixture update from this test's chat, with fresh ids. */
function update(fixture: string): Record<string, unknown> {
  const u = telegramFixture(fixture);
  u.update_id = ++updateId;
  const message = (u.message ?? (u.callback_query as Record<string, unknown>).message) as Record<string, unknown>;
  Object.assign(message.chat as object, { id: CHAT });
  if (u.message) Object.assign(message, { message_id: ++messageId, from: { ...(message.from as object), id: CHAT } });
  else Object.assign(u.callback_query as object, { id: `cbq-${updateId}`, from: { ...((u.callback_query as Record<string, unknown>).from as object), id: CHAT } });
  return u;
}
function textUpdate(text: string): Record<string, unknown> {
  const u = update('update-text');
  (u.message as Record<string, unknown>).text = text;
  return u;
}

async function deliver(handle: AppHandle, update: Record<string, unknown>, secret: string | null = SECRET) {
  const response = await handle.app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    payload: JSON.stringify(update),
  });
  await channelsIdle(handle.app);
  return response;
}

type Keyboard = { inline_keyboard: Array<Array<{ text: string; url?: string; callback_data?: string }>> };
const keyboardOf = (params: Record<string, unknown>): Keyboard | undefined => {
  const markup = params.reply_markup;
  return (typeof markup === 'string' ? JSON.parse(markup) : markup) as Keyboard | undefined;
};

describe('Telegram webhook', () => {
  it('rejects a wrong or missing secret token with 401', async () => {
    const app = shared;
    expect((await deliver(app, textUpdate('xin chào'), 'wrong-secret')).statusCode).toBe(401);
    expect((await deliver(app, textUpdate('xin chào'), null)).statusCode).toBe(401);
    expect(fake.callsOf('sendMessage')).toHaveLength(0);
  });

  it('answers text with sendMessage in HTML parse mode, the same answer as the assistant', async () => {
    const app = shared;
    const question = 'dang ky tam tru can giay to gi';
    expect((await deliver(app, textUpdate(question))).statusCode).toBe(200);
    const expected = (await app.assistant.handle({ channel: 'api', userId: 'oracle', text: question })).reply;
    const [sent] = fake.callsOf('sendMessage');
    expect(sent!.params.chat_id).toBe(String(CHAT));
    expect(sent!.params.parse_mode).toBe('HTML');
    const visible = String(sent!.params.text).replace(/<\/?b>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(visible).toBe(expected.text);
    expect(String(sent!.params.text)).not.toMatch(/<(?!\/?b>)/);
  });

  it('escapes < > & and quotes in what it sends', async () => {
    const app = shared;
    vi.spyOn(app.assistant, 'handle').mockImplementation(async (m) => ({
      reply: { kind: 'fallback', reason: 'no-match', text: `Bạn hỏi: ${m.text}`, hotline: '', officeHours: '', suggestions: [] },
      matches: [],
    }));
    await deliver(app, textUpdate('<b>& "tạm trú" \'x\''));
    const [sent] = fake.callsOf('sendMessage');
    expect(sent!.params.text).toBe('Bạn hỏi: &lt;b&gt;&amp; &quot;tạm trú&quot; &#39;x&#39;');
  });

  it('greets /start with an inline keyboard of topics', async () => {
    const app = shared;
    await deliver(app, update('update-start'));
    const [sent] = fake.callsOf('sendMessage');
    expect(String(sent!.params.text)).toContain('Xin chào');
    const keyboard = keyboardOf(sent!.params)!;
    expect(keyboard.inline_keyboard.length).toBeGreaterThan(0);
    for (const [button] of keyboard.inline_keyboard) expect(button!.callback_data).toMatch(/^c:[a-z0-9-]+$/);
  });

  it('offers choices as an inline keyboard (callback_data ≤ 64 bytes) and answers the tapped one', async () => {
    const app = await startApp({ choicesPolicy: true });
    await deliver(app, textUpdate('đăng ký tạm trú'));
    const offer = fake.callsOf('sendMessage')[0]!;
    const keyboard = keyboardOf(offer.params)!;
    expect(keyboard.inline_keyboard.length).toBeGreaterThan(1);
    for (const [button] of keyboard.inline_keyboard) {
      expect(Buffer.byteLength(button!.callback_data!, 'utf8')).toBeLessThanOrEqual(64);
    }
    const [chosen] = keyboard.inline_keyboard[1]!;

    const callback = update('update-callback');
    (callback.callback_query as Record<string, unknown>).data = chosen!.callback_data;
    expect((await deliver(app, callback)).statusCode).toBe(200);
    expect(fake.callsOf('answerCallbackQuery')[0]!.params.callback_query_id).toBe((callback.callback_query as { id: string }).id);
    const answer = fake.callsOf('sendMessage')[1]!;
    expect(String(answer.params.text)).toContain(chosen!.text.replace(/…$/, ''));
  });

  it('sends the portal QR as a multipart sendPhoto and links as URL buttons', async () => {
    const app = await startApp({ env: { PUBLIC_URL: 'https://bot.phuongmau.example.vn' } });
    const callback = update('update-callback'); // data "c:dang-ky-tam-tru": the full procedure card
    await deliver(app, callback);
    const answer = fake.callsOf('sendMessage')[0]!;
    expect(String(answer.params.text)).toMatch(/^<b>📄 Đăng ký tạm trú/);
    const urls = keyboardOf(answer.params)!.inline_keyboard.map(([b]) => b!.url);
    expect(urls).toContain('https://bot.phuongmau.example.vn/thu-tuc/dang-ky-tam-tru');
    const [photo] = fake.callsOf('sendPhoto');
    expect(photo!.multipart).toBe(true);
    expect(photo!.params.chat_id).toBe(String(CHAT));
    expect(photo!.params.photo).toMatch(/^attach:\/\//);
    const file = photo!.files.get(String(photo!.params.photo).slice('attach://'.length))!;
    expect(file.filename).toBe('qr.png');
    expect(file.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('asks for text when a sticker arrives', async () => {
    const app = shared;
    await deliver(app, update('update-sticker'));
    expect(fake.callsOf('sendMessage').map((c) => c.params.text)).toEqual([textOnlyNotice().replace(/"/g, '&quot;')]);
  });

  it('retries after a 429 with retry_after', async () => {
    const app = shared;
    fake.fail('sendMessage', 'error-429');
    await deliver(app, textUpdate('xin chào'));
    const sends = fake.callsOf('sendMessage');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.params.text).toBe(sends[0]!.params.text);
  });

  it('answers a redelivered update once', async () => {
    const app = shared;
    const update = textUpdate('xin chào');
    await deliver(app, update);
    await deliver(app, update);
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('splits an answer longer than 4,096 characters', async () => {
    const app = shared;
    const long = Array.from({ length: 200 }, (_, i) => `Dòng ${i + 1}: giấy tờ <bản chính> & bản sao cần mang theo khi nộp hồ sơ.`).join('\n');
    vi.spyOn(app.assistant, 'handle').mockResolvedValue({ reply: { kind: 'answer', text: long, entryId: 'x', procedureId: null, links: [], suggestions: [] }, matches: [] });
    await deliver(app, textUpdate('câu hỏi dài'));
    const sends = fake.callsOf('sendMessage');
    expect(sends.length).toBeGreaterThanOrEqual(3);
    const visible = sends.map((s) => String(s.params.text).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    for (const v of visible) expect(v.length).toBeLessThanOrEqual(4096);
    expect(visible.join('\n')).toBe(long);
  });
});

describe('Telegram configuration', () => {
  it('refuses webhook mode without a secret at start-up', async () => {
    await expect(startApp({ env: { TELEGRAM_WEBHOOK_SECRET: '' } })).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it('answers through long polling when TELEGRAM_MODE=polling', async () => {
    const app = await startApp({ env: { TELEGRAM_MODE: 'polling', TELEGRAM_WEBHOOK_SECRET: '' } });
    await app.app.ready();
    fake.queueUpdate(textUpdate('xin chào'));
    await vi.waitFor(() => expect(fake.callsOf('sendMessage')).toHaveLength(1), { timeout: 10_000, interval: 50 });
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect((await app.app.inject({ method: 'POST', url: '/webhooks/telegram', payload: {} })).statusCode).toBe(404);
  });
});
