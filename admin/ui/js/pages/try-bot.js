// "Thử bot": ask like a citizen and see the reply plus why the bot chose it.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { badge, busy, button, page } from '../ui.js';

const KIND = { answer: ['Trả lời', 'ok'], choices: ['Đưa lựa chọn', 'info'], fallback: ['Chưa trả lời được', 'bad'] };

const meter = (value, label) => (value === null || value === undefined ? h('span', { class: 'muted', text: '—' }) : h('span', { class: 'score' }, h('meter', { min: 0, max: 1, value, 'aria-label': label }), ` ${value.toFixed(2)}`));

export function tryBotPage(query = {}) {
  const input = h('textarea', { id: 'try-text', rows: 2, maxlength: 2000, placeholder: 'Ví dụ: làm giấy khai sinh cho con cần gì' });
  const ask = button('Hỏi bot', undefined, { tone: 'primary', type: 'submit', id: 'try-ask' });
  const out = h('div', { id: 'try-result', 'aria-live': 'polite' });
  const slot = h('div', { class: 'slot' });
  const send = (text) => {
    input.value = text;
    return busy(ask, async () => show(await api.post('/try', { text })), slot);
  };

  page(
    'Thử bot',
    'Gõ câu hỏi như người dân vẫn hỏi (có dấu hay không dấu đều được). Kết quả cho biết bot trả lời gì và vì sao. Các câu hỏi thử không tính vào báo cáo.',
    h(
      'form',
      {
        class: 'card try-form',
        onSubmit: (e) => {
          e.preventDefault();
          if (input.value.trim()) send(input.value.trim());
        },
      },
      h('label', { for: 'try-text', class: 'label', text: 'Câu hỏi' }),
      input,
      h('div', { class: 'actions' }, ask, button('Bắt đầu hội thoại mới', async () => {
        await api.post('/try/reset');
        mount(out);
      })),
    ),
    slot,
    out,
  );
  if (query.q) send(query.q);

  function show(r) {
    const [label, tone] = KIND[r.reply.kind] ?? [r.reply.kind, 'neutral'];
    const extras = [];
    if (r.reply.kind === 'choices') extras.push(h('ol', { class: 'choices' }, r.reply.choices.map((c) => h('li', {}, h('button', { type: 'button', class: 'btn btn-small', onClick: () => send(c.label) }, c.label)))));
    if (r.reply.suggestions?.length) extras.push(h('p', { class: 'chips' }, 'Gợi ý: ', r.reply.suggestions.map((sug) => h('button', { type: 'button', class: 'btn btn-small chip', onClick: () => send(sug) }, sug))));
    if (r.reply.links?.length) extras.push(h('ul', { class: 'links' }, r.reply.links.map((l) => h('li', {}, h('a', { href: l.url, target: '_blank', rel: 'noopener', text: l.label })))));
    const rows = r.hits.map((hit, i) =>
      h(
        'tr',
        { class: i === 0 ? 'top-hit' : '' },
        h('td', {}, h('a', { href: `#/sua/${hit.kind ?? 'qa'}/${hit.id}`, text: hit.title }), h('div', { class: 'muted small', text: hit.id })),
        h('td', {}, meter(hit.score, 'Điểm tổng')),
        h('td', {}, meter(hit.lexical, 'Điểm từ khoá')),
        h('td', {}, meter(hit.vector, 'Điểm ngữ nghĩa')),
        h('td', {}, meter(hit.coverage, 'Độ phủ')),
      ),
    );
    mount(
      out,
      h('section', { class: 'card' }, h('h2', {}, 'Bot trả lời ', badge(label, tone)), h('pre', { class: 'card-text', id: 'try-reply', text: r.reply.text }), extras),
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Vì sao?' }),
        h('p', {}, 'Bot hiểu câu hỏi thành: ', h('code', { text: r.analyzed || '(trống)' })),
        h('p', { class: 'help', text: `Cách tìm: ${r.retriever}. Bot chỉ trả lời khi mục đứng đầu có độ phủ từ ≥ ${Math.round(r.policy.minCoverage * 100)}% và điểm tổng ≥ ${r.policy.minScore}; nếu hai thủ tục sát điểm nhau, bot đưa lựa chọn. Điểm "ngữ nghĩa" để trống khi bot chỉ dùng tìm theo từ khoá.` }),
        rows.length
          ? h('table', { class: 'table', id: 'try-hits' }, h('thead', {}, h('tr', {}, ['Mục', 'Điểm tổng', 'Từ khoá', 'Ngữ nghĩa', 'Độ phủ'].map((t) => h('th', { scope: 'col', text: t })))), h('tbody', {}, rows))
          : h('p', { class: 'muted', text: 'Không có mục nào liên quan.' }),
      ),
    );
  }
}
