/**
 * Telegram channel (grammY). Webhook mode mounts POST /webhooks/telegram, checked against
 * TELEGRAM_WEBHOOK_SECRET (401 on mismatch); polling mode long-polls once the app is ready.
 * Handlers only translate updates into channel events; the shared pipeline answers them.
 */
import { mountPipeline } from '../channel/pipeline-setup.ts';
import { Bot, webhookCallback, type Context } from 'grammy';
import { timingSafeEqual } from 'node:crypto';
import type { UserFromGetMe } from 'grammy/types';
import type { AppModule } from '../../bot/app-context.ts';
import type { Config } from '../../bot/config.ts';
import type { ChannelLog } from '../channel/channel-pipeline.ts';
import { decodeChoiceData } from './telegram-callback-data.ts';
import { TelegramOutbound } from './telegram-outbound.ts';
import { retryOn429 } from './telegram-retry.ts';

export interface TelegramModuleOptions {
  /** Skips getMe at start (tests, or a cached value). */
  botInfo?: UserFromGetMe;
  sleep: (ms: number) => Promise<void>;
  /** Bounded retry on 429. */
  maxRetries: number;
  maxRetryWaitSec: number;
  dedupTtlMs: number;
  now: () => number;
  /** Called with the bot once built (tests, CLI). */
  onBot?: (bot: Bot) => void;
}

const DEFAULTS: TelegramModuleOptions = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxRetries: 3,
  maxRetryWaitSec: 30,
  dedupTtlMs: 48 * 3600_000,
  now: Date.now,
};

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/** True when a bot token is configured. */
export function telegramConfigured(config: Config): boolean {
  return Boolean(config.TELEGRAM_BOT_TOKEN);
}

/** Constant-time comparison of the webhook secret header. */
function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The kind of non-text message, for the logs. */
function messageKind(ctx: Context): string {
  const msg = ctx.msg as Record<string, unknown> | undefined;
  const kinds = ['photo', 'sticker', 'voice', 'audio', 'video', 'video_note', 'document', 'location', 'contact', 'animation', 'poll', 'venue', 'dice'];
  return kinds.find((k) => msg && k in msg) ?? 'other';
}

/** The Telegram channel module. */
export function telegramModule(overrides: Partial<TelegramModuleOptions> = {}): AppModule {
  const options = { ...DEFAULTS, ...overrides };
  return async (app, ctx) => {
    const { config } = ctx;
    const token = config.TELEGRAM_BOT_TOKEN;
    if (!token) throw new Error('Kênh Telegram cần TELEGRAM_BOT_TOKEN.');
    if (config.TELEGRAM_MODE === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) {
      throw new Error('TELEGRAM_MODE=webhook cần TELEGRAM_WEBHOOK_SECRET (chuỗi bí mật A-Z a-z 0-9 _ -), hoặc đặt TELEGRAM_MODE=polling.');
    }
    const log: ChannelLog = app.log.child({ channel: 'telegram' });
    const bot = new Bot(token, {
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
      // Above the 30 s long-poll, far below grammY's 500 s default, so a stuck call fails.
      client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''), timeoutSeconds: 60 },
    });
    bot.api.config.use(retryOn429({ maxRetries: options.maxRetries, maxWaitSec: options.maxRetryWaitSec, sleep: options.sleep, log }));
    options.onBot?.(bot);

    const knowledge = () => ctx.runtime.snapshot();
    const pipeline = mountPipeline(app, ctx, { channel: 'telegram', outbound: new TelegramOutbound({ api: bot.api, knowledge, log }), log, dedupTtlMs: options.dedupTtlMs, now: options.now });

    const base = (c: Context) => {
      const chatId = String(c.chat!.id);
      return { userId: chatId, eventId: `${chatId}:${c.msg!.message_id}`, ...(c.msg?.date ? { time: new Date(c.msg.date * 1000) } : {}) };
    };
    bot.command(['start', 'help'], (c) => {
      pipeline.accept({ type: 'greet', ...base(c) });
    });
    bot.on('message:text', (c) => {
      pipeline.accept({ type: 'text', text: c.msg.text, ...base(c) });
    });
    bot.on('message', (c) => {
      pipeline.accept({ type: 'unsupported', what: messageKind(c), ...base(c) });
    });
    bot.on('callback_query:data', (c) => {
      const query = c.callbackQuery;
      const choiceId = decodeChoiceData(query.data, knowledge()) ?? '';
      const userId = String(c.chat?.id ?? query.from.id);
      pipeline.accept({ type: 'choice', userId, eventId: `cb:${query.id}`, choiceId, acknowledge: async () => void (await c.answerCallbackQuery()) });
    });
    bot.catch((err) => log.error({ err: err.error, updateId: err.ctx.update.update_id }, 'Telegram update handler failed'));

    if (config.TELEGRAM_MODE === 'webhook') {
      const secret = config.TELEGRAM_WEBHOOK_SECRET!;
      const handle = webhookCallback(bot, 'fastify', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 5000 });
      app.post(TELEGRAM_WEBHOOK_PATH, async (request, reply) => {
        // Checked here first: grammY would call getMe (bot.init) before looking at the secret.
        if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], secret)) {
          log.warn('Telegram webhook rejected: wrong secret token');
          return reply.status(401).send({ error: 'Sai mã bí mật webhook.' });
        }
        return handle(request, reply);
      });
      const initAbort = new AbortController();
      app.addHook('onReady', async () => {
        // Fetch the bot's identity ahead of the first update (not awaited: the server starts
        // anyway; grammY keeps retrying network errors until it succeeds or the app closes).
        if (!bot.isInited()) bot.init(initAbort.signal as Parameters<typeof bot.init>[0]).catch((err: unknown) => initAbort.signal.aborted || log.error({ err }, 'Telegram getMe failed'));
      });
      app.addHook('onClose', async () => {
        initAbort.abort();
        await pipeline.close();
      });
    } else {
      app.addHook('onReady', async () => {
        // Not awaited: start() resolves only when polling stops.
        void bot.start({ drop_pending_updates: false, onStart: (me) => log.info({ bot: me.username }, 'Telegram long polling started') }).catch((err: unknown) => log.error({ err }, 'Telegram polling stopped with an error'));
      });
      app.addHook('onClose', async () => {
        if (bot.isRunning()) await bot.stop();
        await pipeline.close();
      });
    }
  };
}
