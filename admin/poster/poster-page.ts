/**
 * Printable A4 sheet of QR codes, one sheet per procedure field, for the Service Centre wall.
 * Server-rendered with every value escaped; print layout lives in poster.css.
 */
import type { FastifyInstance } from 'fastify';
import { esc } from '../../bot/http/html.ts';
import type { Procedure } from '../../knowledge/schema.ts';
import type { AdminServices } from '../admin-services.ts';
import { authenticate } from '../auth/guard.ts';
import { qrDataUrl } from '../content/preview.ts';

/**
 * Where a wall QR code should lead: our detail page when the server has a public address (all the
 * details plus the online link), otherwise the online-submission portal.
 */
export function posterTarget(p: Procedure, publicUrl: string, detailUrl: string): string | undefined {
  if (/^https?:\/\//i.test(publicUrl)) return detailUrl;
  return p.portalUrl;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/admin/assets/poster.css"><script type="module" src="/admin/assets/js/poster.js"></script></head><body>${body}</body></html>`;

/** Mounts /admin/poster (signed-in staff; others are sent to the sign-in page). */
export async function posterRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  app.get('/poster', async (request, reply) => {
    if (!authenticate(s.ctx.db, request)) return reply.redirect('/admin/');
    const kb = s.ctx.runtime.snapshot();
    const procedures = [...kb.procedures.values()];
    const fields = [...new Set(procedures.map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'vi'));
    const field = (request.query as { field?: string }).field;
    reply.type('text/html; charset=utf-8');
    if (!field || !fields.includes(field)) {
      const links = fields.map((f) => `<li><a href="/admin/poster?field=${encodeURIComponent(f)}">${esc(f)}</a> <span class="muted">(${procedures.filter((p) => p.field === f).length} thủ tục)</span></li>`).join('');
      return page('In bảng mã QR', `<main class="picker no-print"><p><a href="/admin/#/noi-dung">← Về trang quản trị</a></p><h1>In bảng mã QR theo lĩnh vực</h1><p>Chọn một lĩnh vực để xem trang A4 sẵn sàng in.</p><ul class="fields">${links}</ul></main>`);
    }
    const items = procedures.filter((p) => p.field === field).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const cards: string[] = [];
    const missing: string[] = [];
    for (const p of items) {
      const target = posterTarget(p, s.ctx.config.PUBLIC_URL, s.ctx.links.detail(p.id));
      if (!target) {
        missing.push(p.name);
        continue;
      }
      cards.push(`<figure class="qr-card"><img src="${esc(await qrDataUrl(target))}" alt="Mã QR: ${esc(p.name)}" width="180" height="180"><figcaption><strong>${esc(p.name)}</strong>${p.portalCode ? `<span class="code">Mã TTHC ${esc(p.portalCode)}</span>` : ''}</figcaption></figure>`);
    }
    const note = missing.length
      ? `<p class="no-print warn">Không có mã QR cho: ${missing.map(esc).join('; ')} (chưa có đường dẫn nộp trực tuyến${/^https?:/i.test(s.ctx.config.PUBLIC_URL) ? '' : ' và máy chủ chưa đặt PUBLIC_URL'}).</p>`
      : '';
    return page(
      `Mã QR — ${field}`,
      `<div class="toolbar no-print"><a href="/admin/poster">← Chọn lĩnh vực khác</a> <button type="button" id="print">In trang này</button></div>${note}
<section class="sheet"><header><p class="centre">${esc(kb.ward.centreName)}</p><h1>${esc(field)}</h1><p class="lead">Quét mã QR bằng điện thoại để xem giấy tờ cần chuẩn bị và nộp hồ sơ trực tuyến.</p></header>
<div class="grid">${cards.join('')}</div>
<footer>Đường dây nóng: ${esc(kb.ward.hotline)} · ${esc(kb.ward.address)}</footer></section>`,
    );
  });
}
