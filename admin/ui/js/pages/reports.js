// Reports: questions per day and channel, answered vs fallback, most asked procedures,
// satisfaction against the 95% target, and the CSV for the monthly report.
import { api, qs } from '../api.js';
import { day, h, percent, vnDay } from '../dom.js';
import { horizontalBars, stackedBars } from '../charts.js';
import { page } from '../ui.js';

/** Report ranges in Vietnam days (see vnDay): a month is the calendar month of the ward. */
function presets() {
  const today = vnDay();
  const [y, m] = today.split('-').map(Number);
  const pad = (n) => String(n).padStart(2, '0');
  const lastMonth = m === 1 ? [y - 1, 12] : [y, m - 1];
  const daysInLastMonth = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return [
    ['7 ngày', vnDay(-6), today],
    ['30 ngày', vnDay(-29), today],
    ['Tháng này', `${y}-${pad(m)}-01`, today],
    ['Tháng trước', `${lastMonth[0]}-${pad(lastMonth[1])}-01`, `${lastMonth[0]}-${pad(lastMonth[1])}-${pad(daysInLastMonth)}`],
  ];
}

function tile(label, value, note, tone = 'neutral', id) {
  return h('div', { class: ['kpi', `kpi-${tone}`], id }, h('div', { class: 'kpi-label', text: label }), h('div', { class: 'kpi-value', text: value }), note ? h('div', { class: 'kpi-note', text: note }) : null);
}

export async function reportsPage(query) {
  const r = await api.get(`/reports${qs({ from: query.from, to: query.to })}`);
  const from = h('input', { type: 'date', id: 'rep-from', value: r.from });
  const to = h('input', { type: 'date', id: 'rep-to', value: r.to });
  const go = (f, t) => (location.hash = `#/bao-cao${qs({ from: f, to: t })}`);
  const controls = h(
    'form',
    {
      class: 'filters card report-controls',
      onSubmit: (e) => {
        e.preventDefault();
        go(from.value, to.value);
      },
    },
    h('label', { for: 'rep-from', class: 'label', text: 'Từ ngày' }),
    from,
    h('label', { for: 'rep-to', class: 'label', text: 'đến ngày' }),
    to,
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Xem'),
    h('span', { class: 'presets' }, presets().map(([label, f, t]) => h('button', { type: 'button', class: 'btn btn-small', onClick: () => go(f, t) }, label))),
    h('a', { class: 'btn', id: 'report-csv', href: `/admin/api/reports/export.csv${qs({ from: r.from, to: r.to })}`, download: '', text: 'Tải CSV cho báo cáo tháng' }),
  );

  const sat = r.satisfaction;
  const satTone = sat === null ? 'neutral' : sat >= r.target ? 'good' : 'bad';
  const kpis = h(
    'div',
    { class: 'kpis', id: 'kpis' },
    tile('Tổng câu hỏi', r.totals.total.toLocaleString('vi-VN'), `${day(r.from)} – ${day(r.to)}`, 'neutral', 'kpi-total'),
    tile('Trả lời được', percent(r.answeredRate), `${r.totals.answered} câu`, 'neutral', 'kpi-answered'),
    tile('Chưa trả lời được', percent(r.fallbackRate), `${r.totals.fallback} câu · ${r.totals.choices} lần đưa lựa chọn`, r.fallbackRate > 0.2 ? 'bad' : 'neutral', 'kpi-fallback'),
    tile('Mức hài lòng', percent(sat), sat === null ? 'Chưa có đánh giá' : `👍 ${r.totals.up} · 👎 ${r.totals.down} · mục tiêu ≥ ${Math.round(r.target * 100)}%${sat >= r.target ? ' — Đạt' : ' — Chưa đạt'}`, satTone, 'kpi-satisfaction'),
  );

  const dayRows = r.days.map((d) => ({ ...d, short: day(d.day).slice(0, 5) }));
  const legend = (items) => h('p', { class: 'legend' }, items.map(([cls, label]) => h('span', { class: 'legend-item' }, h('span', { class: ['swatch', cls] }), label)));

  page(
    'Báo cáo',
    'Số liệu từ các cuộc trò chuyện của người dân (không tính câu hỏi thử của cán bộ).',
    controls,
    kpis,
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'Câu hỏi theo ngày' }),
      legend([
        ['bar-answer', 'Trả lời được'],
        ['bar-choices', 'Đưa lựa chọn'],
        ['bar-fallback', 'Chưa trả lời được'],
      ]),
      stackedBars(
        dayRows,
        [
          { key: 'answered', label: 'Trả lời được', cls: 'bar-answer' },
          { key: 'choices', label: 'Đưa lựa chọn', cls: 'bar-choices' },
          { key: 'fallback', label: 'Chưa trả lời được', cls: 'bar-fallback' },
        ],
        { label: 'Số câu hỏi theo ngày' },
      ),
    ),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, h('h2', { text: 'Theo kênh' }), r.channels.length ? horizontalBars(r.channels.map((c) => ({ label: c.label, value: c.total })), { label: 'Số câu hỏi theo kênh' }) : h('p', { class: 'muted', text: 'Chưa có dữ liệu.' }),
        h('table', { class: 'table compact', id: 'channel-table' }, h('thead', {}, h('tr', {}, ['Kênh', 'Câu hỏi', 'Trả lời được', 'Chưa trả lời được'].map((t) => h('th', { text: t })))), h('tbody', {}, r.channels.map((c) => h('tr', {}, h('td', { text: c.label }), h('td', { text: c.total }), h('td', { text: c.answered }), h('td', { text: c.fallback })))))),
      h('section', { class: 'card' }, h('h2', { text: 'Được hỏi nhiều nhất' }), r.topics.length ? horizontalBars(r.topics.map((t) => ({ label: t.title, value: t.count })), { label: 'Thủ tục được hỏi nhiều nhất' }) : h('p', { class: 'muted', text: 'Chưa có dữ liệu.' })),
    ),
    h('section', { class: 'card' }, h('h2', { text: 'Mức hài lòng theo ngày' }), legend([['bar-up', '👍 Hài lòng'], ['bar-down', '👎 Chưa hài lòng']]), stackedBars(dayRows, [{ key: 'up', label: '👍', cls: 'bar-up' }, { key: 'down', label: '👎', cls: 'bar-down' }], { label: 'Đánh giá theo ngày', height: 180 })),
  );
}
