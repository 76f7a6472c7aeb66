/**
 * Vietnamese labels and short help for every content field. The form's structure comes from the
 * zod schemas; only the words staff read live here.
 */
import { DOCUMENT_FORM_LABELS, ONLINE_LEVEL_LABELS } from '../../knowledge/schema.ts';

/** Label and optional help text of one field. */
export interface FieldText {
  label: string;
  help?: string;
  /** Render a long text box instead of a one-line input. */
  long?: boolean;
}

/** Procedure fields (documents sub-fields as "documents.<key>"). */
export const PROCEDURE_TEXT: Record<string, FieldText> = {
  id: { label: 'Mã mục', help: 'Chữ thường không dấu, nối bằng gạch ngang, ví dụ: dang-ky-khai-sinh. Không đổi được sau khi tạo.' },
  portalCode: { label: 'Mã thủ tục trên Cổng Dịch vụ công', help: 'Ví dụ: 1.001193. Có thể để trống.' },
  name: { label: 'Tên thủ tục', help: 'Tên chính thức, như trên Cổng Dịch vụ công.' },
  summary: { label: 'Tóm tắt dễ hiểu', help: '1–2 câu nói thủ tục này để làm gì, dành cho ai.', long: true },
  field: { label: 'Lĩnh vực', help: 'Ví dụ: Hộ tịch, Cư trú. Dùng để lọc và in bảng mã QR.' },
  level: { label: 'Cơ quan giải quyết', long: true },
  where: { label: 'Nơi nộp hồ sơ', long: true },
  submitChannels: { label: 'Cách nộp hồ sơ', help: 'Chọn ít nhất một cách.' },
  documents: { label: 'Giấy tờ cần chuẩn bị', help: 'Mỗi giấy tờ một dòng. Thêm, xoá hoặc đổi thứ tự bằng các nút bên cạnh.' },
  'documents.name': { label: 'Tên giấy tờ' },
  'documents.form': { label: 'Hình thức' },
  'documents.count': { label: 'Số bản' },
  'documents.note': { label: 'Ghi chú' },
  processingTime: { label: 'Thời gian giải quyết', long: true },
  fee: { label: 'Lệ phí', long: true },
  feeFreeCases: { label: 'Trường hợp được miễn lệ phí', help: 'Mỗi trường hợp một dòng.' },
  steps: { label: 'Các bước thực hiện', help: 'Mỗi bước một dòng, theo thứ tự.' },
  legalBasis: { label: 'Căn cứ pháp lý', help: 'Mỗi văn bản một dòng.' },
  portalUrl: { label: 'Đường dẫn nộp trực tuyến', help: 'Bắt đầu bằng https://. Mã QR trên thẻ trả lời dẫn tới đường dẫn này.' },
  onlineLevel: { label: 'Mức độ trực tuyến' },
  notes: { label: 'Lưu ý cho người dân', help: 'Mỗi lưu ý một dòng.' },
  questions: { label: 'Các cách người dân hay hỏi', help: 'Mỗi cách hỏi một dòng: có dấu, không dấu, viết tắt đều được. Càng nhiều cách hỏi, bot càng hiểu đúng.' },
  keywords: { label: 'Từ khoá', help: 'Mỗi từ khoá một dòng.' },
  status: { label: 'Trạng thái', help: 'Bản nháp chưa hiện cho người dân; chọn "Đã công bố" để bot trả lời bằng mục này.' },
  reviewedAt: { label: 'Ngày rà soát gần nhất', help: 'Ngày cán bộ kiểm tra lại nội dung còn đúng.' },
  effectiveFrom: { label: 'Có hiệu lực từ ngày', help: 'Ngày quy định mới bắt đầu áp dụng. Có thể để trống.' },
};

/** Q&A fields. */
export const QA_TEXT: Record<string, FieldText> = {
  id: PROCEDURE_TEXT.id!,
  procedureId: { label: 'Thuộc thủ tục', help: 'Để trống nếu là thông tin chung (giờ làm việc, địa chỉ…).' },
  questions: PROCEDURE_TEXT.questions!,
  answer: { label: 'Câu trả lời', help: 'Có thể dùng {centreName}, {address}, {hotline}, {officeHours}, {wardName}, {onlinePortalUrl}: bot tự điền theo thông tin phường.', long: true },
  tags: { label: 'Nhãn', help: 'Mỗi nhãn một dòng, ví dụ: thông tin chung.' },
  status: PROCEDURE_TEXT.status!,
  reviewedAt: PROCEDURE_TEXT.reviewedAt!,
};

/** Ward profile fields. */
export const WARD_TEXT: Record<string, FieldText> = {
  name: { label: 'Tên phường/xã' },
  province: { label: 'Tỉnh/Thành phố' },
  centreName: { label: 'Tên Trung tâm Phục vụ hành chính công' },
  address: { label: 'Địa chỉ', long: true },
  hotline: { label: 'Số điện thoại đường dây nóng' },
  email: { label: 'Thư điện tử' },
  officeHours: { label: 'Giờ làm việc', long: true },
  website: { label: 'Trang thông tin điện tử của phường' },
  portalUrlTemplate: { label: 'Mẫu đường dẫn thủ tục trên Cổng Dịch vụ công', help: '{code} sẽ được thay bằng mã thủ tục.' },
  onlinePortalUrl: { label: 'Địa chỉ Cổng Dịch vụ công' },
};

/** Labels of enum values, keyed by field path. */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  submitChannels: {
    'truc-tiep': 'Trực tiếp tại Trung tâm',
    'truc-tuyen': 'Trực tuyến (Cổng Dịch vụ công)',
    'buu-chinh': 'Qua bưu chính',
    'cong-an-xa': 'Tại Công an xã/phường',
    vneid: 'Ứng dụng VNeID',
  },
  'documents.form': { ...DOCUMENT_FORM_LABELS, khac: 'Khác / không yêu cầu' },
  onlineLevel: ONLINE_LEVEL_LABELS,
  status: { draft: 'Bản nháp (chưa hiện cho người dân)', published: 'Đã công bố' },
};

/** Short Vietnamese names of the two content kinds. */
export const KIND_LABELS = { procedure: 'Thủ tục', qa: 'Hỏi đáp' } as const;
