// Audit log: every change with who, when and the value before and after.
import { api, qs } from '../api.js';
import { h, when } from '../dom.js';
import { page } from '../ui.js';

const TYPES = { '': 'Tất cả', procedure: 'Thủ tục', qa: 'Hỏi đáp', ward: 'Thông tin phường', lexicon: 'Từ điển', user: 'Người dùng', secret: 'Thông số kênh', inbox: 'Hộp câu hỏi' };
const ACTIONS = { create: 'Tạo', update: 'Sửa', delete: 'Xoá', rollback: 'Khôi phục', import: 'Nhập tệp', login: 'Đăng nhập', password: 'Đổi mật khẩu', 'add-question': 'Thêm cách hỏi', reviewed: 'Rà soát', ignore: 'Bỏ qua', 'update+password': 'Sửa + đặt lại mật khẩu' };

export async function auditPage(query) {
  const offset = Number(query.offset) || 0;
  const { items } = await api.get(`/audit${qs({ entityType: query.type, offset })}`);
  const type = h('select', { id: 'audit-type', 'aria-label': 'Loại', value: query.type ?? '' }, Object.entries(TYPES).map(([v, l]) => h('option', { value: v, text: l })));
  type.addEventListener('change', () => (location.hash = `#/nhat-ky${qs({ type: type.value })}`));
  const json = (v) => (v === null || v === undefined ? h('span', { class: 'muted', text: '—' }) : h('details', {}, h('summary', { text: 'Xem' }), h('pre', { text: JSON.stringify(v, null, 2) })));
  page(
    'Nhật ký thay đổi',
    'Mọi thay đổi đều được ghi lại: ai, lúc nào, thay đổi gì.',
    h('div', { class: 'filters card' }, h('label', { class: 'label', for: 'audit-type', text: 'Loại' }), type),
    h(
      'table',
      { class: 'table', id: 'audit' },
      h('thead', {}, h('tr', {}, ['Lúc', 'Người', 'Việc', 'Mục', 'Trước', 'Sau'].map((t) => h('th', { text: t })))),
      h('tbody', {}, items.map((a) => h('tr', {}, h('td', { text: when(a.at) }), h('td', { text: a.actor }), h('td', { text: ACTIONS[a.action] ?? a.action }), h('td', { text: `${TYPES[a.entityType] ?? a.entityType}: ${a.entityId}` }), h('td', {}, json(a.before)), h('td', {}, json(a.after))))),
    ),
    h('p', { class: 'actions' }, offset > 0 ? h('a', { class: 'btn', href: `#/nhat-ky${qs({ type: query.type, offset: Math.max(0, offset - 100) })}`, text: '← Mới hơn' }) : null, items.length === 100 ? h('a', { class: 'btn', href: `#/nhat-ky${qs({ type: query.type, offset: offset + 100 })}`, text: 'Cũ hơn →' }) : null),
  );
}
