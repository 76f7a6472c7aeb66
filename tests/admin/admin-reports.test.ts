/**
 * Report numbers must equal the traffic that was actually recorded: known chats on two channels,
 * known 👍/👎, and the admin's own "Thử bot" questions left out. The CSV carries the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, startAdminApp, type Client, type Harness } from './admin-harness.ts';

let h: Harness;
let viewer: Client;

beforeAll(async () => {
  h = await startAdminApp();
  await addUser(h, 'xem', 'viewer');
  viewer = await signIn(h, 'xem');
});
afterAll(() => h?.close());

async function send(sessionId: string, text: string, channel: 'web' | 'api') {
  const res = await fetch(`${h.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, text, channel }) });
  return (await res.json()) as { reply: { kind: string; entryId?: string }; messageId: number };
}

async function rate(sessionId: string, messageId: number, rating: 'up' | 'down') {
  const res = await fetch(`${h.base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, messageId, rating }) });
  expect(res.status).toBe(200);
}

describe('reports', () => {
  it('match the recorded chats and feedback', async () => {
    const traffic: Array<[string, 'web' | 'api']> = [
      ['làm giấy khai sinh cho con cần gì', 'web'],
      ['đăng ký thường trú cần giấy tờ gì', 'web'],
      ['giờ làm việc của phường', 'web'],
      ['con mèo bay lên trời xanh', 'web'],
      ['làm căn cước cho con', 'api'],
      ['xyzzy plugh', 'api'],
    ];
    const kinds = { answer: 0, choices: 0, fallback: 0 };
    const channels: Record<string, number> = {};
    const answered: Array<{ session: string; id: number; entryId: string }> = [];
    for (const [i, [text, channel]] of traffic.entries()) {
      const session = `rep-${i}`;
      const r = await send(session, text, channel);
      kinds[r.reply.kind as keyof typeof kinds]++;
      channels[channel] = (channels[channel] ?? 0) + 1;
      if (r.reply.kind === 'answer') answered.push({ session, id: r.messageId, entryId: r.reply.entryId! });
    }
    expect(answered.length).toBeGreaterThanOrEqual(3);
    await rate(answered[0]!.session, answered[0]!.id, 'up');
    await rate(answered[1]!.session, answered[1]!.id, 'up');
    await rate(answered[2]!.session, answered[2]!.id, 'down');
    // Staff testing the bot must not count as citizens' traffic.
    expect((await viewer.send('POST', '/admin/api/try', { text: 'làm giấy khai sinh' })).status).toBe(200);

    const r = (await (await viewer.get('/admin/api/reports')).json()) as {
      totals: { total: number; answered: number; choices: number; fallback: number; up: number; down: number };
      answeredRate: number;
      fallbackRate: number;
      satisfaction: number;
      channels: Array<{ channel: string; total: number }>;
      topics: Array<{ id: string; count: number }>;
      days: Array<{ total: number }>;
    };
    expect(r.totals).toEqual({ total: traffic.length, answered: kinds.answer, choices: kinds.choices, fallback: kinds.fallback, up: 2, down: 1 });
    expect(r.answeredRate).toBeCloseTo(kinds.answer / traffic.length);
    expect(r.fallbackRate).toBeCloseTo(kinds.fallback / traffic.length);
    expect(r.satisfaction).toBeCloseTo(2 / 3);
    expect(Object.fromEntries(r.channels.map((c) => [c.channel, c.total]))).toEqual(channels);
    expect(r.days.reduce((n, d) => n + d.total, 0)).toBe(traffic.length);
    expect(r.topics.reduce((n, t) => n + t.count, 0)).toBe(kinds.answer);

    const bytes = Buffer.from(await (await viewer.get('/admin/api/reports/export.csv')).arrayBuffer());
    // A UTF-8 byte-order mark, so Excel shows Vietnamese correctly.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    const total = csv.split('\r\n').find((line) => line.startsWith('Tổng,'))!;
    expect(total.split(',').slice(1, 5).map(Number)).toEqual([traffic.length, kinds.answer, kinds.choices, kinds.fallback]);
    expect(csv).toMatch(/Tỉ lệ hài lòng \(%\),66\.7,.*Chưa đạt/);

    // The 👎 answer also lands in the inbox, next to the fallbacks.
    const inbox = (await (await viewer.get('/admin/api/inbox')).json()) as { clusters: Array<{ transcriptIds: number[]; reasons: { down: number; fallback: number } }> };
    const down = inbox.clusters.find((c) => c.transcriptIds.includes(answered[2]!.id));
    expect(down?.reasons.down).toBe(1);
    expect(inbox.clusters.reduce((n, c) => n + c.reasons.fallback, 0)).toBe(kinds.fallback);
  });
});
