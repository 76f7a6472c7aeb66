/**
 * Vietnamese text canonicalisation for the builtin embedder. Implemented here rather than
 * imported from knowledge/ because embeddings sits below knowledge in the dependency order.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** NFC + lowercase: one spelling for the same accented text, whatever the keyboard produced. */
export function canonicalize(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * Accent-insensitive form: NFD, drop combining marks (U+0300–U+036F), đ→d, lowercase.
 * Citizens often type without diacritics ("dang ky khai sinh"); folding makes that text meet
 * its accented twin.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits canonical text into syllables (runs of letters/digits); Vietnamese writes one per word. */
export function syllables(text: string): string[] {
  return text.match(WORD) ?? [];
}
