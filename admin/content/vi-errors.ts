/**
 * Plain-Vietnamese wording of schema problems for non-developer staff. Messages written in the
 * schema itself ("không được để trống") win; this map covers zod's generic cases.
 */
import type { z } from 'zod';

/** Per-parse zod error map. */
export function viErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  const i = issue as z.core.$ZodRawIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; format?: string; includes?: string; values?: unknown[] };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined || i.input === null || i.input === '' ? 'chưa điền' : 'sai kiểu dữ liệu (ví dụ: chữ ở chỗ cần số)';
    case 'too_small':
      if (i.origin === 'array') return `cần ít nhất ${i.minimum} mục`;
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'không được để trống' : `cần ít nhất ${i.minimum} ký tự`;
      return `phải từ ${i.minimum} trở lên`;
    case 'too_big':
      if (i.origin === 'array') return `nhiều nhất ${i.maximum} mục`;
      if (i.origin === 'string') return `dài quá ${i.maximum} ký tự`;
      return `không được lớn hơn ${i.maximum}`;
    case 'invalid_value':
      return `giá trị không nằm trong danh sách cho phép (${(i.values ?? []).map(String).join(', ')})`;
    case 'invalid_format':
      if (i.format === 'url') return 'đường dẫn không hợp lệ (cần dạng https://…)';
      if (i.format === 'includes') return `phải có "${i.includes}"`;
      if (i.format === 'email') return 'địa chỉ thư điện tử không hợp lệ';
      return 'sai định dạng';
    default:
      return 'không hợp lệ';
  }
}
