/**
 * Reports page data and its CSV export for the monthly report to the ward leadership.
 */
import type { FastifyInstance } from 'fastify';
import type { AdminServices } from '../admin-services.ts';
import { addDays, isDay, vnDay } from '../dates.ts';
import { toCsv } from '../io/csv.ts';
import { usageReport, type UsageReport } from './reports-repo.ts';

const CHANNEL_LABELS: Record<string, string> = { web: 'Trang web', zalo: 'Zalo', telegram: 'Telegram', api: 'API', cli: 'Dòng lệnh' };
const pct = (v: number | null) => (v === null ? '' : (Math.round(v * 1000) / 10).toFixed(1));

function range(query: unknown): { from: string; to: string } {
  const q = (query ?? {}) as { from?: unknown; to?: unknown };
  const to = isDay(q.to) ? q.to : vnDay();
  let from = isDay(q.from) ? q.from : addDays(to, -29);
  if (from > to) from = to;
  // One year at most keeps the per-day table readable and the query cheap.
  if (from < addDays(to, -366)) from = addDays(to, -366);
  return { from, to };
}

/** Report with entry titles and procedures resolved from the live knowledge. */
function withTitles(s: AdminServices, report: UsageReport) {
  const kb = s.ctx.runtime.snapshot();
  const byProcedure = new Map<string, { id: string; title: string; count: number }>();
  for (const t of report.topEntries) {
    const entry = kb.entries.get(t.entryId);
    const procedureId = entry?.procedureId ?? null;
    const key = procedureId ?? t.entryId;
    const title = procedureId ? (kb.procedures.get(procedureId)?.name ?? procedureId) : (entry?.title ?? s.ctx.store.getQa(t.entryId)?.questions[0] ?? t.entryId);
    const row = byProcedure.get(key) ?? { id: key, title, count: 0 };
    row.count += t.count;
    byProcedure.set(key, row);
  }
  const topics = [...byProcedure.values()].sort((a, b) => b.count - a.count).slice(0, 10);
  return { ...report, channels: report.channels.map((c) => ({ ...c, label: CHANNEL_LABELS[c.channel] ?? c.channel })), topics };
}

/** Mounts /admin/api/reports and /admin/api/reports/export.csv. */
export async function reportRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  const { db } = s.ctx;

  app.get(
    '/api/reports',
    s.guard('viewer', (request) => {
      const { from, to } = range(request.query);
      return withTitles(s, usageReport(db, from, to));
    }),
  );

  app.get(
    '/api/reports/export.csv',
    s.guard('viewer', (request, reply) => {
      const { from, to } = range(request.query);
      const r = withTitles(s, usageReport(db, from, to));
      const rows: Array<Array<string | number>> = [
        [`Báo cáo SmartBot từ ${from} đến ${to}`],
        [],
        ['Ngày', 'Tổng câu hỏi', 'Trả lời được', 'Đưa lựa chọn', 'Chưa trả lời được', 'Tỉ lệ trả lời được (%)', 'Hài lòng (👍)', 'Chưa hài lòng (👎)'],
        ...r.days.map((d) => [d.day, d.total, d.answered, d.choices, d.fallback, pct(d.total ? d.answered / d.total : null), d.up, d.down]),
        ['Tổng', r.totals.total, r.totals.answered, r.totals.choices, r.totals.fallback, pct(r.answeredRate), r.totals.up, r.totals.down],
        [],
        ['Tỉ lệ hài lòng (%)', pct(r.satisfaction), `Mục tiêu ≥ ${pct(r.target)}%`, r.satisfaction === null ? 'Chưa có đánh giá' : r.satisfaction >= r.target ? 'Đạt' : 'Chưa đạt'],
        [],
        ['Kênh', 'Tổng câu hỏi', 'Trả lời được', 'Chưa trả lời được'],
        ...r.channels.map((c) => [c.label, c.total, c.answered, c.fallback]),
        [],
        ['Thủ tục / nội dung được hỏi nhiều nhất', 'Số lần trả lời'],
        ...r.topics.map((t) => [t.title, t.count]),
      ];
      return reply
        .header('content-disposition', `attachment; filename="bao-cao-smartbot-${from}-${to}.csv"`)
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(toCsv(rows));
    }),
  );
}
