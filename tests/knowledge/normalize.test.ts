import { describe, expect, it } from 'vitest';
import { canonicalToneMarks, fold, hasDiacritics, normalizeText } from '../../knowledge/text/normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['Hoà Bình', 'hòa bình'],
    ['THUÝ', 'thúy'],
    ['khoẻ', 'khỏe'],
    ['thoả thuận', 'thỏa thuận'],
    ['quý khách', 'quý khách'], // "qu" keeps the mark on y
    ['hoàn thành', 'hoàn thành'], // closed syllable: nothing moves
    ['Khôngggg đc!!! 😀🙏', 'không đc'],
    ['đăng-ký   khai_sinh?', 'đăng ký khai sinh'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('treats decomposed (NFD) input like composed input', () => {
    expect(normalizeText('Khai sinh'.normalize('NFD'))).toBe(normalizeText('Khai sinh'));
    expect(normalizeText('đăng ký'.normalize('NFD'))).toBe('đăng ký');
  });

  it('returns an empty string for punctuation and emoji only', () => {
    expect(normalizeText('?!… 😀 👍')).toBe('');
  });
});

describe('fold', () => {
  it('removes every diacritic including đ', () => {
    expect(fold('Đăng ký khai tử ở đâu')).toBe('Dang ky khai tu o dau');
    expect(hasDiacritics('dang ky')).toBe(false);
    expect(hasDiacritics('đăng ký')).toBe(true);
  });

  it('makes both tone placements fold the same', () => {
    expect(fold(canonicalToneMarks('hoà'))).toBe(fold('hòa'));
  });
});

describe('normalizeText spelling variants', () => {
  it.each([
    ['cccd', 'cccd'], // consonant runs inside a word are abbreviations, not stretched typing
    ['dddt', 'dddt'],
    ['nhaaaa', 'nha'],
    ['đăng kí khai sinh', 'đăng ký khai sinh'],
    ['li hôn', 'ly hôn'],
    ['qui định', 'quy định'],
    ['kinh doanh', 'kinh doanh'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
