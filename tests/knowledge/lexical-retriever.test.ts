import { describe, expect, it } from 'vitest';
import { buildEntries, type KnowledgeEntry } from '../../knowledge/entries.ts';
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

describe('LexicalRetriever on a large index (phrasings nominate candidates)', () => {
  const entry = (id: string, questions: string[], body: string, keywords: string[] = []): KnowledgeEntry => ({
    id, kind: 'qa', title: questions[0]!, procedureId: null, questions, keywords, body, tags: [],
  });
  const entries = [
    entry('phrased', ['xin giấy xác nhận tình trạng hôn nhân'], 'Mang căn cước.'),
    entry('body-only', ['hỏi về lệ phí chung'], 'Người cao tuổi xin xác nhận tình trạng hôn nhân không phải nộp lệ phí.'),
    entry('keyword-only', ['hỏi về nơi nộp'], 'Nộp tại bộ phận một cửa.', ['quầy tiếp dân']),
  ];
  const analyzer = new Analyzer(lexicon);
  const exact = new LexicalRetriever(entries, analyzer);
  const large = new LexicalRetriever(entries, analyzer, { phrasingsNominateAbove: 0 });
  const ids = (hits: { entryId: string }[]) => hits.map((h) => h.entryId);

  it('does not let a body-only match become a candidate once phrasings found some', () => {
    expect(ids(exact.search('xác nhận tình trạng hôn nhân', 5))).toContain('body-only');
    expect(ids(large.search('xác nhận tình trạng hôn nhân', 5))).toEqual(['phrased']);
  });

  it('still answers from keywords or body when no phrasing matches', () => {
    expect(ids(large.search('quầy tiếp dân', 5))).toEqual(['keyword-only']);
    expect(ids(large.search('người cao tuổi', 5))).toEqual(['body-only']);
  });

  it('gives entries a caller asks about (vector candidates) their keyword and body evidence', () => {
    const asked = large.searchWith('xác nhận tình trạng hôn nhân', 5, ['body-only']).also.get('body-only');
    const reference = exact.scoreEntries('xác nhận tình trạng hôn nhân', ['body-only']).get('body-only');
    expect(asked!.score).toBeGreaterThan(0);
    expect(asked!.score).toBeCloseTo(reference!.score, 10);
  });
});
