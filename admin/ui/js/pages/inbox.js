// "Câu hỏi chưa trả lời được": similar questions grouped, with one-step fixes.
import { api, qs } from '../api.js';
import { h, mount, vnDay, when } from '../dom.js';
import { can } from '../state.js';
import { badge, busy, button, KIND_LABEL, notice, page, toast } from '../ui.js';

const CHANNELS = { web: 'Trang web', zalo: 'Zalo', telegram: 'Telegram', api: 'API', cli: 'Dòng lệnh' };

export async function inboxPage(query) {
  const days = Number(query.days) || 90;
  const [data, entries, forms] = await Promise.all([api.get(`/inbox${qs({ days })}`), api.get('/entries'), api.get('/forms')]);
  const allEntries = entries.items.map((e) => ({ value: `${e.kind}:${e.id}`, label: `${KIND_LABEL[e.kind]}: ${e.title}` }));
  const period = h('select', { id: 'inbox-days', 'aria-label': 'Khoảng thời gian', value: String(days) }, [7, 30, 90, 365].map((d) => h('option', { value: String(d), text: `${d} ngày gần đây` })));
  period.addEventListener('change', () => (location.hash = `#/hop-thu?days=${period.value}`));

  const cards = data.clusters.map((c, index) => clusterCard(c, index, allEntries, forms.procedures));
  page(
    'Câu hỏi chưa trả lời được',
    'Câu hỏi bot chưa trả lời được hoặc người dân bấm 👎, gom theo câu giống nhau. Với mỗi nhóm: thêm câu hỏi làm "cách hỏi" của một mục có sẵn, tạo mục hỏi đáp mới, hoặc bỏ qua nếu không liên quan.',
    h('div', { class: 'filters card' }, h('label', { for: 'inbox-days', class: 'label', text: 'Xem trong' }), period, h('span', { class: 'summary', text: ` ${data.total} câu hỏi, ${data.clusters.length} nhóm` })),
    cards.length ? h('ol', { class: 'clusters', id: 'inbox' }, cards) : notice('Không còn câu hỏi nào cần xử lý. Tốt lắm!', 'ok'),
  );
}

function clusterCard(c, index, allEntries, procedures) {
  const slot = h('div', { class: 'slot' });
  const channels = Object.entries(c.channels).map(([ch, n]) => `${CHANNELS[ch] ?? ch} ${n}`).join(', ');
  const reasons = [c.reasons.fallback ? badge(`${c.reasons.fallback} lần bot chưa trả lời được`, 'bad') : null, c.reasons.down ? badge(`${c.reasons.down} lần bị 👎`, 'warn') : null];
  const card = h(
    'li',
    { class: 'card cluster', 'data-key': c.key },
    h('div', { class: 'cluster-head' }, h('p', { class: 'question', text: `“${c.sample}”` }), h('span', { class: 'count', text: `${c.count} lần` })),
    h('p', { class: 'meta' }, `Kênh: ${channels} · Lần cuối: ${when(c.lastAt)} `, reasons),
    c.variants.length > 1 ? h('details', {}, h('summary', { text: `${c.variants.length} cách hỏi khác nhau` }), h('ul', {}, c.variants.map((v) => h('li', { text: `${v.text} (${v.count})` })))) : null,
    slot,
  );
  if (!can('editor')) return card;

  // 1. Add as a paraphrase of an existing entry.
  const qid = `q-${index}`;
  const sid = `target-${index}`;
  const question = h('input', { type: 'text', id: qid, value: c.sample, maxlength: 300 });
  const suggested = c.suggestions.map((s) => ({ value: `${s.kind}:${s.id}`, label: `${KIND_LABEL[s.kind]}: ${s.title} (gợi ý, điểm ${s.score})` }));
  const target = h(
    'select',
    { id: sid, class: 'target' },
    h('optgroup', { label: 'Gợi ý' }, suggested.map((o) => h('option', { value: o.value, text: o.label }))),
    h('optgroup', { label: 'Tất cả mục' }, allEntries.map((o) => h('option', { value: o.value, text: o.label }))),
  );
  const addBtn = button('Thêm làm cách hỏi', undefined, { tone: 'primary', class: 'add-paraphrase' });
  addBtn.addEventListener('click', () =>
    busy(
      addBtn,
      async () => {
        const [kind, entryId] = target.value.split(':');
        await api.post('/inbox/paraphrase', { transcriptIds: c.transcriptIds, question: question.value, kind, entryId });
        toast('Đã thêm cách hỏi. Bot trả lời được câu này ngay.');
        card.replaceChildren(notice(`Đã thêm “${question.value}” vào ${target.selectedOptions[0]?.textContent ?? entryId}.`, 'ok'));
      },
      slot,
    ),
  );

  // 2. Create a new Q&A entry from it.
  const newForm = h('div', { class: 'new-qa', hidden: true });
  const newId = h('input', { type: 'text', id: `new-id-${index}`, value: c.suggestedId, maxlength: 80 });
  const answer = h('textarea', { id: `new-answer-${index}`, rows: 4, maxlength: 2000 });
  const procedure = h('select', { id: `new-proc-${index}` }, h('option', { value: '', text: '— thông tin chung —' }), procedures.map((p) => h('option', { value: p.value, text: p.label })));
  const publish = h('input', { type: 'checkbox', id: `new-pub-${index}`, checked: true });
  const createBtn = button('Tạo mục hỏi đáp', undefined, { tone: 'primary', class: 'create-qa' });
  createBtn.addEventListener('click', () =>
    busy(
      createBtn,
      async () => {
        const entry = { id: newId.value.trim(), questions: [question.value], answer: answer.value, procedureId: procedure.value, status: publish.checked ? 'published' : 'draft', reviewedAt: vnDay() };
        const r = await api.post('/inbox/new-qa', { transcriptIds: c.transcriptIds, entry });
        toast('Đã tạo mục hỏi đáp mới.');
        card.replaceChildren(notice('Đã tạo mục hỏi đáp mới. ', 'ok'), h('a', { href: `#/sua/qa/${r.entry.id}`, text: 'Mở để bổ sung cách hỏi' }));
      },
      slot,
    ),
  );
  newForm.append(
    h('div', { class: 'field' }, h('label', { class: 'label', for: newId.id, text: 'Mã mục mới' }), newId),
    h('div', { class: 'field' }, h('label', { class: 'label', for: answer.id, text: 'Câu trả lời' }), answer),
    h('div', { class: 'field' }, h('label', { class: 'label', for: procedure.id, text: 'Thuộc thủ tục' }), procedure),
    h('label', { class: 'check', for: publish.id }, publish, ' Công bố ngay'),
    h('div', { class: 'actions' }, createBtn),
  );

  // 3. Ignore.
  const ignoreBtn = button('Bỏ qua nhóm này', undefined, { class: 'ignore' });
  ignoreBtn.addEventListener('click', () =>
    busy(
      ignoreBtn,
      async () => {
        await api.post('/inbox/ignore', { keys: c.variants.map((v) => v.key), sample: c.sample });
        card.replaceChildren(notice(`Đã bỏ qua “${c.sample}”.`, 'info'));
      },
      slot,
    ),
  );

  card.append(
    h('div', { class: 'fix' }, h('label', { class: 'label', for: qid, text: 'Câu hỏi' }), question),
    h('div', { class: 'fix-row' }, h('label', { class: 'label', for: sid, text: 'Thêm vào mục' }), target, addBtn),
    h('div', { class: 'actions' }, button('Tạo mục hỏi đáp mới…', () => (newForm.hidden = !newForm.hidden), { class: 'toggle-new' }), ignoreBtn),
    newForm,
  );
  return card;
}
