/**
 * Composition root: the only place that wires store, knowledge runtime, assistant, HTTP routes
 * and channel modules together. Tests call `buildApp` and use `app.inject()` or a loopback port.
 */
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../knowledge/sqlite/database.ts';
import { SqliteKnowledgeStore } from '../knowledge/sqlite/sqlite-knowledge-store.ts';
import type { AppContext, AppModule } from './app-context.ts';
import { Assistant, type AssistantOptions } from './assistant.ts';
import { linkBuilder } from './card.ts';
import type { Config } from './config.ts';
import { ChatLimits } from './http/chat-limits.ts';
import { chatRoutes } from './http/chat-routes.ts';
import { installErrorHandling } from './http/errors.ts';
import { homeRoutes } from './http/home-page.ts';
import { procedureRoutes } from './http/procedure-routes.ts';
import { KnowledgeRuntime } from './knowledge-runtime.ts';
import type { KnowledgeSnapshot } from './knowledge-snapshot.ts';
import { SqliteConversationStore } from './sqlite-conversation-store.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface BuildOptions {
  /** Extra route modules (channels, widget, admin). */
  modules?: AppModule[];
  assistant?: Partial<AssistantOptions>;
  /** Upgrades each knowledge snapshot (hybrid retrieval); `flush` runs on close. */
  enhance?: ((snapshot: KnowledgeSnapshot) => KnowledgeSnapshot | Promise<KnowledgeSnapshot>) & { flush?: () => void };
  bundleDir?: string;
}

export interface AppHandle extends AppContext {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the whole application without listening. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<AppHandle> {
  const db = openDatabase(config.dbFile);
  const store = new SqliteKnowledgeStore(db);
  let logError: (error: unknown) => void = (error) => console.error(error);
  const runtime = await KnowledgeRuntime.start(store, {
    seed: config.SEED_BUNDLE,
    staleAfterDays: config.STALE_AFTER_DAYS,
    enhance: options.enhance,
    bundleDir: options.bundleDir,
    onError: (error) => logError(error),
  });
  const conversations = new SqliteConversationStore(db);
  const links = linkBuilder(config.PUBLIC_URL);
  const assistant = new Assistant({
    knowledge: () => runtime.snapshot(),
    sessions: conversations,
    links,
    options: options.assistant,
    transcripts: (message, result) => {
      const top = result.reply.kind === 'answer' ? result.matches[0] : undefined;
      return conversations.recordTranscript({
        sessionId: message.userId,
        channel: message.channel,
        question: message.text,
        replyKind: result.reply.kind,
        entryId: result.reply.kind === 'answer' ? result.reply.entryId : null,
        score: top?.score ?? result.matches[0]?.score ?? null,
      });
    },
  });

  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 256 * 1024,
    trustProxy: trustProxySetting(config.TRUST_PROXY),
  });
  installErrorHandling(app);
  logError = (error) => app.log.error({ err: error }, 'knowledge rebuild failed; the previous version keeps answering');
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    return payload;
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
    methods: ['GET', 'POST'],
  });
  await app.register(fastifyStatic, { root: join(here, 'static'), prefix: '/static/', decorateReply: false });

  // Anyone can open a session on the public API; forget idle ones so the table stays small.
  const purge = setInterval(() => conversations.purgeSessions(new Date(Date.now() - 24 * 3_600_000).toISOString()), 3_600_000);
  purge.unref();

  const ctx: AppContext = { config, db, store, runtime, assistant, conversations, links };
  app.get('/healthz', async () => {
    const kb = runtime.snapshot();
    return { status: 'ok', procedures: kb.procedures.size, entries: kb.entries.size, retriever: kb.retriever.name };
  });
  await chatRoutes(app, {
    assistant,
    conversations,
    limits: new ChatLimits({ perSession: config.CHAT_RATE_LIMIT_PER_MIN, perAddress: config.CHAT_RATE_LIMIT_PER_ADDRESS_PER_MIN }),
    failureReply: () => {
      const ward = runtime.snapshot().ward;
      return {
        reply: { kind: 'fallback', reason: 'no-match', text: `Xin lỗi, hệ thống đang bận. Bạn vui lòng hỏi lại sau ít phút hoặc gọi ${ward.hotline}.`, hotline: ward.hotline, officeHours: ward.officeHours, suggestions: [] },
        matches: [],
      };
    },
  });
  await procedureRoutes(app, { knowledge: () => runtime.snapshot(), links });
  await homeRoutes(app, { knowledge: () => runtime.snapshot(), links });
  for (const mount of options.modules ?? []) await mount(app, ctx);

  return {
    ...ctx,
    app,
    async close() {
      clearInterval(purge);
      await app.close();
      runtime.stop();
      await runtime.settled();
      options.enhance?.flush?.();
      db.close();
    },
  };
}

/** TRUST_PROXY as fastify understands it: false, true, or an address / "loopback" list. */
function trustProxySetting(value: string): boolean | string {
  if (value === 'false' || value === '0' || value === '') return false;
  if (value === 'true' || value === '1') return true;
  return value;
}
