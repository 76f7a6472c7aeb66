import { describe, expect, it } from 'vitest';
import { buildEntries } from '../../knowledge/entries.ts';
import { LexicalRetriever } from '../../knowledge/lexical/lexical-retriever.ts';
import { Analyzer } from '../../knowledge/text/analyzer.ts';
import { lexicon, procedures, qa } from '../support/fixtures.ts';

const retriever = new LexicalRetriever(buildEntries(procedures, qa), new Analyzer(lexicon));
const top = (q: string) => retriever.search(q, 5)[0];

describe('LexicalRetriever', () => {
  it.each([
    ['thủ tục đăng ký khai sinh', 'dang-ky-khai-sinh'],
    ['dang ky khai sinh', 'dang-ky-khai-sinh'],
    ['con moi de lam giay gi', 'dang-ky-khai-sinh'],
    ['bố mất rồi làm giấy chứng tử ở đâu', 'dang-ky-khai-tu'],
    ['nhap khau cho con', 'dang-ky-thuong-tru'],
    ['giờ làm việc', 'gio-lam-viec'],
    ['khai sinh muộn có bị phạt không', 'dang-ky-khai-sinh-qua-han'],
  ])('%s → %s', (q, id) => {
    expect(top(q)?.entryId).toBe(id);
  });

  it('gives high coverage to an on-topic question and low coverage to an off-topic one', () => {
    expect(top('đăng ký khai tử')!.coverage).toBeGreaterThan(0.8);
    const off = top('giá vàng hôm nay bao nhiêu');
    expect(off === undefined || off.coverage < 0.5).toBe(true);
  });

  it('returns nothing for text without any known word', () => {
    expect(retriever.search('lkjasd qwpoei', 5)).toEqual([]);
  });

  it('keeps scores in [0, 1], best first', () => {
    const hits = retriever.search('dang ky khai sinh cho con', 5);
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });
});
