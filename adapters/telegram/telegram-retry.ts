/**
 * Bounded retry on Telegram's 429 ("Too Many Requests: retry after N"), as an API transformer,
 * so every call (sendMessage, sendPhoto, answerCallbackQuery…) waits `retry_after` and tries
 * again a few times instead of dropping the citizen's answer.
 */
import type { Transformer } from 'grammy';
import type { ChannelLog } from '../channel/channel-pipeline.ts';

export interface RetryOptions {
  maxRetries: number;
  /** A longer requested wait is not honoured: the call fails and the error boundary apologises. */
  maxWaitSec: number;
  sleep: (ms: number) => Promise<void>;
  log?: ChannelLog;
}

export function retryOn429(options: RetryOptions): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      const response = await prev(method, payload, signal);
      if (response.ok || response.error_code !== 429) return response;
      const wait = response.parameters?.retry_after ?? 1;
      if (attempt >= options.maxRetries || wait > options.maxWaitSec) return response;
      options.log?.warn({ channel: 'telegram', method, retryAfter: wait, attempt }, 'Telegram 429: waiting before retry');
      await options.sleep(wait * 1000);
    }
  };
}
