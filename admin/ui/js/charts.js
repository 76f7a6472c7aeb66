// Small SVG charts drawn with DOM calls (no library, no inline style: colours are classes in
// admin.css, sizes are SVG attributes).
import { h, s } from './dom.js';

/**
 * Stacked daily columns. series: [{key, label, cls}], rows: [{day, ...values}].
 * Returns an <svg> sized by its viewBox so it scales with the page.
 */
export function stackedBars(rows, series, opts = {}) {
  const width = 900;
  const height = opts.height ?? 240;
  const pad = { left: 44, right: 10, top: 12, bottom: 34 };
  const max = Math.max(1, ...rows.map((r) => series.reduce((n, x) => n + (r[x.key] ?? 0), 0)));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / Math.max(1, rows.length);
  const barW = Math.max(2, Math.min(28, step * 0.7));
  const y = (v) => pad.top + plotH - (v / max) * plotH;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': opts.label ?? 'Biểu đồ' });
  for (const t of [0, 0.5, 1]) {
    const v = Math.round(max * t);
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: pad.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)));
  }
  const labelEvery = Math.ceil(rows.length / 10);
  rows.forEach((r, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    let base = 0;
    const total = series.reduce((n, sx) => n + (r[sx.key] ?? 0), 0);
    for (const sx of series) {
      const v = r[sx.key] ?? 0;
      if (!v) continue;
      svg.append(s('rect', { x, y: y(base + v), width: barW, height: Math.max(1, y(base) - y(base + v)), class: sx.cls }, s('title', {}, `${r.label ?? r.day}: ${sx.label} ${v}`)));
      base += v;
    }
    if (i % labelEvery === 0) svg.append(s('text', { x: x + barW / 2, y: height - 12, class: 'axis', 'text-anchor': 'middle' }, r.short ?? r.day));
    if (total && rows.length <= 31) svg.append(s('text', { x: x + barW / 2, y: y(total) - 3, class: 'axis value', 'text-anchor': 'middle' }, String(total)));
  });
  return svg;
}

/**
 * Horizontal bars as a small table (label, bar, number): half-width columns keep their text at
 * the page's reading size, which a scaled-down SVG would not. items: [{label, value}].
 */
export function horizontalBars(items, opts = {}) {
  const top = Math.max(1, ...items.map((i) => i.value));
  return h(
    'table',
    { class: 'hbars', 'aria-label': opts.label ?? 'Biểu đồ' },
    h('tbody', {}, items.map((item) => h('tr', {}, h('th', { scope: 'row', text: item.label, title: item.label }), h('td', { class: 'hbar' }, h('meter', { min: 0, max: top, value: item.value, 'aria-label': item.label })), h('td', { class: 'hbar-value', text: item.value })))),
  );
}
