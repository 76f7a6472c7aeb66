// Tiny DOM helpers. Every piece of text goes in as a text node (never innerHTML), so content
// such as "<script>" or "<img onerror>" typed by anyone is always displayed, never run.

const SAFE_URL = /^(https?:|\/(?!\/)|#|data:image\/(png|svg\+xml);base64,)/i;

/** Returns the URL when it is http(s), same-site or an image data: URL; otherwise "#". */
export function safeHref(url) {
  const value = String(url ?? '');
  return SAFE_URL.test(value) ? value : '#';
}

/**
 * Creates an element. attrs: class, text, on{Event} handlers, boolean flags, and plain attributes.
 * children: strings, numbers, nodes, arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag === 'svg' || attrs.svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false || key === 'svg') continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'value') continue; // set after children, so a <select> has its options
    else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'hidden' || key === 'required' || key === 'readOnly' || key === 'multiple') el[key] = !!value;
    else if (key === 'href' || key === 'src') el.setAttribute(key, safeHref(value));
    else if (key === 'style' || key.startsWith('on')) continue; // never: CSP forbids inline style and handlers
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  if (attrs && attrs.value !== undefined && attrs.value !== null && 'value' in el) el.value = String(attrs.value);
  return el;
}

/** Creates an SVG element (same rules as h). */
export function s(tag, attrs = {}, ...children) {
  return h(tag, { ...attrs, svg: true }, ...children);
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * Formats an ISO time as a Vietnam date and time. The zone is fixed, not the browser's: a staff
 * PC set to another zone (or the UTC default of many installs) must still show ward time, the
 * same day boundaries the reports and review dates use (see vnDay).
 */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
}

/** Vietnam is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * Today's date in Vietnam as "YYYY-MM-DD", shifted by whole days (`vnDay(-6)` is six days ago) —
 * whatever zone the browser is set to, so review dates and report ranges follow ward days.
 */
export function vnDay(offsetDays = 0) {
  return new Date(Date.now() + VN_OFFSET_MS + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" → "dd/mm/yyyy". */
export function day(isoDay) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (isoDay ?? '');
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${(Math.round(value * 1000) / 10).toLocaleString('vi-VN')}%`;
}
