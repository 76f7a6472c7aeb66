/**
 * The shared channel seam. A channel's inbound side verifies and parses a webhook into
 * {@link ChannelEvent}s and hands them to `accept`, which returns at once (the route acknowledges
 * with 200); the pipeline then deduplicates, rate-limits, queues and answers each event through
 * the channel's {@link ChannelOutbound}, inside a per-message error boundary.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Assistant } from '../../bot/assistant.ts';
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';
import { maskPersonalData } from '../../bot/pii.ts';
import type { InboundMessage, Reply } from '../../bot/reply.ts';
import type { SessionStore } from '../../bot/session-store.ts';
import { apologyText, rateLimitNotice, textOnlyNotice } from './channel-texts.ts';
import { greetingReply, rememberChoices, resolveChoice } from './choice-memory.ts';
import type { RateLimiter } from '../../bot/rate-limiter.ts';
import type { SqliteEventDedup } from './sqlite-event-dedup.ts';
import { WorkQueue } from './work-queue.ts';

export type ChannelName = Extract<InboundMessage['channel'], 'zalo' | 'telegram'>;

/** Logger shape the channels use (pino / fastify compatible). */
export type ChannelLog = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

/** Longest question passed to the assistant (same as the HTTP chat contract). */
export const MAX_QUESTION_CHARS = 2000;

interface EventBase {
  /** Channel user id replies go to (Zalo user id, Telegram chat id). */
  userId: string;
  /** Platform id of the event, the deduplication key (Zalo msg_id, Telegram chat:message id…). */
  eventId: string;
  time?: Date;
}

/** What a channel's inbound side turns a webhook into. */
export type ChannelEvent =
  | (EventBase & { type: 'text'; text: string })
  | (EventBase & { type: 'greet' })
  | (EventBase & { type: 'unsupported'; what: string })
  | (EventBase & { type: 'choice'; choiceId: string; acknowledge?: () => Promise<void> });

/** A channel's outbound side: neutral reply in, platform calls out. */
export interface ChannelOutbound {
  /** Renders and sends a reply, degrading rich parts to text where needed. */
  sendReply(userId: string, reply: Reply): Promise<void>;
  sendText(userId: string, text: string): Promise<void>;
  /** True when the citizen cannot be reached now (e.g. outside Zalo's reply window): no apology is attempted. */
  isUndeliverable(error: unknown): boolean;
}

export interface ChannelPipelineDeps {
  channel: ChannelName;
  outbound: ChannelOutbound;
  assistant: Pick<Assistant, 'handle'>;
  sessions: SessionStore;
  knowledge: () => KnowledgeSnapshot;
  dedup: SqliteEventDedup;
  limiter: RateLimiter;
  log: ChannelLog;
  queue?: WorkQueue;
}

export type AcceptResult = 'queued' | 'duplicate' | 'limited' | 'overloaded';

export class ChannelPipeline {
  readonly channel: ChannelName;
  private readonly queue: WorkQueue;

  constructor(private readonly deps: ChannelPipelineDeps) {
    this.channel = deps.channel;
    this.queue =
      deps.queue ??
      new WorkQueue({ onError: (err, key) => deps.log.error({ err, channel: deps.channel, key }, 'channel job failed outside its boundary') });
  }

  /** Synchronous: dedup + rate limit + enqueue. Call it, then acknowledge the webhook. */
  accept(event: ChannelEvent): AcceptResult {
    const { channel, log } = this.deps;
    if (!this.deps.dedup.firstSeen(channel, event.eventId)) {
      log.info({ channel, messageId: event.eventId }, 'duplicate delivery ignored');
      return 'duplicate';
    }
    const decision = this.deps.limiter.hit(`${channel}:${event.userId}`);
    if (decision !== 'allow') {
      log.warn({ channel, messageId: event.eventId, notice: decision === 'notify' }, 'rate limit exceeded');
      if (decision === 'notify') this.enqueue(event, () => this.deps.outbound.sendText(event.userId, rateLimitNotice()));
      return 'limited';
    }
    return this.enqueue(event, () => this.process(event)) ? 'queued' : 'overloaded';
  }

  /** Resolves when every queued event has been answered. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops accepting and waits (at most `timeoutMs`) for queued answers before the database closes. */
  async close(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref()))]);
    clearTimeout(timer);
  }

  private enqueue(event: ChannelEvent, run: () => Promise<void>): boolean {
    const ok = this.queue.push(event.userId, () => this.boundary(event, run));
    if (!ok) this.deps.log.error({ channel: this.channel, messageId: event.eventId }, 'channel queue full or closed: event dropped');
    return ok;
  }

  /** Per-message error boundary: log channel + message id, apologise politely, never rethrow. */
  private async boundary(event: ChannelEvent, run: () => Promise<void>): Promise<void> {
    const { channel, log, outbound } = this.deps;
    try {
      await run();
    } catch (err) {
      log.error({ err, channel, messageId: event.eventId }, 'answering failed');
      if (outbound.isUndeliverable(err)) return;
      try {
        await outbound.sendText(event.userId, apologyText(this.ward()));
      } catch (err2) {
        log.error({ err: err2, channel, messageId: event.eventId }, 'apology could not be sent');
      }
    }
  }

  private ward() {
    try {
      return this.deps.knowledge().ward;
    } catch {
      return undefined;
    }
  }

  private async process(event: ChannelEvent): Promise<void> {
    const { channel, outbound, log } = this.deps;
    switch (event.type) {
      case 'text':
        return this.answer(event, event.text);
      case 'greet': {
        const reply = greetingReply(this.deps.knowledge());
        rememberChoices(this.deps.sessions, channel, event.userId, reply.choices, true);
        return outbound.sendReply(event.userId, reply);
      }
      case 'unsupported':
        log.info({ channel, messageId: event.eventId, what: event.what }, 'non-text message: asked for text');
        return outbound.sendText(event.userId, textOnlyNotice());
      case 'choice': {
        if (event.acknowledge) {
          // The button's spinner must stop even if answering fails later.
          await event.acknowledge().catch((err: unknown) => log.warn({ err, channel, messageId: event.eventId }, 'acknowledging a tap failed'));
        }
        const choice = resolveChoice(this.deps.knowledge(), event.choiceId);
        if (!choice) return outbound.sendText(event.userId, 'Mục bạn chọn không còn trong danh mục. Bạn vui lòng gõ câu hỏi giúp tôi nhé.');
        rememberChoices(this.deps.sessions, channel, event.userId, [choice]);
        return this.answer(event, choice.label);
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  private async answer(event: EventBase, text: string): Promise<void> {
    const { channel, log } = this.deps;
    log.debug({ channel, messageId: event.eventId, text: maskPersonalData(text.slice(0, 300)) }, 'question received');
    const message: InboundMessage = { channel, userId: event.userId, messageId: event.eventId, text: text.slice(0, MAX_QUESTION_CHARS), time: event.time ?? new Date() };
    const result = await this.deps.assistant.handle(message);
    await this.deps.outbound.sendReply(event.userId, result.reply);
  }
}

const registry = new WeakMap<object, Set<ChannelPipeline>>();

/** Records a pipeline under its app so `channelsIdle(app)` can wait for it. */
export function registerPipeline(app: object, pipeline: ChannelPipeline): void {
  const set = registry.get(app) ?? new Set<ChannelPipeline>();
  set.add(pipeline);
  registry.set(app, set);
}

/** Resolves when every channel of `app` has answered everything it accepted (tests await this). */
export async function channelsIdle(app: object): Promise<void> {
  await Promise.all([...(registry.get(app) ?? [])].map((p) => p.idle()));
}
