// Version history of one entry: each saved version with the fields it changed (before / after)
// and one-click rollback.
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { loadForms } from './entry-edit.js';
import { can } from '../state.js';
import { busy, button, KIND_LABEL, notice, page, toast } from '../ui.js';

const ACTIONS = { save: 'Lưu', delete: 'Xoá' };

/** Readable lines of a field value (lists one line per item, documents as "name · form · n bản · note"). */
export function valueLines(value, enumLabels = {}) {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    return value.map((v) => (v && typeof v === 'object' ? [v.name, enumLabels[v.form] || v.form, v.count ? `${v.count} bản` : '', v.note].filter(Boolean).join(' · ') : String(v)));
  }
  if (typeof value === 'object') return JSON.stringify(value, null, 2).split('\n');
  return [String(value)];
}

/**
 * One side of a change. For lists, lines that exist only on this side are marked (removed on the
 * "before" side, added on the "after" side) so a one-line edit in a long list stands out.
 */
function side(lines, otherLines, mark) {
  if (!lines.length) return h('span', { class: 'muted', text: '(trống)' });
  const other = new Set(otherLines);
  const list = lines.length > 1 || otherLines.length > 1;
  if (!list) return h('div', { class: `diff-line ${mark}` }, lines[0]);
  return h('ul', { class: 'diff-list' }, lines.map((line) => h('li', { class: other.has(line) ? 'same' : mark, text: line })));
}

export async function historyPage(kind, id) {
  const [data, forms] = await Promise.all([api.get(`/entries/${kind}/${id}/history`), loadForms()]);
  const labels = Object.fromEntries(forms.forms[kind].map((f) => [f.key, f.label]));
  const docForms = Object.fromEntries((forms.forms[kind].find((f) => f.key === 'documents')?.itemFields?.find((f) => f.key === 'form')?.options ?? []).map((o) => [o.value, o.label]));
  const slot = h('div', { class: 'slot' });
  const items = data.revisions.map((r, i) => {
    const current = i === 0 && data.exists;
    const restore =
      can('editor') && r.action !== 'delete' && !current
        ? button(data.exists ? 'Khôi phục phiên bản này' : 'Khôi phục mục đã xoá về phiên bản này', (e) =>
            busy(
              e.currentTarget,
              async () => {
                if (!confirm('Đưa nội dung về phiên bản này? Phiên bản hiện tại vẫn được giữ trong lịch sử.')) return;
                await api.post(`/entries/${kind}/${id}/rollback`, { revisionId: r.id });
                toast('Đã khôi phục. Bot dùng nội dung này ngay.');
                await historyPage(kind, id);
              },
              slot,
            ),
          { class: 'rollback', tone: 'primary' })
        : null;
    const changes = r.changes.length
      ? h(
          'table',
          { class: 'table diff' },
          h('thead', {}, h('tr', {}, h('th', { text: 'Mục thay đổi' }), h('th', { text: 'Trước' }), h('th', { text: 'Sau' }))),
          h(
            'tbody',
            {},
            r.changes.map((c) => {
              const before = valueLines(c.before, docForms);
              const after = valueLines(c.after, docForms);
              return h('tr', {}, h('th', { scope: 'row', text: labels[c.field] ?? c.field }), h('td', { class: 'before' }, side(before, after, 'removed')), h('td', { class: 'after' }, side(after, before, 'added')));
            }),
          ),
        )
      : h('p', { class: 'muted', text: 'Không có thay đổi nội dung.' });
    return h(
      'li',
      { class: ['card', 'revision', current ? 'current' : ''], 'data-revision': r.id },
      h('div', { class: 'revision-head' }, h('strong', { text: `Phiên bản #${r.id}` }), ` · ${ACTIONS[r.action] ?? r.action} · ${r.actor} · ${when(r.createdAt)}`, current ? h('span', { class: 'badge badge-ok', text: 'Đang dùng' }) : null, restore),
      r.action === 'delete' ? h('p', { class: 'muted', text: 'Mục đã bị xoá ở phiên bản này.' }) : i === data.revisions.length - 1 ? h('p', { class: 'muted', text: 'Phiên bản đầu tiên.' }) : changes,
    );
  });
  page(
    `Lịch sử: ${KIND_LABEL[kind]} ${id}`,
    'Mỗi lần lưu là một phiên bản. Bảng cho thấy những gì đã đổi so với phiên bản trước đó.',
    h('p', { class: 'crumb' }, data.exists ? h('a', { href: `#/sua/${kind}/${id}`, text: '← Quay lại trang sửa' }) : h('a', { href: '#/noi-dung', text: '← Danh sách nội dung' })),
    slot,
    items.length ? h('ol', { class: 'revisions' }, items) : notice('Chưa có lịch sử cho mục này.', 'info'),
  );
}
