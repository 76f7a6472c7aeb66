import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { createVectorEnhancer } from '../../bot/vector-setup.ts';
import { tempDir } from '../support/fixtures.ts';

const open: AppHandle[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function start(dataDir: string, log: string[]) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RETRIEVER: 'hybrid' });
  const handle = await buildApp(config, { enhance: createVectorEnhancer(config, (m) => log.push(m)) });
  open.push(handle);
  return handle;
}
const ask = (h: AppHandle, text: string, userId = `u${Math.random()}`) => h.assistant.handle({ channel: 'api', userId, text });

describe('hybrid retrieval in the running app', () => {
  it('answers colloquial questions with lexical and vector evidence fused', async () => {
    const h = await start(tempDir(), []);
    expect(h.runtime.snapshot().retriever.name).toBe('hybrid');
    const res = await ask(h, 'con moi de lam giay gi');
    expect(res.reply.kind).toBe('answer');
    expect(res.matches[0]?.procedure).toMatch(/khai sinh/i);
    const hits = await h.runtime.snapshot().retriever.search('vợ mới sinh em bé cần làm giấy gì', 3);
    expect(hits[0]).toMatchObject({ lexical: expect.any(Number), vector: expect.any(Number) });
    expect(hits[0]!.vector!).toBeGreaterThan(0);
  });

  it('looks past formal letter openings and other filler to the procedure asked about', async () => {
    const h = await start(tempDir(), []);
    for (const text of [
      'Kính gửi quý cơ quan, cho tôi hỏi làm khai tử cho người thân thì hồ sơ gồm những gì ạ',
      'kinh gui quy co quan, cho toi hoi lam khai tu cho nguoi than thi ho so gom nhung gi a',
    ]) {
      const res = await ask(h, text);
      expect(res.reply.kind, text).toBe('answer');
      expect(res.matches[0]?.procedure, text).toMatch(/khai tử/i);
    }
    // "mất" here is the time the procedure takes, and "lại" (re-registration) was not asked for.
    for (const [text, procedure] of [['kết hôn mất bao lâu', /^Đăng ký kết hôn$/], ['khai sinh mất bao lâu', /^Đăng ký khai sinh$/]] as const) {
      expect((await ask(h, text)).matches[0]?.procedure, text).toMatch(procedure);
    }
    const hotline = await ask(h, 'xin số tổng đài của phường');
    expect(hotline.reply.kind).toBe('answer');
    expect(hotline.matches[0]?.id).toBe('hotline');
  });

  it('reuses the persisted vector index on restart instead of re-embedding', async () => {
    const dir = tempDir();
    const first: string[] = [];
    await (await start(dir, first)).close();
    open.pop();
    expect(first.some((l) => l.startsWith('Chỉ mục vector: nhúng'))).toBe(true);
    const second: string[] = [];
    await start(dir, second);
    expect(second.join('\n')).not.toContain('dựng lại chỉ mục');
    expect(second.some((l) => l.startsWith('Chỉ mục vector: nhúng'))).toBe(false);
  });

  it('applies a staff edit incrementally: the next question sees it, without retraining', async () => {
    const log: string[] = [];
    const h = await start(tempDir(), log);
    const before = await ask(h, 'đăng ký nuôi chim yến trong nhà phố');
    expect(before.reply.kind).toBe('fallback');
    h.store.upsertQa({ id: 'nuoi-chim-yen', questions: ['Nuôi chim yến trong nhà phố có phải đăng ký không?', 'nuoi chim yen can xin phep gi'], answer: 'Bạn liên hệ bộ phận kinh tế của phường để được hướng dẫn.', tags: ['thông tin chung'], status: 'published' });
    await h.runtime.settled();
    const after = await ask(h, 'đăng ký nuôi chim yến trong nhà phố');
    expect(after.reply.kind).toBe('answer');
    expect(after.matches[0]?.id).toBe('nuoi-chim-yen');
    expect(log.at(-1)).toMatch(/nhúng 2, xoá 0/);
    expect(log.filter((l) => l.startsWith('Bộ nhúng đang dùng'))).toHaveLength(1);
    h.store.deleteQa('nuoi-chim-yen');
    await h.runtime.settled();
    expect(log.at(-1)).toMatch(/nhúng 0, xoá 2/);
    expect((await ask(h, 'đăng ký nuôi chim yến trong nhà phố')).reply.kind).toBe('fallback');
  });
});
