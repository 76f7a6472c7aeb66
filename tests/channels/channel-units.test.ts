/**
 * Pure and small pieces of the channel seam: message splitting, rate limiter, work queue, event
 * dedup with TTL, Zalo signature and event translation, token status, Telegram callback data
 * and HTML escaping, and which modules mount for which configuration.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';
import { openDatabase } from '../../knowledge/sqlite/database.ts';
import { channelModules } from '../../adapters/channel/channel-modules.ts';
import { RateLimiter } from '../../bot/rate-limiter.ts';
import { MESSAGE_LIMITS, splitText } from '../../adapters/channel/split-text.ts';
import { SqliteEventDedup } from '../../adapters/channel/sqlite-event-dedup.ts';
import { WorkQueue } from '../../adapters/channel/work-queue.ts';
import { decodeChoiceData, encodeChoiceData } from '../../adapters/telegram/telegram-callback-data.ts';
import { answerHtml, escapeHtml } from '../../adapters/telegram/telegram-html.ts';
import { translateZaloEvent } from '../../adapters/zalo/zalo-events.ts';
import { verifyZaloSignature, zaloMac } from '../../adapters/zalo/zalo-signature.ts';
import { describeTokens } from '../../adapters/zalo/zalo-token-store.ts';
import { zaloFixture } from './fake-zalo.ts';

describe('splitText', () => {
  it('keeps short text whole and drops blank text', () => {
    expect(splitText('một dòng', 2000)).toEqual(['một dòng']);
    expect(splitText('  \n ', 2000)).toEqual([]);
  });

  it.each([MESSAGE_LIMITS.zalo, MESSAGE_LIMITS.telegram])('splits on line boundaries at %i', (limit) => {
    const lines = Array.from({ length: 400 }, (_, i) => `• Giấy tờ số ${i + 1}: bản sao có chứng thực 📄`);
    const text = lines.join('\n');
    const chunks = splitText(text, limit);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(limit);
      expect(c.startsWith('• Giấy tờ số ')).toBe(true);
      expect(c.endsWith('📄')).toBe(true);
    }
    expect(chunks.join('\n')).toBe(text);
  });

  it('cuts an over-long line at a space, never inside a surrogate pair', () => {
    const line = 'ab '.repeat(30) + '😀'.repeat(40);
    const chunks = splitText(line, 50);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(50);
      expect(c).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(chunks.join('').replace(/\s/g, '')).toBe(line.replace(/\s/g, ''));
  });

  it('rejects a nonsensical limit', () => {
    expect(() => splitText('x', 1)).toThrow(RangeError);
  });
});

describe('RateLimiter', () => {
  it('allows the limit, notifies once, then drops until the window passes', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect(['a', 'a', 'a', 'a'].map((k) => limiter.hit(k))).toEqual(['allow', 'allow', 'notify', 'drop']);
    expect(limiter.hit('b')).toBe('allow');
    now = 60_000;
    expect(limiter.hit('a')).toBe('allow');
  });

  it('is disabled by a limit of 0', () => {
    const limiter = new RateLimiter({ limit: 0 });
    for (let i = 0; i < 50; i++) expect(limiter.hit('a')).toBe('allow');
  });
});

describe('WorkQueue', () => {
  it('runs one key in order, other keys concurrently, and reports idle', async () => {
    const queue = new WorkQueue({ concurrency: 4 });
    const log: string[] = [];
    const gate: Array<() => void> = [];
    queue.push('u1', () => new Promise<void>((resolve) => gate.push(() => (log.push('u1-a'), resolve()))));
    queue.push('u1', async () => void log.push('u1-b'));
    queue.push('u2', async () => void log.push('u2-a'));
    await Promise.resolve();
    expect(log).toEqual(['u2-a']);
    gate[0]!();
    await queue.idle();
    expect(log).toEqual(['u2-a', 'u1-a', 'u1-b']);
    expect(queue.size).toBe(0);
  });

  it('keeps going after a job throws and refuses work when full or closed', async () => {
    const errors: unknown[] = [];
    const queue = new WorkQueue({ concurrency: 1, maxPending: 1, onError: (e) => errors.push(e) });
    expect(queue.push('a', async () => Promise.reject(new Error('boom')))).toBe(true);
    expect(queue.push('b', async () => {})).toBe(true);
    expect(queue.push('c', async () => {})).toBe(false);
    await queue.close();
    expect(errors).toHaveLength(1);
    expect(queue.push('d', async () => {})).toBe(false);
  });
});

describe('SqliteEventDedup', () => {
  it('sees an id once within the TTL and again after it', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sb-dedup-')), 'x.db'));
    let now = 1_000_000;
    const dedup = new SqliteEventDedup(db, { ttlMs: 1000, now: () => now });
    expect(dedup.firstSeen('zalo', 'm1')).toBe(true);
    expect(dedup.firstSeen('zalo', 'm1')).toBe(false);
    expect(dedup.firstSeen('telegram', 'm1')).toBe(true);
    now += 2000;
    expect(dedup.firstSeen('zalo', 'm1')).toBe(true);
    db.close();
  });
});

describe('Zalo signature and events', () => {
  const raw = Buffer.from('{"event_name":"user_send_text","timestamp":"1731558000000"}');
  const secrets = [
    { name: 'oa-secret-key' as const, value: 'oa' },
    { name: 'app-secret' as const, value: 'app' },
  ];

  it('is sha256_hex(appId + rawBody + timestamp + secret)', () => {
    const concatenated = createHash('sha256').update(`42${raw.toString('utf8')}1731558000000oa`).digest('hex');
    expect(zaloMac('42', raw, '1731558000000', 'oa')).toBe(concatenated);
    // Plain SHA-256, not an HMAC keyed with the secret.
    expect(zaloMac('42', raw, '1731558000000', 'oa')).not.toBe(createHmac('sha256', 'oa').update(`42${raw.toString('utf8')}1731558000000`).digest('hex'));
  });

  it('says which secret matched and which header format was used', () => {
    const mac = zaloMac('42', raw, '1731558000000', 'app');
    expect(verifyZaloSignature({ appId: '42', rawBody: raw, timestamp: '1731558000000', header: `mac=${mac}`, secrets })).toEqual({ ok: true, secret: 'app-secret', headerFormat: 'mac=' });
    expect(verifyZaloSignature({ appId: '42', rawBody: raw, timestamp: '1731558000000', header: mac.toUpperCase(), secrets })).toEqual({ ok: true, secret: 'app-secret', headerFormat: 'bare' });
    expect(verifyZaloSignature({ appId: '42', rawBody: raw, timestamp: '1731558000001', header: `mac=${mac}`, secrets })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZaloSignature({ appId: '42', rawBody: raw, timestamp: '1', header: undefined, secrets })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyZaloSignature({ appId: '42', rawBody: raw, timestamp: '1', header: 'sha256=abc', secrets })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('translates the fixture events', () => {
    expect(translateZaloEvent(zaloFixture('user_send_text'))).toEqual({
      event: { type: 'text', userId: '246845883529197922', eventId: '96d3cdf3af150460909', text: 'dang ky tam tru can giay to gi', time: new Date(1731558000000) },
    });
    expect(translateZaloEvent(zaloFixture('follow'))).toMatchObject({ event: { type: 'greet', userId: '246845883529197922' } });
    expect(translateZaloEvent(zaloFixture('user_send_sticker'))).toMatchObject({ event: { type: 'unsupported', what: 'sticker' } });
    expect(translateZaloEvent(zaloFixture('oa_send_text'))).toEqual({ ignored: 'echo oa_send_text' });
    expect(translateZaloEvent(zaloFixture('user_seen_message'))).toEqual({ ignored: 'user_seen_message' });
  });
});

describe('Zalo token status', () => {
  const now = Date.UTC(2026, 0, 1);
  const pair = { accessToken: 'a', refreshToken: 'r', expiresAt: now + 20 * 3600_000, updatedAt: now - 3600_000, refreshError: null, refreshErrorAt: null };
  it('tells ok / expiring / expired / reconsent / missing', () => {
    expect(describeTokens(pair, now).state).toBe('ok');
    expect(describeTokens({ ...pair, expiresAt: now + 60_000 }, now).state).toBe('expiring');
    expect(describeTokens({ ...pair, expiresAt: now - 1 }, now).state).toBe('expired');
    expect(describeTokens({ ...pair, refreshError: 'fatal: -14014', refreshErrorAt: now }, now).state).toBe('reconsent');
    expect(describeTokens({ ...pair, refreshError: 'transient: timeout', refreshErrorAt: now }, now).state).toBe('ok');
    expect(describeTokens({ ...pair, updatedAt: now - 91 * 24 * 3600_000 }, now).state).toBe('reconsent');
    expect(describeTokens(undefined, now).state).toBe('missing');
  });
});

describe('Telegram callback data and HTML', () => {
  const longId = `thu-tuc-${'rat-dai-'.repeat(9)}het`.slice(0, 80);
  const kb = { procedures: new Map([[longId, {}]]), entries: new Map([['dang-ky-tam-tru', {}]]) } as unknown as KnowledgeSnapshot;

  it('keeps callback_data within 64 bytes and maps long ids back', () => {
    expect(encodeChoiceData('dang-ky-tam-tru')).toBe('c:dang-ky-tam-tru');
    const data = encodeChoiceData(longId);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data.startsWith('h:')).toBe(true);
    expect(decodeChoiceData(data, kb)).toBe(longId);
    expect(decodeChoiceData('c:dang-ky-tam-tru', kb)).toBe('dang-ky-tam-tru');
    expect(decodeChoiceData('h:unknown', kb)).toBeUndefined();
    expect(decodeChoiceData('other', kb)).toBeUndefined();
  });

  it('escapes everything and bolds only the card title', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(answerHtml('📄 A & B\n<i>x</i>')).toBe('<b>📄 A &amp; B</b>\n&lt;i&gt;x&lt;/i&gt;');
  });
});

describe('channel modules', () => {
  it('mount only when credentials are set', async () => {
    expect(await channelModules(loadConfig({}))).toHaveLength(0);
    expect(await channelModules(loadConfig({ ZALO_APP_ID: '1', ZALO_OA_SECRET_KEY: 's' }))).toHaveLength(1);
    expect(await channelModules(loadConfig({ ZALO_APP_ID: '1', ZALO_OA_SECRET_KEY: 's', TELEGRAM_BOT_TOKEN: '1:x' }))).toHaveLength(2);
  });
});
