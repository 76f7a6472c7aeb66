import { describe, expect, it } from 'vitest';
import { Assistant } from '../../bot/assistant.ts';
import { linkBuilder } from '../../bot/card.ts';
import { buildSnapshot } from '../../bot/knowledge-snapshot.ts';
import { MemorySessionStore } from '../../bot/session-store.ts';
import { QaEntry as QaSchema } from '../../knowledge/schema.ts';
import { lexicon, procedures, qa, ward } from '../support/fixtures.ts';

function makeAssistant() {
  const snapshot = buildSnapshot({ procedures, qa, ward, lexicon });
  return new Assistant({ knowledge: () => snapshot, sessions: new MemorySessionStore(), links: linkBuilder('https://bot.example') });
}
const ask = (a: Assistant, text: string, userId = 'u1') => a.handle({ channel: 'api', userId, text });

describe('Assistant', () => {
  it('answers with a procedure card: documents, fee, time, where, online link and QR', async () => {
    const { reply, matches } = await ask(makeAssistant(), 'thu tuc dang ky khai sinh');
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(matches[0]?.id).toBe('dang-ky-khai-sinh');
    expect(reply.text).toContain('Giấy chứng sinh');
    expect(reply.text).toContain('Lệ phí');
    expect(reply.text).toContain('Thời gian giải quyết');
    expect(reply.text).toContain('https://bot.example/thu-tuc/dang-ky-khai-sinh');
    expect(reply.text.length).toBeLessThanOrEqual(2000);
    expect(reply.qr?.png).toBe('https://bot.example/qr/dang-ky-khai-sinh.png');
    expect(reply.links.map((l) => l.label)).toContain('Nộp hồ sơ trực tuyến');
    expect(reply.card?.documents.map((d) => d.name)).toContain('Giấy chứng sinh');
  });

  it('answers follow-ups about the current procedure, one part only', async () => {
    const a = makeAssistant();
    await ask(a, 'đăng ký thường trú');
    const time = await ask(a, 'mất bao lâu?');
    expect(time.reply.kind).toBe('answer');
    expect(time.matches[0]?.id).toBe('dang-ky-thuong-tru');
    expect(time.reply.text).toContain('7 ngày làm việc');
    expect(time.reply.text).not.toContain('Giấy tờ cần chuẩn bị');
    const fee = await ask(a, 'phi bao nhieu');
    expect(fee.reply.text).toContain('20.000 đồng');
    const docs = await ask(a, 'cần giấy tờ gì?');
    expect(docs.reply.text).toContain('CT01');
    expect(docs.reply.text).toContain('2 bản');
    const online = await ask(a, 'nộp online được không?');
    expect(online.reply.kind === 'answer' && online.reply.aspect).toBe('online');
  });

  it('switches topic when a follow-up names another procedure', async () => {
    const a = makeAssistant();
    await ask(a, 'đăng ký thường trú');
    const next = await ask(a, 'khai tử cần giấy tờ gì');
    expect(next.matches[0]?.id).toBe('dang-ky-khai-tu');
  });

  it('reads a short related message as a follow-up, but still refuses an off-topic one', async () => {
    const a = makeAssistant();
    await ask(a, 'đăng ký khai sinh');
    const related = await ask(a, 'con sinh ở nhà thì sao');
    expect(related.reply.kind).toBe('answer');
    expect(related.matches[0]?.id).toBe('dang-ky-khai-sinh');
    const offTopic = await ask(a, 'giá vàng hôm nay');
    expect(offTopic.reply.kind).toBe('fallback');
  });

  it('keeps sessions apart', async () => {
    const a = makeAssistant();
    await ask(a, 'đăng ký thường trú', 'u1');
    const other = await ask(a, 'mất bao lâu?', 'u2');
    expect(other.reply.kind).toBe('fallback');
    if (other.reply.kind === 'fallback') expect(other.reply.reason).toBe('need-topic');
  });

  it('refuses out-of-scope questions politely with hotline and topics', async () => {
    const { reply } = await ask(makeAssistant(), 'giá vàng hôm nay');
    expect(reply.kind).toBe('fallback');
    if (reply.kind !== 'fallback') return;
    expect(reply.text).toContain('0123 456 789');
    expect(reply.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(reply.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('fills ward placeholders in general-information answers', async () => {
    const { reply } = await ask(makeAssistant(), 'may gio mo cua');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toBe('Trung tâm Phục vụ hành chính công phường Thử làm việc: Thứ Hai – Thứ Sáu, 7 giờ 30 – 17 giờ.');
  });

  it('lets the citizen pick an offered choice by number or label', async () => {
    const a = makeAssistant();
    // Seed a choices state the way a close call would leave it.
    (a as unknown as { deps: { sessions: MemorySessionStore } }).deps.sessions.set('api:u9', {
      choices: [{ id: 'dang-ky-khai-sinh', label: 'Đăng ký khai sinh' }, { id: 'dang-ky-khai-tu', label: 'Đăng ký khai tử' }],
      updatedAt: new Date().toISOString(),
    });
    const picked = await ask(a, '2', 'u9');
    expect(picked.reply.kind).toBe('answer');
    expect(picked.matches[0]?.id).toBe('dang-ky-khai-tu');
  });

  it('handles empty-looking input without crashing', async () => {
    const { reply } = await ask(makeAssistant(), '?? 😀');
    expect(reply.kind).toBe('fallback');
  });
});

describe('reply text layout', () => {
  it('keeps line breaks in fallback replies so topics stay one per line', async () => {
    const { reply } = await ask(makeAssistant(), 'xổ số miền bắc');
    expect(reply.kind).toBe('fallback');
    expect(reply.text.split('\n').filter((l) => l.startsWith('• ')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('effective-from dates', () => {
  it('keeps an edition that is not yet in force away from citizens', async () => {
    const future = { ...procedures[2]!, id: 'thuong-tru-moi', name: 'Đăng ký thường trú (quy định mới)', effectiveFrom: '2999-01-01', questions: ['đăng ký thường trú theo quy định mới'] };
    const snapshot = buildSnapshot({ procedures: [...procedures, future], qa, ward, lexicon });
    expect(snapshot.procedures.has('thuong-tru-moi')).toBe(false);
    expect(snapshot.entries.has('thuong-tru-moi')).toBe(false);
    expect(snapshot.procedures.has('dang-ky-thuong-tru')).toBe(true);
  });
});

describe('matters other offices handle', () => {
  it('refuses with a pointer to the right office when an entry is tagged "ngoài phạm vi"', async () => {
    const passport = QaSchema.parse({ id: 'ho-chieu', questions: ['Làm hộ chiếu ở đâu?', 'lam ho chieu o dau'], answer: 'Hộ chiếu do cơ quan xuất nhập cảnh cấp; gọi {hotline}.', tags: ['ngoài phạm vi'] });
    const snapshot = buildSnapshot({ procedures, qa: [...qa, passport], ward, lexicon });
    const a = new Assistant({ knowledge: () => snapshot, sessions: new MemorySessionStore(), links: linkBuilder('') });
    const { reply, matches } = await a.handle({ channel: 'api', userId: 'p', text: 'lam ho chieu o dau' });
    expect(reply.kind).toBe('fallback');
    if (reply.kind !== 'fallback') return;
    expect(reply.reason).toBe('out-of-scope');
    expect(reply.text).toContain('xuất nhập cảnh');
    expect(reply.text).toContain('0123 456 789');
    expect(matches[0]?.id).toBe('ho-chieu');
  });
});
