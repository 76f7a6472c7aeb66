/** Small hand-written knowledge used by unit tests, so they do not depend on bundled content. */
import type { Lexicon, Procedure, QaEntry, WardProfile } from '../../knowledge/schema.ts';
import { Lexicon as LexiconSchema, Procedure as ProcedureSchema, QaEntry as QaSchema } from '../../knowledge/schema.ts';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ward: WardProfile = {
  name: 'Phường Thử',
  province: 'Tỉnh Thử',
  centreName: 'Trung tâm Phục vụ hành chính công phường Thử',
  address: 'Số 9 đường Thử',
  hotline: '0123 456 789',
  officeHours: 'Thứ Hai – Thứ Sáu, 7 giờ 30 – 17 giờ',
  portalUrlTemplate: 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={code}',
  onlinePortalUrl: 'https://dichvucong.gov.vn',
};

/** The bundled lexicon: tests exercise the real normalisation data staff will edit. */
export const lexicon: Lexicon = LexiconSchema.parse(JSON.parse(readFileSync(new URL('../../knowledge/data/lexicon.json', import.meta.url), 'utf8')));

const base = {
  level: 'UBND phường',
  where: 'Trung tâm Phục vụ hành chính công phường hoặc nộp trực tuyến.',
  submitChannels: ['truc-tiep', 'truc-tuyen'],
  steps: ['Chuẩn bị giấy tờ', 'Nộp hồ sơ', 'Nhận kết quả'],
  legalBasis: ['Luật Hộ tịch 2014'],
  onlineLevel: 'toan-trinh',
  reviewedAt: '2026-11-01',
  status: 'published',
} as const;

export const procedures: Procedure[] = [
  ProcedureSchema.parse({
    ...base,
    id: 'dang-ky-khai-sinh',
    name: 'Đăng ký khai sinh',
    summary: 'Ghi nhận việc sinh của trẻ vào sổ hộ tịch.',
    field: 'Hộ tịch',
    documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'ban-chinh' }, { name: 'Giấy chứng sinh', form: 'ban-chinh' }],
    processingTime: 'Trong ngày làm việc.',
    fee: 'Miễn lệ phí nếu đăng ký đúng hạn.',
    feeFreeCases: ['Đăng ký đúng hạn'],
    portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193',
    questions: ['Thủ tục đăng ký khai sinh', 'làm giấy khai sinh cho con', 'con mới đẻ làm giấy gì', 'dang ky khai sinh can gi'],
    keywords: ['giấy khai sinh', 'khai sinh'],
  }),
  ProcedureSchema.parse({
    ...base,
    id: 'dang-ky-khai-tu',
    name: 'Đăng ký khai tử',
    summary: 'Ghi nhận việc một người đã mất.',
    field: 'Hộ tịch',
    documents: [{ name: 'Tờ khai đăng ký khai tử', form: 'ban-chinh' }, { name: 'Giấy báo tử', form: 'ban-chinh' }],
    processingTime: 'Trong ngày làm việc.',
    fee: 'Miễn lệ phí nếu đúng hạn.',
    questions: ['Thủ tục đăng ký khai tử', 'người nhà mất thì báo tử ở đâu', 'lam giay chung tu'],
    keywords: ['khai tử', 'giấy chứng tử'],
  }),
  ProcedureSchema.parse({
    ...base,
    id: 'dang-ky-thuong-tru',
    name: 'Đăng ký thường trú',
    summary: 'Đăng ký nơi ở lâu dài (trước đây là nhập hộ khẩu).',
    field: 'Cư trú',
    level: 'Công an phường',
    documents: [{ name: 'Tờ khai thay đổi thông tin cư trú (CT01)', form: 'ban-chinh' }, { name: 'Giấy tờ chứng minh chỗ ở hợp pháp', form: 'ban-sao', count: 2 }],
    processingTime: '7 ngày làm việc.',
    fee: '20.000 đồng; nộp trực tuyến 10.000 đồng.',
    questions: ['Thủ tục đăng ký thường trú', 'nhập hộ khẩu cho vợ', 'chuyen khau ve nha chong'],
    keywords: ['hộ khẩu', 'thường trú'],
  }),
];

export const qa: QaEntry[] = [
  QaSchema.parse({ id: 'gio-lam-viec', questions: ['Giờ làm việc của phường?', 'mấy giờ mở cửa', 'thu bay co lam viec khong'], answer: '{centreName} làm việc: {officeHours}.', tags: ['thông tin chung'] }),
  QaSchema.parse({ id: 'dang-ky-khai-sinh-qua-han', procedureId: 'dang-ky-khai-sinh', questions: ['Khai sinh quá hạn có bị phạt không?', 'khai sinh muon bi phat ko'], answer: 'Không còn bị phạt cảnh cáo.', tags: ['Hộ tịch'] }),
];

/** A fresh temporary directory. */
export function tempDir(prefix = 'smartbot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
