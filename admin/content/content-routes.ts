/**
 * JSON routes for procedures and Q&A: list with filters, read, create, update, delete, mark
 * reviewed, history with field diffs, rollback, and the citizen-view preview.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import type { AdminServices } from '../admin-services.ts';
import type { ContentKind } from './content-validation.ts';
import { ContentService, type SaveOutcome } from './content-service.ts';
import { FORMS } from './form-schema.ts';
import { KIND_LABELS } from './labels.ts';
import { previewProcedure, previewQa } from './preview.ts';

const Kind = z.enum(['procedure', 'qa']);
const ListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: Kind.optional().catch(undefined),
  field: z.string().max(200).optional(),
  status: z.enum(['draft', 'published']).optional().catch(undefined),
  stale: z.enum(['1', '0']).optional().catch(undefined),
});
const SaveBody = z.object({ entry: z.unknown(), revision: z.number().int().optional() });

type KindParams = { Params: { kind: string; id: string } };

function kindOf(value: string, reply: FastifyReply): ContentKind | undefined {
  const kind = Kind.safeParse(value);
  if (!kind.success) void reply.status(404).send({ error: 'Loại nội dung không đúng.' });
  return kind.success ? kind.data : undefined;
}

function send(reply: FastifyReply, outcome: SaveOutcome) {
  if (!outcome.ok) return reply.status(outcome.status).send({ error: outcome.errors.map((e) => e.message).join(' '), errors: outcome.errors });
  return { entry: outcome.entry, revision: outcome.revision, warnings: outcome.warnings };
}

/** Mounts /admin/api/forms, /entries/*, /preview/*. */
export async function contentRoutes(app: FastifyInstance, s: AdminServices, content: ContentService): Promise<void> {

  app.get(
    '/api/forms',
    s.guard('viewer', () => ({
      forms: FORMS,
      kinds: KIND_LABELS,
      procedures: s.ctx.store.listProcedures().map((p) => ({ value: p.id, label: p.name })),
      staleAfterDays: s.ctx.config.STALE_AFTER_DAYS,
    })),
  );

  app.get(
    '/api/entries',
    s.guard('viewer', (request) => {
      const q = ListQuery.parse(request.query);
      const all = content.list();
      const items = content.list({ q: q.q, kind: q.kind, field: q.field || undefined, status: q.status, stale: q.stale === undefined ? undefined : q.stale === '1' });
      return {
        items,
        fields: [...new Set(all.map((r) => r.field))].sort((a, b) => a.localeCompare(b, 'vi')),
        totals: { all: all.length, stale: all.filter((r) => r.stale).length, draft: all.filter((r) => r.status === 'draft').length },
      };
    }),
  );

  app.get('/api/entries/deleted', s.guard('viewer', () => ({ items: content.deleted() })));

  app.get<KindParams>(
    '/api/entries/:kind/:id',
    s.guard('viewer', (request, reply) => {
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      const { id } = request.params as KindParams['Params'];
      const entry = content.get(kind, id);
      if (!entry) return reply.status(404).send({ error: 'Không tìm thấy mục này (có thể đã bị xoá).' });
      return { entry, revision: content.revision(kind, id), stale: content.isStale(entry) };
    }),
  );

  app.post<{ Params: { kind: string } }>(
    '/api/entries/:kind',
    s.guard('editor', async (request, reply, auth) => {
      const kind = kindOf((request.params as { kind: string }).kind, reply);
      if (!kind) return reply;
      const body = SaveBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Thiếu nội dung cần lưu.' });
      return send(reply, await content.save(kind, body.data.entry, auth.user.username));
    }),
  );

  app.put<KindParams>(
    '/api/entries/:kind/:id',
    s.guard('editor', async (request, reply, auth) => {
      const { id } = request.params as KindParams['Params'];
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      const body = SaveBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Thiếu nội dung cần lưu.' });
      if (!content.get(kind, id)) return reply.status(404).send({ error: 'Không tìm thấy mục này (có thể đã bị xoá).' });
      return send(reply, await content.save(kind, body.data.entry, auth.user.username, { expectedId: id, baseRevision: body.data.revision }));
    }),
  );

  app.delete<KindParams>(
    '/api/entries/:kind/:id',
    s.guard('editor', async (request, reply, auth) => {
      const { id } = request.params as KindParams['Params'];
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      if (!(await content.remove(kind, id, auth.user.username))) return reply.status(404).send({ error: 'Không tìm thấy mục này.' });
      return { ok: true };
    }),
  );

  app.post<KindParams>(
    '/api/entries/:kind/:id/reviewed',
    s.guard('editor', async (request, reply, auth) => {
      const { id } = request.params as KindParams['Params'];
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      return send(reply, await content.markReviewed(kind, id, auth.user.username));
    }),
  );

  app.get<KindParams>(
    '/api/entries/:kind/:id/history',
    s.guard('viewer', (request, reply) => {
      const { id } = request.params as KindParams['Params'];
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      return { revisions: content.history(kind, id), exists: !!content.get(kind, id) };
    }),
  );

  app.post<KindParams>(
    '/api/entries/:kind/:id/rollback',
    s.guard('editor', async (request, reply, auth) => {
      const { id } = request.params as KindParams['Params'];
      const kind = kindOf((request.params as KindParams['Params']).kind, reply);
      if (!kind) return reply;
      const body = z.object({ revisionId: z.number().int() }).safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Hãy chọn phiên bản cần khôi phục.' });
      return send(reply, await content.rollback(kind, id, body.data.revisionId, auth.user.username));
    }),
  );

  app.post<{ Params: { kind: string } }>(
    '/api/preview/:kind',
    s.guard('viewer', async (request, reply) => {
      const kind = kindOf((request.params as { kind: string }).kind, reply);
      if (!kind) return reply;
      const body = SaveBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Thiếu nội dung cần xem trước.' });
      const checked = content.check(kind, body.data.entry);
      if (!checked.entry) return reply.status(400).send({ error: 'Chưa xem trước được vì nội dung còn lỗi.', errors: checked.errors });
      const preview = kind === 'procedure' ? await previewProcedure(s.ctx, checked.entry as Procedure) : await previewQa(s.ctx, checked.entry as QaEntry);
      return { preview, warnings: checked.warnings };
    }),
  );
}
