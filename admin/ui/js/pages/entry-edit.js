// Create / edit one procedure or Q&A entry with a form generated from the schema, plus the
// citizen-view preview (exact answer text and QR), publish state and review date.
import { api } from '../api.js';
import { day, h, mount, vnDay } from '../dom.js';
import { buildForm } from '../form.js';
import { can, state } from '../state.js';
import { badge, busy, button, errorBox, KIND_LABEL, notice, page, STATUS_LABEL, toast } from '../ui.js';

export async function loadForms() {
  state.forms = await api.get('/forms');
  return state.forms;
}

/** "Đăng ký khai sinh" → "dang-ky-khai-sinh": a suggested id for a new entry. */
function slugify(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

export async function entryEditPage(kind, id, query = {}) {
  const forms = await loadForms();
  const creating = !id;
  let entry;
  let revision;
  let stale = false;
  if (creating) {
    entry = { status: 'draft', reviewedAt: vnDay(), ...(query.question ? { questions: [query.question] } : {}) };
  } else {
    const data = await api.get(`/entries/${kind}/${id}`);
    entry = data.entry;
    revision = data.revision;
    stale = data.stale;
  }
  const readOnly = !can('editor');
  const refs = kind === 'qa' ? { procedureId: forms.procedures } : {};
  const form = buildForm(forms.forms[kind], entry, { readOnly, idLocked: !creating, refs });
  const errors = h('div', { class: 'slot', id: 'form-errors' });
  const previewBox = h('div', { class: 'preview-body', id: 'preview' }, h('p', { class: 'muted', text: 'Bấm "Xem trước" để thấy đúng câu trả lời người dân sẽ nhận.' }));

  const title = creating ? `Thêm ${KIND_LABEL[kind].toLowerCase()} mới` : kind === 'procedure' ? entry.name : entry.questions[0];
  const badges = creating
    ? null
    : h('span', { class: 'badges' }, badge(STATUS_LABEL[entry.status], entry.status === 'published' ? 'ok' : 'draft'), stale ? badge(`Cần rà soát (lần cuối ${day(entry.reviewedAt)})`, 'bad') : null, entry.effectiveFrom ? badge(`Hiệu lực từ ${day(entry.effectiveFrom)}`, 'info') : null);

  const save = button(creating ? 'Tạo mục' : 'Lưu thay đổi', undefined, { tone: 'primary', type: 'submit', id: 'save' });
  const previewBtn = button('Xem trước', () => preview(), { id: 'preview-btn' });
  // Saving and previewing stay at hand in a sticky bar; less frequent actions sit at the top.
  const tools = [readOnly ? null : save, previewBtn, !creating && !readOnly ? button('Đánh dấu đã rà soát hôm nay', () => markReviewed(), { id: 'mark-reviewed' }) : null];
  const topTools = creating
    ? null
    : h(
        'div',
        { class: 'entry-tools' },
        badges,
        h('a', { class: 'btn btn-small', href: `#/lich-su/${kind}/${id}`, text: 'Lịch sử thay đổi' }),
        kind === 'procedure' && entry.status === 'published' ? h('a', { class: 'btn btn-small', href: `/thu-tuc/${id}`, target: '_blank', rel: 'noopener', text: 'Trang người dân thấy ↗' }) : null,
        readOnly ? null : button('Xoá mục này', () => remove(), { tone: 'danger', id: 'delete', class: 'btn-small' }),
      );

  const formEl = h(
    'form',
    {
      class: 'edit-form',
      id: 'entry-form',
      novalidate: true,
      onSubmit: (e) => {
        e.preventDefault();
        if (!readOnly) submit();
      },
    },
    errors,
    readOnly ? notice('Bạn chỉ có quyền xem nội dung này.', 'info') : null,
    form.el,
    h('div', { class: 'actions sticky-actions' }, tools),
  );

  if (creating) {
    // Suggest the id from the name (procedure) or the first question (Q&A) until staff type one.
    formEl.addEventListener('change', (e) => {
      const source = e.target.closest(kind === 'procedure' ? '[data-key="name"]' : '[data-key="questions"]');
      const idInput = formEl.querySelector('[data-key="id"] input');
      if (source && idInput && !idInput.value.trim()) idInput.value = slugify(e.target.value);
    });
  }

  page(
    title,
    creating ? 'Điền các ô có dấu * (bắt buộc). Mục mới để ở dạng bản nháp cho tới khi bạn chọn "Đã công bố".' : '',
    h('p', { class: 'crumb' }, h('a', { href: '#/noi-dung', text: '← Danh sách nội dung' })),
    topTools,
    h('div', { class: 'edit-layout' }, formEl, h('aside', { class: 'preview card', 'aria-label': 'Xem trước' }, h('h2', { text: 'Người dân sẽ thấy' }), previewBox)),
  );

  async function submit() {
    form.clearErrors();
    await busy(
      save,
      async () => {
        try {
          const body = { entry: form.read(), ...(revision ? { revision } : {}) };
          const r = creating ? await api.post(`/entries/${kind}`, body) : await api.put(`/entries/${kind}/${id}`, body);
          toast(creating ? 'Đã tạo mục mới. Bot dùng ngay từ câu hỏi tiếp theo.' : 'Đã lưu. Bot dùng nội dung mới ngay từ câu hỏi tiếp theo.');
          if (r.warnings?.length) toast(`Đã lưu, lưu ý: ${r.warnings.join(' ')}`, 'warn');
          if (creating) location.hash = `#/sua/${kind}/${r.entry.id}`;
          else await entryEditPage(kind, id);
        } catch (error) {
          if (error.body?.errors) form.showErrors(error.body.errors);
          throw error;
        }
      },
      errors,
    );
  }

  async function preview() {
    await busy(
      previewBtn,
      async () => {
        try {
          const r = await api.post(`/preview/${kind}`, { entry: form.read() });
          const p = r.preview;
          mount(
            previewBox,
            p.notLive ? notice(p.notLive, 'warn') : null,
            h('pre', { class: 'card-text', id: 'preview-text', text: p.text }),
            p.qrDataUrl ? h('figure', { class: 'qr-preview' }, h('img', { src: p.qrDataUrl, alt: 'Mã QR dẫn tới trang nộp trực tuyến', width: 160, height: 160 }), h('figcaption', { text: `Mã QR mở: ${p.qrTarget}` })) : null,
            r.warnings?.length ? errorBox('Lưu ý:', r.warnings) : null,
          );
        } catch (error) {
          if (error.body?.errors) {
            form.showErrors(error.body.errors);
            mount(previewBox, errorBox('Chưa xem trước được, hãy sửa:', error.body.errors));
            return;
          }
          throw error;
        }
      },
      errors,
    );
  }

  async function markReviewed() {
    const r = await api.post(`/entries/${kind}/${id}/reviewed`);
    toast(`Đã ghi nhận rà soát ngày ${day(r.entry.reviewedAt)}.`);
    await entryEditPage(kind, id);
  }

  async function remove() {
    if (!confirm('Xoá mục này? Bot sẽ thôi trả lời bằng mục này ngay. Có thể khôi phục lại từ "Lịch sử thay đổi".')) return;
    await api.del(`/entries/${kind}/${id}`);
    toast('Đã xoá mục.');
    location.hash = '#/noi-dung';
  }
}
