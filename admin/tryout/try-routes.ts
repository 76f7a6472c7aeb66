/**
 * "Thử bot": staff ask as a citizen would and see the reply plus why it was chosen — the ranked
 * matches and each candidate's lexical, vector and coverage scores against the policy thresholds.
 * Test chats use the "admin-test-" session prefix, which reports and the inbox leave out.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../../bot/answer-policy.ts';
import type { AdminServices } from '../admin-services.ts';
import { ADMIN_TEST_PREFIX } from '../inbox/inbox-repo.ts';

const TryBody = z.object({ text: z.string().trim().min(1, 'Hãy gõ một câu hỏi.').max(2000, 'Câu hỏi dài tối đa 2.000 ký tự.') });
const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1000) / 1000);

/** Mounts /admin/api/try and /admin/api/try/reset. */
export async function tryRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  const { assistant, runtime } = s.ctx;

  app.post(
    '/api/try',
    s.guard('viewer', async (request, reply, auth) => {
      const body = TryBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: body.error.issues[0]!.message });
      const text = body.data.text;
      const result = await assistant.handle({ channel: 'api', userId: `${ADMIN_TEST_PREFIX}${auth.user.username}`, text, time: new Date() });
      const kb = runtime.snapshot();
      const hits = await kb.retriever.search(text, 5);
      return {
        reply: result.reply,
        matches: result.matches,
        retriever: kb.retriever.name,
        analyzed: kb.analyzer.analyze(text).folded,
        policy: { minCoverage: DEFAULT_POLICY.minCoverage, minScore: DEFAULT_POLICY.minScore },
        hits: hits.map((h) => {
          const e = kb.entries.get(h.entryId);
          return { id: h.entryId, kind: e?.kind ?? null, title: e?.title ?? h.entryId, score: round(h.score), lexical: round(h.lexical), vector: round(h.vector), coverage: round(h.coverage) };
        }),
      };
    }),
  );

  app.post(
    '/api/try/reset',
    s.guard('viewer', (_request, _reply, auth) => {
      assistant.reset('api', `${ADMIN_TEST_PREFIX}${auth.user.username}`);
      return { ok: true };
    }),
  );
}
