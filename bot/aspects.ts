/**
 * Detects which part of a procedure a question asks about ("mất bao lâu?" → time), working on
 * folded text so "mat bao lau" and "mất bao lâu" agree.
 */
import type { Aspect } from './reply.ts';

/** Folded phrases per aspect; checked as whole-word substrings of the folded question. */
const ASPECT_PHRASES: Record<Aspect, string[]> = {
  documents: ['giay to', 'ho so', 'can gi', 'can nhung gi', 'mang gi', 'mang theo', 'chuan bi gi', 'chuan bi nhung', 'thanh phan', 'can mang', 'nop gi', 'giay gi'],
  fee: ['le phi', 'phi', 'bao nhieu tien', 'mat tien', 'ton tien', 'ton bao nhieu', 'mien phi', 'chi phi', 'tien', 'tra tien', 'dong tien'],
  time: ['bao lau', 'may ngay', 'thoi gian', 'thoi han', 'khi nao co', 'bao gio co', 'bao gio lay', 'khi nao lay', 'lau khong', 'lau ko', 'may hom', 'trong ngay', 'lay ngay', 'co ngay', 'nhanh khong', 'nhanh ko'],
  where: ['o dau', 'nop dau', 'cho nao', 'noi nao', 'dia diem', 'den dau', 'lam dau', 'nop o', 'o cho', 'dia chi'],
  online: ['truc tuyen', 'online', 'qua mang', 'tren mang', 'dich vu cong', 'tai nha', 'nop mang', 'tren dien thoai', 'vneid', 'dinh danh dien tu'],
  legal: ['can cu', 'luat nao', 'nghi dinh', 'van ban phap', 'quy dinh nao', 'co so phap ly', 'thong tu'],
  steps: ['cac buoc', 'quy trinh', 'trinh tu', 'lam the nao', 'lam sao', 'lam nhu the nao', 'thu tuc nhu the nao'],
};

// Time questions win over fee ones when both appear ("mất bao lâu" contains no fee words, but
// "mất bao nhiêu tiền" does) — order matters only for ties.
const ORDER: Aspect[] = ['fee', 'time', 'online', 'where', 'documents', 'legal', 'steps'];

/** Finds every aspect phrase in folded text; returns aspects in priority order. */
export function detectAspects(folded: string): Aspect[] {
  const padded = ` ${folded} `;
  return ORDER.filter((aspect) => ASPECT_PHRASES[aspect].some((p) => padded.includes(` ${p} `)));
}

/** Removes aspect phrases from folded text, leaving the words that name a topic. */
export function stripAspectPhrases(folded: string): string {
  let padded = ` ${folded} `;
  const all = Object.values(ASPECT_PHRASES).flat().sort((a, b) => b.length - a.length);
  for (const p of all) padded = padded.split(` ${p} `).join(' ');
  return padded.trim().replace(/\s+/g, ' ');
}

/**
 * Folded words that name no topic on their own: after removing aspect phrases, a question made
 * only of these ("nộp được không?") is a follow-up about the current procedure.
 */
const GENERIC_WORDS = new Set(
  'nop thu tuc mat ton het la bao nhieu can duoc khong ko co lam xin giay to cho minh toi the nao vay a thi phai nhu ra sao khi nay do cai viec di den roi chua con nua them hoi muon biet vui long giup em anh chi ban a oi nhe nha va voi hay hoac ha o dau gi'.split(' '),
);

/** True when none of the folded words names a topic. */
export function onlyGenericWords(folded: string): boolean {
  return folded.split(' ').filter(Boolean).every((w) => GENERIC_WORDS.has(w));
}

/** Vietnamese follow-up prompts per aspect, offered as tappable suggestions. */
export const ASPECT_PROMPTS: Record<Aspect, string> = {
  documents: 'Cần giấy tờ gì?',
  fee: 'Lệ phí bao nhiêu?',
  time: 'Mất bao lâu?',
  where: 'Nộp ở đâu?',
  online: 'Nộp trực tuyến được không?',
  legal: 'Căn cứ pháp lý?',
  steps: 'Các bước thực hiện?',
};
