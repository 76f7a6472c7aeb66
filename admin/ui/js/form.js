// Renders a form from the server's field descriptions (derived from the zod schemas) and reads
// the values back. Widgets: text, textarea, date, url, integer, select, checkboxes, text-list
// (one input per item, add/remove) and object-list (e.g. documents: rows of sub-fields).
import { h } from './dom.js';

let uid = 0;
const nextId = (key) => `f-${key}-${++uid}`;

function inputFor(field, value, opts, id) {
  const common = { id, name: field.key, disabled: opts.readOnly, 'aria-describedby': `${id}-help` };
  switch (field.widget) {
    case 'textarea':
      return h('textarea', { ...common, rows: 4, maxlength: field.maxLength, value: value ?? '' });
    case 'date':
      return h('input', { ...common, type: 'date', value: value ?? '' });
    case 'url':
      return h('input', { ...common, type: 'url', inputmode: 'url', placeholder: 'https://…', value: value ?? '' });
    case 'integer':
      return h('input', { ...common, type: 'number', min: field.min, max: field.max, step: 1, value: value ?? field.default ?? '', class: 'narrow' });
    case 'select': {
      const options = field.options ?? [];
      return h(
        'select',
        { ...common, value: value ?? field.default ?? '' },
        field.required && (value ?? field.default) !== undefined ? null : h('option', { value: '', text: '— chưa chọn —' }),
        options.map((o) => h('option', { value: o.value, text: o.label })),
      );
    }
    default:
      return h('input', { ...common, type: 'text', maxlength: field.maxLength, value: value ?? '', ...(field.key === 'id' && opts.idLocked ? { readOnly: true } : {}) });
  }
}

function readScalar(field, el) {
  const v = el.value;
  if (field.widget === 'integer') return v === '' ? undefined : Number(v);
  return v;
}

/** Text list: one input per item with remove buttons and "add". */
function textList(field, values, opts, id) {
  const rows = h('ol', { class: 'list-editor', id });
  const addRow = (text = '', focus = false) => {
    const long = (field.maxLength ?? 0) > 300;
    const input = long ? h('textarea', { rows: 2, maxlength: field.maxLength, value: text, disabled: opts.readOnly, 'aria-label': `${field.label} — dòng` }) : h('input', { type: 'text', maxlength: field.maxLength, value: text, disabled: opts.readOnly, 'aria-label': `${field.label} — dòng` });
    const row = h('li', {}, input, opts.readOnly ? null : h('button', { type: 'button', class: 'btn btn-icon', title: 'Xoá dòng này', 'aria-label': 'Xoá dòng này', onClick: () => row.remove() }, '✕'));
    rows.append(row);
    if (focus) input.focus();
  };
  for (const v of values ?? []) addRow(v);
  if (!values?.length && !opts.readOnly) addRow('');
  const wrap = h('div', {}, rows, opts.readOnly ? null : h('button', { type: 'button', class: 'btn btn-small', onClick: () => addRow('', true) }, '+ Thêm dòng'));
  return { el: wrap, read: () => [...rows.querySelectorAll('input, textarea')].map((i) => i.value.trim()).filter(Boolean) };
}

/** Object list: one fieldset of sub-fields per item, with move up/down and remove. */
function objectList(field, values, opts, id) {
  const rows = h('ol', { class: 'object-list', id });
  const readers = new Map();
  const addRow = (item = {}) => {
    const li = h('li', { class: 'object-row' });
    const subs = (field.itemFields ?? []).map((sub) => {
      const subId = nextId(`${field.key}-${sub.key}`);
      const input = inputFor(sub, item[sub.key], opts, subId);
      return { sub, input, el: h('div', { class: ['sub', `sub-${sub.key}`] }, h('label', { for: subId, text: sub.label + (sub.required ? ' *' : '') }), input) };
    });
    const tools = opts.readOnly
      ? null
      : h(
          'div',
          { class: 'row-tools' },
          h('button', { type: 'button', class: 'btn btn-icon', title: 'Đưa lên', 'aria-label': 'Đưa lên', onClick: () => li.previousElementSibling?.before(li) }, '↑'),
          h('button', { type: 'button', class: 'btn btn-icon', title: 'Đưa xuống', 'aria-label': 'Đưa xuống', onClick: () => li.nextElementSibling?.after(li) }, '↓'),
          h('button', { type: 'button', class: 'btn btn-icon', title: 'Xoá', 'aria-label': 'Xoá dòng này', onClick: () => li.remove() }, '✕'),
        );
    li.append(h('div', { class: 'subs' }, subs.map((x) => x.el)), tools ?? '');
    readers.set(li, () => {
      const out = {};
      for (const { sub, input } of subs) {
        const v = readScalar(sub, input);
        if (v !== '' && v !== undefined) out[sub.key] = v;
      }
      return out;
    });
    rows.append(li);
  };
  for (const v of values ?? []) addRow(v);
  if (!values?.length && !opts.readOnly) addRow({});
  const label = field.key === 'documents' ? '+ Thêm giấy tờ' : '+ Thêm dòng';
  const wrap = h('div', {}, rows, opts.readOnly ? null : h('button', { type: 'button', class: 'btn btn-small', onClick: () => addRow({}) }, label));
  return { el: wrap, read: () => [...rows.children].map((li) => readers.get(li)()).filter((o) => Object.keys(o).length > 0) };
}

function checkboxes(field, values, opts, id) {
  const chosen = new Set(values ?? []);
  const boxes = (field.options ?? []).map((o) => {
    const cid = nextId(`${field.key}-${o.value}`);
    const box = h('input', { type: 'checkbox', id: cid, value: o.value, checked: chosen.has(o.value), disabled: opts.readOnly });
    return { box, el: h('label', { class: 'check', for: cid }, box, ` ${o.label}`) };
  });
  return { el: h('div', { class: 'checks', id, role: 'group' }, boxes.map((b) => b.el)), read: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value) };
}

/**
 * Builds the form. opts: readOnly, idLocked (existing entry), refs (field key → options list that
 * turns a text field into a select, e.g. procedureId → procedures).
 */
export function buildForm(fields, value = {}, opts = {}) {
  const parts = [];
  const byKey = new Map();
  for (let field of fields) {
    if (opts.refs?.[field.key]) field = { ...field, widget: 'select', options: opts.refs[field.key] };
    const id = nextId(field.key);
    let widget;
    if (field.widget === 'text-list') widget = textList(field, value[field.key], opts, id);
    else if (field.widget === 'object-list') widget = objectList(field, value[field.key], opts, id);
    else if (field.widget === 'checkboxes') widget = checkboxes(field, value[field.key], opts, id);
    else {
      const input = inputFor(field, value[field.key], opts, id);
      widget = { el: input, read: () => readScalar(field, input) };
    }
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const labelTag = ['text-list', 'object-list', 'checkboxes'].includes(field.widget) ? 'span' : 'label';
    const wrap = h(
      'div',
      { class: ['field', `field-${field.widget}`], 'data-key': field.key },
      h(labelTag, { class: 'label', for: labelTag === 'label' ? id : undefined, id: `${id}-label` }, field.label, field.required ? h('span', { class: 'req', title: 'Bắt buộc', text: ' *' }) : null),
      field.help ? h('p', { class: 'help', id: `${id}-help`, text: field.help }) : null,
      widget.el,
      error,
    );
    parts.push(wrap);
    byKey.set(field.key, { field, widget, wrap, error });
  }
  const el = h('div', { class: 'schema-form' }, parts);

  return {
    el,
    /** Current values; empty optional text fields are sent as "" and dropped by the server. */
    read() {
      const out = {};
      for (const [key, { widget }] of byKey) {
        const v = widget.read();
        if (v !== undefined) out[key] = v;
      }
      return out;
    },
    clearErrors() {
      for (const { wrap, error } of byKey.values()) {
        wrap.classList.remove('has-error');
        error.hidden = true;
        error.textContent = '';
      }
    },
    /** Shows {path, message} errors under their fields; returns the first field element. */
    showErrors(errors) {
      this.clearErrors();
      let first;
      for (const e of errors) {
        const key = String(e.path ?? '').split('.')[0];
        const slot = byKey.get(key);
        if (!slot) continue;
        slot.wrap.classList.add('has-error');
        slot.error.hidden = false;
        slot.error.textContent = slot.error.textContent ? `${slot.error.textContent} ${e.message}` : e.message;
        first ??= slot.wrap;
      }
      first?.scrollIntoView({ block: 'center' });
      return first;
    },
  };
}
