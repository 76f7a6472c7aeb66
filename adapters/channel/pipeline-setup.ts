/**
 * Builds a channel's pipeline from the app's shared services, so each channel module only says
 * what is specific to it (its name and its outbound sender).
 */
import type { AppContext } from '../../bot/app-context.ts';
import { ChannelPipeline, registerPipeline, type ChannelLog, type ChannelName, type ChannelOutbound } from './channel-pipeline.ts';
import { RateLimiter } from '../../bot/rate-limiter.ts';
import { SqliteEventDedup } from './sqlite-event-dedup.ts';

export interface PipelineSetup {
  channel: ChannelName;
  outbound: ChannelOutbound;
  log: ChannelLog;
  /** How long a delivered event id is remembered for deduplication. */
  dedupTtlMs: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** Creates the pipeline (dedup, per-user rate limit, queue) and registers it for `channelsIdle`. */
export function mountPipeline(app: object, ctx: AppContext, setup: PipelineSetup): ChannelPipeline {
  const pipeline = new ChannelPipeline({
    channel: setup.channel,
    outbound: setup.outbound,
    assistant: ctx.assistant,
    sessions: ctx.conversations,
    knowledge: () => ctx.runtime.snapshot(),
    dedup: new SqliteEventDedup(ctx.db, { ttlMs: setup.dedupTtlMs, now: setup.now }),
    limiter: new RateLimiter({ limit: ctx.config.CHANNEL_RATE_LIMIT_PER_MIN, now: setup.now }),
    log: setup.log,
  });
  registerPipeline(app, pipeline);
  return pipeline;
}
