import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../knowledge/text/analyzer.ts';
import { lexicon } from '../support/fixtures.ts';

const analyzer = new Analyzer(lexicon);
const rewrite = (s: string) => analyzer.rewrite(s).join(' ');

describe('Analyzer', () => {
  it('expands abbreviations and teencode', () => {
    expect(rewrite('ko có gks thì làm cccd dc ko')).toBe('không có giấy khai sinh thì làm căn cước được không');
    expect(rewrite('dkkd o dau')).toContain('đăng ký kinh doanh');
    expect(rewrite('sdt ubnd')).toBe('số điện thoại ủy ban nhân dân');
  });

  it('maps colloquial synonyms to the canonical term, with and without diacritics', () => {
    expect(rewrite('con mới đẻ')).toBe('con sinh');
    expect(rewrite('con moi de')).toBe('con sinh');
    expect(rewrite('giấy chứng tử')).toBe('giấy khai tử');
    expect(rewrite('nhập hộ khẩu')).toBe('thường trú');
    expect(rewrite('xin giay doc than')).toBe('xin tình trạng hôn nhân');
    expect(rewrite('công chứng hợp đồng')).toBe('chứng thực hợp đồng');
  });

  it('expands abbreviations typed with đ', () => {
    expect(rewrite('đk tạm trú')).toBe('đăng ký tạm trú');
    expect(rewrite('sđt phường')).toBe('số điện thoại phường');
  });

  it('weakens a multi-syllable weak phrase only where the whole phrase appears', () => {
    const a = analyzer.analyze('làm căn cước cần gì');
    expect(a.weights[a.terms.indexOf('can')]).toBe(1); // "căn" of căn cước
    const b = analyzer.analyze('khai sinh có mất phí không');
    expect(b.weights[b.terms.indexOf('mat')]).toBeLessThan(1);
    expect(b.weights[b.terms.indexOf('khai')]).toBe(1);
  });

  it('reads "mất bao lâu" as the time question, not as "lost"', () => {
    for (const q of ['khai sinh mất bao lâu', 'khai sinh mat bao lau']) {
      const terms = analyzer.analyze(q).terms;
      expect(terms).not.toContain('mat');
      expect(terms).toContain('bao_lau');
    }
  });

  it('does not rewrite one-syllable synonyms from folded text (để ≠ đẻ)', () => {
    expect(rewrite('de lam gi')).toBe('de lam gi');
    expect(rewrite('để làm gì')).toBe('để làm gì');
  });

  it('produces the same terms for accented and unaccented questions', () => {
    expect(analyzer.analyze('Đăng ký khai sinh cho con').terms).toEqual(analyzer.analyze('dang ky khai sinh cho con').terms);
  });

  it('keeps an unaccented word that is both a stopword and a content word, but weakly', () => {
    const withVocab = new Analyzer(lexicon, ['bản', 'sao', 'tử', 'khai']);
    const plain = withVocab.analyze('ban sao');
    expect(plain.terms).toContain('ban');
    expect(plain.weights[plain.terms.indexOf('ban')]).toBeLessThan(1);
    // An accented content word never inherits the weakness of its folded twin ("tử" vs "từ").
    const accented = withVocab.analyze('khai tử');
    expect(accented.weights[accented.terms.indexOf('tu')]).toBe(1);
    expect(new Analyzer(lexicon).analyze('ban').terms).not.toContain('ban');
  });

  it('trusts a phrase rule that gave an unaccented word its marks', () => {
    const rules = { ...lexicon, synonyms: [['khai tử', 'báo tử']] };
    const withVocab = new Analyzer(rules, ['khai', 'tử']);
    // "tu" alone is ambiguous (từ / tử), but the rule read "khai tu" as "khai tử".
    const a = withVocab.analyze('lam khai tu o dau');
    expect(a.tokens).toContain('tử');
    expect(a.weights[a.terms.indexOf('tu')]).toBe(1);
    expect(a.weights[a.terms.indexOf('khai_tu')]).toBe(1);
    expect(withVocab.analyze('tu').weights[0]).toBeLessThan(1);
  });

  it('emits syllable bigrams and drops stopword unigrams', () => {
    const terms = analyzer.analyze('khai sinh cho con').terms;
    expect(terms).toContain('khai_sinh');
    expect(terms).not.toContain('cho');
  });
});
