// Dictionary editor: abbreviations ("dk" → "đăng ký"), synonym groups and ignored words.
import { api } from '../api.js';
import { h } from '../dom.js';
import { can } from '../state.js';
import { busy, button, page, toast } from '../ui.js';

export async function lexiconPage() {
  const { lexicon } = await api.get('/settings/lexicon');
  const readOnly = !can('editor');
  const slot = h('div', { class: 'slot' });

  // Abbreviations: one row per pair.
  const abbrRows = h('tbody', { id: 'abbr-rows' });
  const addAbbr = (short = '', full = '') => {
    const row = h(
      'tr',
      {},
      h('td', {}, h('input', { type: 'text', class: 'abbr-short', value: short, 'aria-label': 'Viết tắt', disabled: readOnly, maxlength: 40 })),
      h('td', {}, h('input', { type: 'text', class: 'abbr-full', value: full, 'aria-label': 'Từ đầy đủ', disabled: readOnly, maxlength: 200 })),
      h('td', {}, readOnly ? '' : h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Xoá dòng', title: 'Xoá dòng', onClick: () => row.remove() }, '✕')),
    );
    abbrRows.append(row);
    return row;
  };
  for (const [k, v] of Object.entries(lexicon.abbreviations).sort((a, b) => a[0].localeCompare(b[0]))) addAbbr(k, v);
  const filter = h('input', { type: 'search', id: 'abbr-filter', placeholder: 'Lọc nhanh…', 'aria-label': 'Lọc viết tắt' });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const row of abbrRows.children) row.hidden = !!q && !row.textContent.toLowerCase().includes(q) && ![...row.querySelectorAll('input')].some((i) => i.value.toLowerCase().includes(q));
  });

  // Synonym groups: one input per group, phrases separated by commas.
  const synRows = h('ol', { class: 'list-editor', id: 'syn-rows' });
  const addSyn = (group = []) => {
    const row = h('li', {}, h('input', { type: 'text', class: 'syn-group', value: group.join(', '), 'aria-label': 'Nhóm từ đồng nghĩa', disabled: readOnly }), readOnly ? '' : h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Xoá nhóm', title: 'Xoá nhóm', onClick: () => row.remove() }, '✕'));
    synRows.append(row);
    return row;
  };
  for (const g of lexicon.synonyms) addSyn(g);

  const stop = h('textarea', { id: 'stopwords', rows: 4, disabled: readOnly, value: (lexicon.stopwords ?? []).join(', ') });
  const save = button('Lưu từ điển', undefined, { tone: 'primary', id: 'save-lexicon' });
  save.addEventListener('click', () =>
    busy(
      save,
      async () => {
        const abbreviations = {};
        for (const row of abbrRows.children) {
          const short = row.querySelector('.abbr-short').value.trim();
          const full = row.querySelector('.abbr-full').value.trim();
          if (short && full) abbreviations[short] = full;
        }
        const synonyms = [...synRows.querySelectorAll('.syn-group')].map((i) => i.value.split(',').map((p) => p.trim()).filter(Boolean)).filter((g) => g.length);
        const stopwords = stop.value.split(/[,\n]/).map((w) => w.trim()).filter(Boolean);
        await api.put('/settings/lexicon', { lexicon: { abbreviations, synonyms, stopwords } });
        toast('Đã lưu từ điển. Bot hiểu theo từ điển mới ngay.');
      },
      slot,
    ),
  );

  page(
    'Từ điển viết tắt và từ đồng nghĩa',
    'Giúp bot hiểu cách người dân gõ: viết tắt (dk → đăng ký), từ cùng nghĩa (hộ khẩu = thường trú). Thay đổi có hiệu lực ngay sau khi lưu.',
    slot,
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'Viết tắt' }),
      h('p', { class: 'help', text: 'Cột trái: cách người dân viết tắt (không dấu). Cột phải: từ đầy đủ, có dấu.' }),
      filter,
      h('table', { class: 'table compact' }, h('thead', {}, h('tr', {}, h('th', { text: 'Viết tắt' }), h('th', { text: 'Từ đầy đủ' }), h('th', { text: '' }))), abbrRows),
      readOnly ? null : button('+ Thêm viết tắt', () => addAbbr().querySelector('input').focus(), { class: 'btn-small' }),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'Từ đồng nghĩa' }),
      h('p', { class: 'help', text: 'Mỗi dòng là một nhóm, các cụm từ cách nhau bởi dấu phẩy. Cụm từ đầu tiên là cách gọi chuẩn. Mỗi nhóm cần ít nhất 2 cụm từ.' }),
      synRows,
      readOnly ? null : button('+ Thêm nhóm', () => addSyn().querySelector('input').focus(), { class: 'btn-small' }),
    ),
    h('section', { class: 'card' }, h('h2', { text: 'Từ bỏ qua' }), h('p', { class: 'help', text: 'Những từ không mang nghĩa khi tìm (ví dụ: ạ, nhé, cho em hỏi). Cách nhau bởi dấu phẩy.' }), stop),
    readOnly ? null : h('div', { class: 'actions sticky-actions' }, save),
  );
}
