/**
 * Masks citizens' personal data before anything is logged or stored: citizen ID numbers (CCCD,
 * 12 digits; old CMND, 9 digits), phone numbers and e-mail addresses.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Up to three separators between digits: "0912 - 345 - 678", "+84 (912) 345 678".
const SEP = '[\\s.\\-()]{0,3}';
// Phone numbers: +84 / 84 / 0 followed by 9 digits (mobile) or 10 (landline with area code).
const PHONE = new RegExp(`(?<![\\d])(?:\\+?84|0)(?:${SEP}\\d){9,10}(?![\\d])`, 'g');
// Any other run of 9–12 digits (CCCD, CMND, BHYT-like numbers), separators allowed.
const ID_NUMBER = new RegExp(`(?<![\\d])\\d(?:${SEP}\\d){8,11}(?![\\d])`, 'g');

/** Keeps the last `keep` digits so staff can still tell two numbers apart. */
function maskDigits(match: string, keep: number): string {
  const digits = match.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - keep))}${digits.slice(-keep)}`;
}

/** Returns the text with personal identifiers masked. */
export function maskPersonalData(text: string): string {
  // NFKC turns full-width digits and odd spaces into plain ones, so they cannot slip past.
  return text
    .normalize('NFKC')
    .replace(EMAIL, '[email]')
    .replace(PHONE, (m) => maskDigits(m, 3))
    .replace(ID_NUMBER, (m) => maskDigits(m, 2));
}
