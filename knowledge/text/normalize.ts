/**
 * Vietnamese text normalisation as citizens type it: Unicode forms, tone-mark placement, case,
 * punctuation, emoji and stretched letters. Pure functions, no I/O.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu;
// Anything that is not a letter or a digit separates words ("đăng-ký", "k/s", "khai_sinh?").
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// Stretched typing ("khôngggg", "điiii", "nhaaa"): three or more of one vowel anywhere, or of one
// consonant at the end of a word, become one. Two are kept (xoong, boong), and consonant runs
// inside a word are left alone because abbreviations have them ("cccd", "dddt").
const STRETCHED_VOWEL = /([aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])\1{2,}/gu;
const STRETCHED_FINAL = /(\p{L})\1{2,}(?![\p{L}])/gu;

/**
 * "i" and "y" alternate in a few syllables ("kí"/"ký", "lí"/"lý", "qui"/"quy", "mĩ"/"mỹ"); the y
 * spelling is canonical so both meet.
 */
const I_TO_Y: Record<string, string> = { i: 'y', ì: 'ỳ', í: 'ý', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };
const I_SYLLABLE = /(?<![\p{L}])(k|l|m|qu)([iìíỉĩị])(?![\p{L}])/gu;

/**
 * Old-style tone placement ("hòa", "thúy") is the canonical form here. New-style typing puts the
 * mark on the second vowel of an open syllable ("hoà", "thuý"); after "q" or "gi" the first vowel
 * belongs to the consonant, so "quý" and "giá" are already right and must not move.
 */
const TONE_MOVES: Array<[RegExp, string[], string[]]> = [
  [/(?<![q])o([àáảãạ])(?![\p{L}])/gu, ['à', 'á', 'ả', 'ã', 'ạ'], ['ò', 'ó', 'ỏ', 'õ', 'ọ']],
  [/(?<![q])o([èéẻẽẹ])(?![\p{L}])/gu, ['è', 'é', 'ẻ', 'ẽ', 'ẹ'], ['ò', 'ó', 'ỏ', 'õ', 'ọ']],
  [/(?<![q])u([ỳýỷỹỵ])(?![\p{L}])/gu, ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'], ['ù', 'ú', 'ủ', 'ũ', 'ụ']],
];
const BASE_AFTER_MOVE: Record<string, string> = { à: 'a', á: 'a', ả: 'a', ã: 'a', ạ: 'a', è: 'e', é: 'e', ẻ: 'e', ẽ: 'e', ẹ: 'e', ỳ: 'y', ý: 'y', ỷ: 'y', ỹ: 'y', ỵ: 'y' };

/** Moves new-style tone marks to the old-style position so both spellings compare equal. */
export function canonicalToneMarks(text: string): string {
  let out = text;
  for (const [pattern, from, to] of TONE_MOVES) {
    out = out.replace(pattern, (_m, marked: string) => `${to[from.indexOf(marked)]}${BASE_AFTER_MOVE[marked]}`);
  }
  return out;
}

/** Removes diacritics: "Đăng ký khai sinh" → "dang ky khai sinh". Input case is kept. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** True when the text carries any Vietnamese diacritic. */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text;
}

/**
 * Canonical accented form: NFC, lower case, canonical tone marks, no emoji or punctuation,
 * stretched letters collapsed, single spaces.
 */
export function normalizeText(text: string): string {
  const lowered = text.normalize('NFC').toLowerCase().replace(EMOJI, ' ');
  const words = lowered.replace(NON_WORD, ' ').replace(STRETCHED_VOWEL, '$1').replace(STRETCHED_FINAL, '$1');
  return canonicalToneMarks(words)
    .replace(I_SYLLABLE, (_m, onset: string, vowel: string) => `${onset}${I_TO_Y[vowel]}`)
    .trim()
    .replace(/\s+/g, ' ');
}

/** Splits normalised text into syllables (Vietnamese writes one syllable per space-separated token). */
export function syllables(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}
