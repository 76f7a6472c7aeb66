/**
 * "Câu hỏi chưa trả lời được": grouped open questions with suggested entries, and the one-step
 * fixes — add the wording to an entry's questions, create a new Q&A entry, or ignore.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fold, normalizeText } from '../../knowledge/text/normalize.ts';
import type { AdminServices } from '../admin-services.ts';
import type { ContentService, SaveOutcome } from '../content/content-service.ts';
import { clusterQuestions, suggestId } from './cluster.ts';
import { InboxRepo } from './inbox-repo.ts';

const Ids = z.array(z.number().int()).max(5000);
const ParaphraseBody = z.object({ transcriptIds: Ids, question: z.string().trim().min(1).max(300), kind: z.enum(['procedure', 'qa']), entryId: z.string().max(80) });
const NewQaBody = z.object({ transcriptIds: Ids, entry: z.record(z.string(), z.unknown()) });
const IgnoreBody = z.object({ keys: z.array(z.string().max(400)).min(1).max(500), sample: z.string().max(300) });

/** Mounts /admin/api/inbox and its actions. */
export async function inboxRoutes(app: FastifyInstance, s: AdminServices, content: ContentService): Promise<void> {
  const { db, runtime, store } = s.ctx;
  const repo = new InboxRepo(db);

  const answer = (reply: import('fastify').FastifyReply, outcome: SaveOutcome) =>
    outcome.ok ? undefined : reply.status(outcome.status).send({ error: outcome.errors.map((e) => e.message).join(' '), errors: outcome.errors });

  app.get(
    '/api/inbox',
    s.guard('viewer', async (request) => {
      const days = Math.min(365, Math.max(1, Number((request.query as { days?: string }).days) || 90));
      const kb = runtime.snapshot();
      const stopwords = new Set((store.getLexicon()?.stopwords ?? []).map((w) => fold(normalizeText(w))));
      const normalise = (text: string) => kb.analyzer.analyze(text).folded || fold(normalizeText(text));
      const ignored = repo.ignoredKeys();
      const open = repo.openQuestions(new Date(Date.now() - days * 86_400_000).toISOString()).filter((q) => !ignored.has(normalise(q.question)));
      const clusters = clusterQuestions(open, { normalise, stopwords }).slice(0, 100);
      const taken = (id: string) => !!store.getProcedure(id) || !!store.getQa(id);
      const withHints = await Promise.all(
        clusters.map(async (c) => {
          const hits = await kb.retriever.search(c.sample, 3);
          const suggestions = hits.map((h) => {
            const e = kb.entries.get(h.entryId);
            return { kind: e?.kind ?? 'qa', id: h.entryId, title: e?.title ?? h.entryId, score: Math.round(h.score * 100) / 100 };
          });
          return { ...c, suggestions, suggestedId: suggestId(c.sample, taken) };
        }),
      );
      return { days, total: open.length, clusters: withHints };
    }),
  );

  app.post(
    '/api/inbox/paraphrase',
    s.guard('editor', async (request, reply, auth) => {
      const body = ParaphraseBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Hãy chọn mục cần thêm cách hỏi.' });
      const outcome = await content.addQuestion(body.data.kind, body.data.entryId, body.data.question, auth.user.username);
      if (!outcome.ok) return answer(reply, outcome);
      repo.resolve(body.data.transcriptIds, body.data.entryId, auth.user.username);
      return { ok: true, entry: outcome.entry };
    }),
  );

  app.post(
    '/api/inbox/new-qa',
    s.guard('editor', async (request, reply, auth) => {
      const body = NewQaBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Thiếu nội dung mục hỏi đáp mới.' });
      const outcome = await content.save('qa', body.data.entry, auth.user.username);
      if (!outcome.ok) return answer(reply, outcome);
      repo.resolve(body.data.transcriptIds, outcome.entry.id, auth.user.username);
      return { ok: true, entry: outcome.entry };
    }),
  );

  app.post(
    '/api/inbox/ignore',
    s.guard('editor', (request, reply, auth) => {
      const body = IgnoreBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Không có câu hỏi nào để bỏ qua.' });
      db.transaction(() => {
        repo.ignore(body.data.keys, body.data.sample, auth.user.username);
        s.audit.record({ actor: auth.user.username, action: 'ignore', entityType: 'inbox', entityId: body.data.keys[0]!, after: body.data });
      })();
      return { ok: true };
    }),
  );
}
