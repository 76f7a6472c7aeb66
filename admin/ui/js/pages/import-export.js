// Import (dry-run report first, then apply) and export / template downloads.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { can } from '../state.js';
import { badge, busy, button, notice, page, toast } from '../ui.js';

const RESULT = {
  new: ['Mới', 'ok'],
  changed: ['Thay đổi', 'info'],
  unchanged: ['Không đổi', 'neutral'],
  invalid: ['Lỗi — bỏ qua', 'bad'],
  skipped: ['Dòng ví dụ — bỏ qua', 'neutral'],
};

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function downloads() {
  const link = (href, text) => h('li', {}, h('a', { href, download: '', text }));
  return h(
    'section',
    { class: 'card' },
    h('h2', { text: 'Tải về' }),
    h('div', { class: 'columns' },
      h('div', {}, h('h3', { text: 'Toàn bộ nội dung hiện có' }), h('ul', { class: 'links' }, link('/admin/api/export?format=xlsx', 'Excel (.xlsx) — cả thủ tục và hỏi đáp'), link('/admin/api/export?format=csv&kind=procedure', 'CSV — thủ tục'), link('/admin/api/export?format=csv&kind=qa', 'CSV — hỏi đáp'), link('/admin/api/export?format=json', 'JSON — để sao lưu'))),
      h('div', {}, h('h3', { text: 'Tệp mẫu để điền' }), h('ul', { class: 'links' }, link('/admin/api/export/template?format=xlsx', 'Mẫu Excel (có trang "Hướng dẫn")'), link('/admin/api/export/template?format=csv&kind=procedure', 'Mẫu CSV — thủ tục'), link('/admin/api/export/template?format=csv&kind=qa', 'Mẫu CSV — hỏi đáp')))),
  );
}

export function importExportPage() {
  const report = h('div', { id: 'import-report' });
  const slot = h('div', { class: 'slot' });
  const file = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,.csv,.json' });
  const check = button('Kiểm tra tệp (chưa nhập)', undefined, { tone: 'primary', id: 'dry-run', type: 'submit' });

  const importCard = can('editor')
    ? h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Nhập từ tệp' }),
        h('ol', { class: 'steps' }, h('li', { text: 'Tải tệp mẫu hoặc xuất nội dung hiện có, sửa trong Excel.' }), h('li', { text: 'Chọn tệp rồi bấm "Kiểm tra tệp": hệ thống cho biết dòng nào mới, dòng nào thay đổi, dòng nào lỗi và vì sao. Chưa có gì thay đổi ở bước này.' }), h('li', { text: 'Xem báo cáo, rồi bấm "Nhập" để áp dụng các dòng hợp lệ. Dòng lỗi được bỏ qua; sửa tệp rồi nhập lại sau.' })),
        h(
          'form',
          {
            class: 'inline-form',
            onSubmit: (e) => {
              e.preventDefault();
              const chosen = file.files?.[0];
              if (!chosen) {
                slot.replaceChildren(notice('Hãy chọn một tệp .xlsx, .csv hoặc .json.', 'error'));
                return;
              }
              busy(
                check,
                async () => {
                  const data = await api.post('/import/dry-run', { fileName: chosen.name, dataBase64: toBase64(await chosen.arrayBuffer()) });
                  showReport(data);
                },
                slot,
              );
            },
          },
          h('label', { for: 'import-file', class: 'label', text: 'Tệp cần nhập' }),
          file,
          check,
        ),
        slot,
        report,
      )
    : notice('Bạn có thể tải nội dung về. Việc nhập nội dung cần quyền biên tập.', 'info');

  page('Nhập / Xuất', 'Sửa hàng loạt trong Excel rồi nhập lại, hoặc tải nội dung về để lưu trữ và báo cáo.', importCard, downloads());

  function showReport(data) {
    const writable = data.counts.new + data.counts.changed;
    const apply = button(writable ? `Nhập ${writable} mục hợp lệ` : 'Không có gì để nhập', undefined, { tone: 'primary', id: 'apply-import', disabled: !writable });
    apply.addEventListener('click', () =>
      busy(
        apply,
        async () => {
          const r = await api.post('/import/apply', { token: data.token });
          toast(`Đã nhập ${r.written} mục. Bot dùng nội dung mới ngay.`);
          mount(report, notice(`Đã nhập ${r.written} mục.${data.counts.invalid ? ` ${data.counts.invalid} dòng lỗi đã bị bỏ qua.` : ''}`, 'ok'));
        },
        slot,
      ),
    );
    const rows = data.rows.map((r) => {
      const [label, tone] = RESULT[r.status];
      const details = [
        ...r.errors.map((e) => h('li', { class: 'error-line', text: e })),
        r.changedFields.length ? h('li', { text: `Thay đổi: ${r.changedFields.join(', ')}` }) : null,
        ...r.warnings.map((w) => h('li', { class: 'warn-line', text: w })),
      ].filter(Boolean);
      return h('tr', { class: `row-${r.status}` }, h('td', { text: r.source }), h('td', { text: r.id || '—' }), h('td', { text: r.title || '' }), h('td', {}, badge(label, tone)), h('td', {}, details.length ? h('ul', { class: 'details' }, details) : ''));
    });
    mount(
      report,
      h('h3', { text: 'Báo cáo kiểm tra' }),
      h('p', { class: 'counts' }, badge(`${data.counts.new} mới`, 'ok'), ' ', badge(`${data.counts.changed} thay đổi`, 'info'), ' ', badge(`${data.counts.unchanged} không đổi`, 'neutral'), ' ', badge(`${data.counts.invalid} lỗi`, data.counts.invalid ? 'bad' : 'neutral')),
      data.fileNotes.length ? notice(data.fileNotes.join(' '), 'warn') : null,
      h('table', { class: 'table', id: 'import-table' }, h('thead', {}, h('tr', {}, ['Dòng', 'Mã', 'Tên / câu hỏi', 'Kết quả', 'Chi tiết'].map((t) => h('th', { scope: 'col', text: t })))), h('tbody', {}, rows)),
      h('div', { class: 'actions' }, apply),
    );
  }
}
