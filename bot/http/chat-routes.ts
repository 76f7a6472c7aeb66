/**
 * POST /api/chat — the contract every channel and the evaluation use — plus /api/feedback
 * and /api/session/reset.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Assistant } from '../assistant.ts';
import type { SqliteConversationStore } from '../sqlite-conversation-store.ts';
import type { ChatResult, InboundMessage } from '../reply.ts';
import { RETRY_AFTER_SECONDS, type ChatLimits } from './chat-limits.ts';

const ChatBody = z.object({
  sessionId: z.string({ error: 'Thiếu sessionId (chuỗi 1–64 ký tự).' }).min(1, 'sessionId không được để trống.').max(64, 'sessionId dài tối đa 64 ký tự.'),
  text: z.string({ error: 'Thiếu nội dung câu hỏi (text).' }).min(1, 'Câu hỏi không được để trống.').max(2000, 'Câu hỏi dài tối đa 2.000 ký tự.'),
  channel: z.enum(['web', 'api']).optional(),
}, { error: 'Nội dung phải là JSON dạng { "sessionId": "...", "text": "..." }.' });

const FeedbackBody = z.object({
  sessionId: z.string().min(1).max(64),
  messageId: z.number().int().positive().optional(),
  entryId: z.string().max(80).optional(),
  rating: z.union([z.literal(1), z.literal(-1), z.literal('up'), z.literal('down')]),
  comment: z.string().max(500, 'Góp ý dài tối đa 500 ký tự.').optional(),
}, { error: 'Góp ý không hợp lệ: cần sessionId và rating (1 hoặc -1).' });

/** Everything the chat routes need from the composition root. */
export interface ChatRouteDeps {
  assistant: Assistant;
  conversations: SqliteConversationStore;
  /** Reply used when answering itself fails: the citizen still gets a polite message. */
  failureReply: () => ChatResult;
  /** Flood limits; none in tests that send many questions. */
  limits?: ChatLimits;
}

/** 429 for a client over its limit, in Vietnamese, with when to try again. */
function tooFast(reply: FastifyReply): FastifyReply {
  return reply.status(429).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: 'Bạn gửi câu hỏi nhanh quá. Bạn chờ khoảng một phút rồi hỏi tiếp nhé.' });
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Yêu cầu không hợp lệ.';
}

export async function chatRoutes(app: FastifyInstance, deps: ChatRouteDeps): Promise<void> {
  app.post('/api/chat', async (request, reply) => {
    const parsed = ChatBody.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ error: firstIssue(parsed.error) });
    if (deps.limits && !deps.limits.allow(request.ip, parsed.data.sessionId)) return tooFast(reply);
    const message: InboundMessage = { channel: parsed.data.channel ?? 'api', userId: parsed.data.sessionId, text: parsed.data.text, time: new Date() };
    try {
      const result = await deps.assistant.handle(message);
      const { transcriptId, ...body } = result;
      return transcriptId ? { ...body, messageId: transcriptId } : body;
    } catch (error) {
      // Per-message error boundary: log with the session, answer politely, never a 5xx.
      request.log.error({ err: error, channel: message.channel }, 'answering failed');
      return deps.failureReply();
    }
  });

  app.post('/api/feedback', async (request, reply) => {
    const parsed = FeedbackBody.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ error: firstIssue(parsed.error) });
    // Feedback counts against the same limits: each one is a row in the database.
    if (deps.limits && !deps.limits.allow(request.ip, parsed.data.sessionId)) return tooFast(reply);
    const f = parsed.data;
    // Only the session that asked may rate an answer: ids are sequential and easy to guess.
    const found = f.messageId ? deps.conversations.transcript(f.messageId) : undefined;
    const transcript = found && found.sessionId === f.sessionId ? found : undefined;
    const id = deps.conversations.recordFeedback({
      transcriptId: transcript?.id,
      sessionId: f.sessionId,
      channel: transcript?.channel ?? 'web',
      entryId: transcript?.entryId ?? f.entryId ?? null,
      question: transcript?.question ?? null,
      rating: f.rating === 'up' || f.rating === 1 ? 1 : -1,
      comment: f.comment?.trim() || null,
    });
    return { ok: true, id, message: 'Cảm ơn bạn đã góp ý!' };
  });

  app.post('/api/session/reset', async (request, reply) => {
    const parsed = ChatBody.pick({ sessionId: true, channel: true }).safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ error: firstIssue(parsed.error) });
    deps.assistant.reset(parsed.data.channel ?? 'api', parsed.data.sessionId);
    return { ok: true };
  });
}
