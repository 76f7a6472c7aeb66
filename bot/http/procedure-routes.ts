/**
 * Read-only procedure endpoints: list and full-detail JSON, the human-readable detail page the
 * short chat answers link to, and QR images at stable URLs.
 */
import type { FastifyInstance } from 'fastify';
import type { LinkBuilder } from '../card.ts';
import type { KnowledgeSnapshot } from '../knowledge-snapshot.ts';
import { qrPng, qrSvg } from '../qr.ts';
import { renderProcedurePage } from './procedure-page.ts';

export interface ProcedureRouteDeps {
  knowledge: () => KnowledgeSnapshot;
  links: LinkBuilder;
}

const NOT_FOUND = { error: 'Không tìm thấy thủ tục này.' };

export async function procedureRoutes(app: FastifyInstance, deps: ProcedureRouteDeps): Promise<void> {
  app.get('/api/procedures', async () => {
    const kb = deps.knowledge();
    return { procedures: [...kb.procedures.values()].map((p) => ({ id: p.id, name: p.name, field: p.field, onlineLevel: p.onlineLevel })) };
  });

  app.get<{ Params: { id: string } }>('/api/procedures/:id', async (request, reply) => {
    const p = deps.knowledge().procedures.get(request.params.id);
    if (!p) return reply.status(404).send(NOT_FOUND);
    return {
      ...p,
      detailUrl: deps.links.detail(p.id),
      qr: p.portalUrl ? { png: deps.links.qrPng(p.id), svg: deps.links.qrSvg(p.id) } : null,
    };
  });

  app.get<{ Params: { id: string } }>('/thu-tuc/:id', async (request, reply) => {
    const kb = deps.knowledge();
    const p = kb.procedures.get(request.params.id);
    if (!p) return reply.status(404).type('text/html; charset=utf-8').send(renderProcedurePage(undefined, kb.ward, deps.links));
    return reply.type('text/html; charset=utf-8').send(renderProcedurePage(p, kb.ward, deps.links));
  });

  app.get<{ Params: { file: string } }>('/qr/:file', async (request, reply) => {
    const match = /^([a-z0-9-]{1,80})\.(png|svg)$/.exec(request.params.file);
    const p = match ? deps.knowledge().procedures.get(match[1]!) : undefined;
    if (!match || !p?.portalUrl) return reply.status(404).send({ error: 'Không có mã QR cho thủ tục này.' });
    try {
      const body = match[2] === 'png' ? await qrPng(p.portalUrl) : await qrSvg(p.portalUrl);
      reply.header('cache-control', 'public, max-age=3600');
      return reply.type(match[2] === 'png' ? 'image/png' : 'image/svg+xml').send(body);
    } catch {
      // A link too long for a QR code: say so instead of failing.
      return reply.status(404).send({ error: 'Đường dẫn của thủ tục này quá dài để tạo mã QR.' });
    }
  });
}
