// Shared page pieces: headings, notices, badges, toasts, buttons.
import { h, mount } from './dom.js';

export function page(title, intro, ...body) {
  const main = document.getElementById('main');
  document.title = `${title} — Quản trị SmartBot`;
  mount(main, h('h1', { text: title }), intro ? h('p', { class: 'intro', text: intro }) : null, ...body);
  main.focus({ preventScroll: true });
  return main;
}

export function badge(text, tone = 'neutral') {
  return h('span', { class: `badge badge-${tone}`, text });
}

export function notice(message, tone = 'info') {
  return h('div', { class: `notice ${tone}`, role: tone === 'error' ? 'alert' : 'status' }, message);
}

/** A list of error messages (strings or {message}). */
export function errorBox(title, errors) {
  return h('div', { class: 'notice error', role: 'alert' }, h('strong', { text: title }), h('ul', {}, errors.map((e) => h('li', { text: typeof e === 'string' ? e : e.message }))));
}

let toastTimer;
export function toast(message, tone = 'ok') {
  const el = document.getElementById('toast');
  el.className = `toast ${tone}`;
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 4000);
}

export function button(label, onClick, opts = {}) {
  return h('button', { type: opts.type ?? 'button', class: ['btn', opts.tone ? `btn-${opts.tone}` : '', opts.class], onClick, disabled: opts.disabled, title: opts.title, id: opts.id }, label);
}

/** Runs an async action with the button disabled; shows the error, if any, in `errorSlot`. */
export async function busy(btn, action, errorSlot) {
  btn.disabled = true;
  if (errorSlot) errorSlot.replaceChildren();
  try {
    return await action();
  } catch (error) {
    const list = error?.body?.errors;
    const box = list?.length ? errorBox('Chưa thực hiện được, hãy sửa các chỗ sau:', list) : notice(error.message || 'Có lỗi xảy ra.', 'error');
    if (errorSlot) errorSlot.replaceChildren(box);
    else toast(error.message || 'Có lỗi xảy ra.', 'error');
    return undefined;
  } finally {
    btn.disabled = false;
  }
}

export const STATUS_LABEL = { published: 'Đã công bố', draft: 'Bản nháp' };
export const KIND_LABEL = { procedure: 'Thủ tục', qa: 'Hỏi đáp' };
