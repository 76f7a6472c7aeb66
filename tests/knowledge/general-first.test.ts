import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../knowledge/entries.ts';
import { GeneralFirstRetriever } from '../../knowledge/general-first.ts';
import type { RetrievalHit, Retriever } from '../../knowledge/retriever.ts';
import { Analyzer } from '../../knowledge/text/analyzer.ts';
import { lexicon } from '../support/fixtures.ts';

const entry = (id: string, title: string, kind: KnowledgeEntry['kind'] = 'procedure'): KnowledgeEntry => ({
  id, kind, title, procedureId: kind === 'procedure' ? id : null, questions: [], keywords: [], body: '', tags: [],
});
const entries = new Map([
  entry('ket-hon', 'Đăng ký kết hôn'),
  entry('lai-ket-hon', 'Đăng ký lại kết hôn'),
  entry('ket-hon-nuoc-ngoai', 'Đăng ký kết hôn có yếu tố nước ngoài'),
  entry('mat-giay', 'Mất giấy kết hôn thì làm sao?', 'qa'),
].map((e) => [e.id, e]));

/** A retriever that returns fixed scores, standing in for lexical/hybrid ranking. */
const fixed = (scores: Array<[string, number, number?]>): Retriever => ({
  name: 'fixed',
  search: async () => scores.map(([entryId, score, coverage = 1]): RetrievalHit => ({ entryId, score, coverage })),
});
const rank = (scores: Array<[string, number, number?]>, question: string) =>
  new GeneralFirstRetriever(fixed(scores), entries, new Analyzer(lexicon)).search(question, 5).then((h) => h.map((x) => [x.entryId, x.score]));

describe('GeneralFirstRetriever', () => {
  it('puts the general procedure first when the question lacks the specific one\'s extra title words', async () => {
    expect(await rank([['lai-ket-hon', 0.62], ['ket-hon', 0.6]], 'kết hôn mất bao lâu')).toEqual([['ket-hon', 0.62], ['lai-ket-hon', 0.6]]);
    expect(await rank([['ket-hon-nuoc-ngoai', 0.5], ['lai-ket-hon', 0.49], ['ket-hon', 0.48]], 'dang ky ket hon can gi')).toEqual([['ket-hon', 0.5], ['lai-ket-hon', 0.49], ['ket-hon-nuoc-ngoai', 0.48]]);
  });

  it('keeps the specific procedure when the question names it', async () => {
    expect(await rank([['lai-ket-hon', 0.62], ['ket-hon', 0.6]], 'đăng ký lại kết hôn mất bao lâu')).toEqual([['lai-ket-hon', 0.62], ['ket-hon', 0.6]]);
    expect(await rank([['ket-hon-nuoc-ngoai', 0.62], ['ket-hon', 0.6]], 'kết hôn với người nước ngoài')).toEqual([['ket-hon-nuoc-ngoai', 0.62], ['ket-hon', 0.6]]);
  });

  it('keeps the specific procedure when it explains more of the question', async () => {
    // e.g. "cắt hộ khẩu cho bố đã mất": no "xóa", but only the removal procedure fits its words.
    expect(await rank([['lai-ket-hon', 0.62, 0.9], ['ket-hon', 0.6, 0.6]], 'kết hôn mất bao lâu')).toEqual([['lai-ket-hon', 0.62], ['ket-hon', 0.6]]);
  });

  it('keeps a clearly better specific match, and never reorders Q&A answers', async () => {
    expect(await rank([['lai-ket-hon', 0.7], ['ket-hon', 0.5]], 'kết hôn mất bao lâu')).toEqual([['lai-ket-hon', 0.7], ['ket-hon', 0.5]]);
    expect(await rank([['mat-giay', 0.62], ['ket-hon', 0.6]], 'mất giấy kết hôn')).toEqual([['mat-giay', 0.62], ['ket-hon', 0.6]]);
  });
});
