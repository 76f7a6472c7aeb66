/**
 * Fake Telegram Bot API server (`/bot<token>/<method>`), speaking the real shapes
 * (tests/fixtures/telegram): accepts JSON and multipart calls, records them, and can answer
 * the next calls of a method with an error such as 429.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMultipart, startFakeServer, type FakeServer } from './fake-http.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/telegram/', import.meta.url));
export const telegramFixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;

export interface BotApiCall {
  method: string;
  /** JSON payload, or the text fields of a multipart payload. */
  params: Record<string, unknown>;
  multipart: boolean;
  files: Map<string, { filename?: string; data: Buffer }>;
}

export interface FakeTelegram extends FakeServer {
  calls: BotApiCall[];
  callsOf(method: string): BotApiCall[];
  /** The next `times` calls of `method` answer with this fixture body. */
  fail(method: string, fixture: string, times?: number): void;
  /** Queues an update for getUpdates (long polling). */
  queueUpdate(update: Record<string, unknown>): void;
  /** Forgets recorded calls, pending failures and queued updates. */
  reset(): void;
}

export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: BotApiCall[] = [];
  const failures = new Map<string, Array<Record<string, unknown>>>();
  let messageId = 500;
  const updates: Array<Record<string, unknown>> = [];
  const server = await startFakeServer(async (req) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!match || match[1] !== token) return { ok: false, error_code: 404, description: 'Not Found' };
    const method = match[2]!;
    const contentType = String(req.headers['content-type'] ?? '');
    const multipart = contentType.startsWith('multipart/form-data');
    const files = new Map<string, { filename?: string; data: Buffer }>();
    let params: Record<string, unknown> = {};
    if (multipart) {
      for (const [name, part] of parseMultipart(contentType, req.raw)) {
        if (part.filename !== undefined) files.set(name, part);
        else params[name] = part.data.toString('utf8');
      }
    } else if (req.raw.length) {
      params = JSON.parse(req.raw.toString('utf8')) as Record<string, unknown>;
    }
    calls.push({ method, params, multipart, files });
    const forced = failures.get(method)?.shift();
    if (forced) return forced;
    const chat = { id: Number(params.chat_id), type: 'private' };
    switch (method) {
      case 'getMe':
        return telegramFixture('getMe');
      case 'getUpdates': {
        // Long polling: hold an empty poll briefly instead of spinning.
        if (!updates.length && Number(params.timeout ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        const offset = Number(params.offset ?? 0);
        const ready = updates.filter((u) => Number(u.update_id) >= offset);
        updates.splice(0, updates.length, ...ready);
        return { ok: true, result: ready.slice(0, Number(params.limit ?? 100)) };
      }
      case 'sendMessage':
        return { ok: true, result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, text: params.text } };
      case 'sendPhoto':
        return { ok: true, result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, photo: [{ file_id: 'AgACAgIAAxk', file_unique_id: 'AQADq', width: 360, height: 360 }] } };
      default:
        return { ok: true, result: true };
    }
  });
  return {
    ...server,
    calls,
    queueUpdate: (update) => void updates.push(update),
    reset() {
      calls.length = 0;
      failures.clear();
      updates.length = 0;
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    fail(method, fixture, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(telegramFixture(fixture));
      failures.set(method, list);
    },
  };
}
