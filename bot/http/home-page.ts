/**
 * GET / — a plain landing page: what this server is, where the widget demo and the staff page are,
 * and every published procedure grouped by field (each linking to its detail page).
 */
import type { FastifyInstance } from 'fastify';
import type { LinkBuilder } from '../card.ts';
import type { KnowledgeSnapshot } from '../knowledge-snapshot.ts';
import { esc } from './html.ts';

export async function homeRoutes(app: FastifyInstance, deps: { knowledge: () => KnowledgeSnapshot; links: LinkBuilder }): Promise<void> {
  app.get('/', async (_request, reply) => {
    const kb = deps.knowledge();
    const byField = new Map<string, Array<{ id: string; name: string }>>();
    for (const p of kb.procedures.values()) {
      const list = byField.get(p.field) ?? [];
      list.push({ id: p.id, name: p.name });
      byField.set(p.field, list);
    }
    const groups = [...byField]
      .sort(([a], [b]) => a.localeCompare(b, 'vi'))
      .map(([field, list]) => `<h2>${esc(field)}</h2><ul>${list.map((p) => `<li><a href="${esc(deps.links.detail(p.id))}">${esc(p.name)}</a></li>`).join('')}</ul>`)
      .join('\n');
    const ward = kb.ward;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trợ lý ảo thủ tục hành chính — ${esc(ward.name)}</title><link rel="stylesheet" href="/static/page.css"></head><body><main>
<h1>Trợ lý ảo thủ tục hành chính</h1>
<p class="lead">${esc(ward.centreName)}. Hỏi đáp thủ tục qua khung chat trên cổng thông tin của phường, Zalo hoặc Telegram.</p>
<p class="actions"><a class="button" href="/demo">Dùng thử khung chat</a> <a href="/admin/">Trang quản trị (cán bộ)</a> <a href="/healthz">Tình trạng hệ thống</a></p>
<p>${kb.procedures.size} thủ tục đang được hướng dẫn:</p>
${groups}
<footer><p>${esc(ward.address)} · Đường dây nóng: ${esc(ward.hotline)} · ${esc(ward.officeHours)}</p></footer>
</main></body></html>`);
  });
}
