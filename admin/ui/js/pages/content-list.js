// "Thủ tục & Hỏi đáp": searchable, filterable list of all entries, with the stale ("Cần rà soát")
// view as a filter.
import { api, qs } from '../api.js';
import { day, h, mount, when } from '../dom.js';
import { can, state } from '../state.js';
import { badge, KIND_LABEL, notice, page, STATUS_LABEL } from '../ui.js';

export function statusBadges(item) {
  return [
    badge(STATUS_LABEL[item.status], item.status === 'published' ? 'ok' : 'draft'),
    item.stale ? badge('Cần rà soát', 'bad') : null,
    item.notYetEffective ? badge(`Hiệu lực từ ${day(item.effectiveFrom)}`, 'info') : null,
  ];
}

export async function contentListPage(query) {
  const filters = { q: query.q ?? '', kind: query.kind ?? '', field: query.field ?? '', status: query.status ?? '', stale: query.stale ?? '' };
  const staleView = filters.stale === '1';
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: 'search', value: filters.q, placeholder: 'Gõ tên thủ tục, câu hỏi hoặc mã…', 'aria-label': 'Tìm kiếm' });
  const kind = h('select', { id: 'filter-kind', 'aria-label': 'Loại', value: filters.kind }, h('option', { value: '', text: 'Tất cả loại' }), h('option', { value: 'procedure', text: 'Thủ tục' }), h('option', { value: 'qa', text: 'Hỏi đáp' }));
  const field = h('select', { id: 'filter-field', 'aria-label': 'Lĩnh vực' }, h('option', { value: '', text: 'Tất cả lĩnh vực' }));
  const status = h('select', { id: 'filter-status', 'aria-label': 'Trạng thái', value: filters.status }, h('option', { value: '', text: 'Mọi trạng thái' }), h('option', { value: 'published', text: 'Đã công bố' }), h('option', { value: 'draft', text: 'Bản nháp' }));
  const stale = h('input', { type: 'checkbox', id: 'filter-stale', checked: staleView });

  const sync = () => {
    const next = { q: search.value.trim(), kind: kind.value, field: field.value, status: status.value, stale: stale.checked ? '1' : '' };
    const hash = `#/noi-dung${qs(next)}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    load(next);
  };
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(sync, 250);
  });
  for (const el of [kind, field, status, stale]) el.addEventListener('change', sync);

  const actions = can('editor')
    ? h('div', { class: 'actions' }, h('a', { class: 'btn btn-primary', href: '#/moi/procedure', text: '+ Thêm thủ tục' }), h('a', { class: 'btn', href: '#/moi/qa', text: '+ Thêm hỏi đáp' }))
    : null;
  const deleted = h('details', { class: 'deleted' }, h('summary', { text: 'Mục đã xoá gần đây (khôi phục từ lịch sử)' }));
  deleted.addEventListener('toggle', () => deleted.open && loadDeleted(deleted), { once: true });

  page(
    staleView ? 'Cần rà soát' : 'Thủ tục & Hỏi đáp',
    staleView
      ? `Các mục đã quá ${state.staleAfterDays} ngày chưa được kiểm tra lại. Mở từng mục, đối chiếu quy định mới nhất, sửa nếu cần rồi bấm "Đánh dấu đã rà soát hôm nay".`
      : 'Toàn bộ nội dung bot dùng để trả lời người dân. Bấm vào tên để sửa.',
    actions,
    h('div', { class: 'filters card' }, h('div', { class: 'search-row' }, search), h('div', { class: 'filter-row' }, kind, field, status, h('label', { class: 'check', for: 'filter-stale' }, stale, ' Chỉ mục cần rà soát'))),
    results,
    deleted,
  );

  async function load(f) {
    const data = await api.get(`/entries${qs(f)}`);
    if (field.options.length === 1) {
      for (const name of data.fields) field.append(h('option', { value: name, text: name }));
      field.value = f.field;
    }
    const summary = h('p', { class: 'summary' }, `Đang hiện ${data.items.length} / ${data.totals.all} mục · `, h('a', { href: '#/noi-dung?stale=1', text: `${data.totals.stale} mục cần rà soát` }), ` · ${data.totals.draft} bản nháp`);
    if (!data.items.length) {
      mount(results, summary, notice(f.stale === '1' ? 'Không có mục nào cần rà soát. Tốt lắm!' : 'Không tìm thấy mục nào khớp.', 'info'));
      return;
    }
    const rows = data.items.map((item) =>
      h(
        'tr',
        {},
        h('td', {}, h('a', { href: `#/sua/${item.kind}/${item.id}`, class: 'entry-link', text: item.title }), h('div', { class: 'muted small', text: item.id })),
        h('td', { text: KIND_LABEL[item.kind] }),
        h('td', { text: item.field }),
        h('td', { class: 'badges' }, statusBadges(item)),
        h('td', { text: item.reviewedAt ? day(item.reviewedAt) : '—' }),
        h('td', { class: 'muted small', text: when(item.updatedAt) }),
      ),
    );
    mount(
      results,
      summary,
      h(
        'table',
        { class: 'table', id: 'entries' },
        h('thead', {}, h('tr', {}, ['Tên thủ tục / câu hỏi', 'Loại', 'Lĩnh vực', 'Trạng thái', 'Rà soát', 'Sửa lần cuối'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, rows),
      ),
    );
  }

  async function loadDeleted(el) {
    const data = await api.get('/entries/deleted');
    el.append(
      data.items.length
        ? h('ul', {}, data.items.map((d) => h('li', {}, h('a', { href: `#/lich-su/${d.kind}/${d.id}`, text: `${KIND_LABEL[d.kind]} ${d.id}` }), ` — xoá bởi ${d.actor}, ${when(d.at)}`)))
        : h('p', { class: 'muted', text: 'Chưa có mục nào bị xoá.' }),
    );
  }

  await load(filters);
}
