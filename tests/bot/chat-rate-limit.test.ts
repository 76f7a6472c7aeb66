import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { tempDir } from '../support/fixtures.ts';

// A real server behind a (pretend) nginx: TRUST_PROXY=loopback, client addresses in X-Forwarded-For.
let handle: AppHandle;
let base: string;
beforeAll(async () => {
  handle = await buildApp(loadConfig({
    DATA_DIR: tempDir(), LOG_LEVEL: 'silent', RETRIEVER: 'lexical', TRUST_PROXY: 'loopback',
    CHAT_RATE_LIMIT_PER_MIN: '3', CHAT_RATE_LIMIT_PER_ADDRESS_PER_MIN: '5',
  }));
  await handle.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(handle.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => handle.close());

const ask = (sessionId: string, client?: string) =>
  fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(client ? { 'x-forwarded-for': client } : {}) },
    body: JSON.stringify({ sessionId, text: 'khai sinh cần giấy gì' }),
  });

describe('chat API flood limits', () => {
  it('tells a session that sends too fast to wait, in Vietnamese, without answering', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask('nhanh-qua', '203.0.113.7')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await ask('nhanh-qua', '203.0.113.7');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect((await res.json()).error).toMatch(/nhanh quá.*chờ/);
    // Another citizen is not affected.
    expect((await ask('nguoi-khac', '198.51.100.9')).status).toBe(200);
  });

  it('limits one address that rotates session ids', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask(`xoay-${i}`, '192.0.2.44')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('does not address-limit this machine (eval, tests, a proxy without TRUST_PROXY)', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await ask(`noi-bo-${i}`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('counts feedback against the same limits', async () => {
    const rate = () => fetch(`${base}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.99' },
      body: JSON.stringify({ sessionId: 'gop-y', rating: 1 }),
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await rate()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
