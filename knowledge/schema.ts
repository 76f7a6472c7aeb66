/**
 * The knowledge base schema ("Kho tri thức số"): the single definition from which the TS types,
 * import/load validation, the HTTP schemas and the admin form are all derived.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang').max(80);
const text = (max: number) => z.string().trim().min(1, 'không được để trống').max(max);

/** Form in which a document must be brought. */
export const DocumentForm = z.enum(['ban-chinh', 'ban-sao', 'ban-sao-chung-thuc', 'xuat-trinh', 'khac']);
export type DocumentForm = z.infer<typeof DocumentForm>;

/** Vietnamese labels for {@link DocumentForm}, used by answer cards and the admin form. */
export const DOCUMENT_FORM_LABELS: Record<DocumentForm, string> = {
  'ban-chinh': 'bản chính',
  'ban-sao': 'bản sao',
  'ban-sao-chung-thuc': 'bản sao có chứng thực',
  'xuat-trinh': 'xuất trình bản chính',
  khac: '',
};

/** One document a citizen must bring or submit. */
export const RequiredDocument = z.object({
  name: text(400),
  form: DocumentForm.default('khac'),
  count: z.number().int().min(1).max(20).default(1),
  note: z.string().trim().max(600).optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

/** How far a procedure can be done online. */
export const OnlineLevel = z.enum(['toan-trinh', 'mot-phan', 'khong']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;
export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, string> = {
  'toan-trinh': 'Nộp trực tuyến toàn trình',
  'mot-phan': 'Nộp trực tuyến một phần (vẫn phải đến nộp/nhận bản giấy)',
  khong: 'Chưa nộp trực tuyến được, phải đến trực tiếp',
};

/** Where a dossier can be submitted. */
export const SubmitChannel = z.enum(['truc-tiep', 'truc-tuyen', 'buu-chinh', 'cong-an-xa', 'vneid']);
export type SubmitChannel = z.infer<typeof SubmitChannel>;

export const EntryStatus = z.enum(['draft', 'published']);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** An administrative procedure (thủ tục hành chính) handled at ward level. */
export const Procedure = z.object({
  id: slug,
  portalCode: z.string().trim().max(60).optional(),
  name: text(300),
  summary: text(600),
  field: text(120),
  level: text(300),
  where: text(1200),
  submitChannels: z.array(SubmitChannel).min(1),
  documents: z.array(RequiredDocument).min(1),
  processingTime: text(600),
  fee: text(800),
  feeFreeCases: z.array(text(300)).default([]),
  steps: z.array(text(600)).default([]),
  legalBasis: z.array(text(300)).default([]),
  portalUrl: z.string().max(1000, 'đường dẫn quá dài (tối đa 1.000 ký tự)').url('đường dẫn cổng dịch vụ công không hợp lệ').regex(/^https?:\/\//, 'đường dẫn phải bắt đầu bằng http(s)://').optional(),
  onlineLevel: OnlineLevel,
  notes: z.array(text(800)).default([]),
  /** Questions as citizens type them: accented, unaccented, abbreviated, colloquial. */
  questions: z.array(text(300)).min(1),
  keywords: z.array(text(80)).default([]),
  status: EntryStatus.default('published'),
  reviewedAt: isoDate,
  effectiveFrom: isoDate.optional(),
});
export type Procedure = z.infer<typeof Procedure>;
export type ProcedureInput = z.input<typeof Procedure>;

/** A question-and-answer entry; general information (office hours, VNeID help…) lives here too. */
export const QaEntry = z.object({
  id: slug,
  procedureId: slug.optional(),
  questions: z.array(text(300)).min(1),
  answer: text(2000),
  tags: z.array(text(60)).default([]),
  status: EntryStatus.default('published'),
  reviewedAt: isoDate.optional(),
});
export type QaEntry = z.infer<typeof QaEntry>;
export type QaEntryInput = z.input<typeof QaEntry>;

/** Ward-specific details, edited in one place; answers fill their placeholders from it. */
export const WardProfile = z.object({
  name: text(120),
  province: text(120),
  centreName: text(200),
  address: text(300),
  hotline: text(40),
  email: z.string().trim().max(120).optional(),
  officeHours: text(400),
  website: z.string().url().optional(),
  /** Template for portal links derived from a procedure code; `{code}` is replaced. */
  portalUrlTemplate: z.string().includes('{code}').default('https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={code}'),
  onlinePortalUrl: z.string().url().default('https://dichvucong.gov.vn'),
});
export type WardProfile = z.infer<typeof WardProfile>;

/** Normalisation data staff can edit: abbreviations expand to phrases, synonym groups match each other. */
export const Lexicon = z.object({
  /** Folded (no-diacritics) abbreviation → expansion in accented Vietnamese. */
  abbreviations: z.record(z.string(), z.string()),
  /** Groups of phrases that mean the same thing in this domain; the first is canonical. */
  synonyms: z.array(z.array(z.string().min(1)).min(2)),
  /** Words that carry no meaning for retrieval. */
  stopwords: z.array(z.string()).default([]),
  /**
   * Words that say what is asked but not about which procedure ("giấy tờ", "bao lâu", "lệ phí"):
   * they count for little in matching, so "đăng ký thường trú cần giấy tờ gì" is about
   * "thường trú", not about whichever entry happens to repeat "giấy tờ".
   */
  weakWords: z.array(z.string()).default([]),
});
export type Lexicon = z.infer<typeof Lexicon>;
