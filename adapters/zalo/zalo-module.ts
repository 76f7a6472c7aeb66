/**
 * Zalo OA channel: POST /webhooks/zalo verifies the signature over the raw bytes, checks the
 * event's age, acknowledges with 200 at once and hands the event to the channel pipeline;
 * answers go out through the Open API with an auto-refreshing token.
 */
import { mountPipeline } from '../channel/pipeline-setup.ts';
import type { FastifyInstance } from 'fastify';
import type { AppModule } from '../../bot/app-context.ts';
import type { Config } from '../../bot/config.ts';
import type { ChannelLog } from '../channel/channel-pipeline.ts';
import { sleep as realSleep, ZaloApiClient } from './zalo-api-client.ts';
import { translateZaloEvent, type ZaloWebhookEvent } from './zalo-events.ts';
import { ZaloOutbound } from './zalo-outbound.ts';
import { verifyZaloSignature, type NamedSecret } from './zalo-signature.ts';
import { ZaloTokenManager } from './zalo-token-manager.ts';
import { SqliteZaloTokenStore } from './zalo-token-store.ts';

/** Code-level options (tests shorten waits; production uses the defaults). */
export interface ZaloModuleOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** First wait after a -32 rate-limit answer (doubles per retry, 3 retries). */
  backoffMs: number;
  /** How often the token is checked for a refresh ahead of expiry. */
  tokenCheckMs: number;
  /** How long handled event ids are remembered. */
  dedupTtlMs: number;
  /** Events newer than now + this are rejected too (clock skew allowance). */
  futureSkewMs: number;
}

const DEFAULTS: ZaloModuleOptions = {
  now: Date.now,
  sleep: realSleep,
  backoffMs: 1000,
  tokenCheckMs: 10 * 60_000,
  dedupTtlMs: 48 * 3600_000,
  futureSkewMs: 60_000,
};

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

/** True when enough is configured to mount the Zalo channel. */
export function zaloConfigured(config: Config): boolean {
  return Boolean(config.ZALO_APP_ID && (config.ZALO_OA_SECRET_KEY || config.ZALO_APP_SECRET));
}

/** The Zalo OA channel module. */
export function zaloModule(overrides: Partial<ZaloModuleOptions> = {}): AppModule {
  const options = { ...DEFAULTS, ...overrides };
  return async (app, ctx) => {
    const { config } = ctx;
    const appId = config.ZALO_APP_ID;
    if (!appId || !zaloConfigured(config)) throw new Error('Kênh Zalo cần ZALO_APP_ID và ZALO_OA_SECRET_KEY (hoặc ZALO_APP_SECRET).');
    const log: ChannelLog = app.log.child({ channel: 'zalo' });
    const secrets: NamedSecret[] = [
      ...(config.ZALO_OA_SECRET_KEY ? [{ name: 'oa-secret-key' as const, value: config.ZALO_OA_SECRET_KEY }] : []),
      ...(config.ZALO_APP_SECRET ? [{ name: 'app-secret' as const, value: config.ZALO_APP_SECRET }] : []),
    ];
    const store = new SqliteZaloTokenStore(ctx.db);
    const tokens = new ZaloTokenManager({ store, oauthBase: config.ZALO_OAUTH_BASE, appId, appSecret: config.ZALO_APP_SECRET, now: options.now });
    const client = new ZaloApiClient({
      baseUrl: config.ZALO_API_BASE,
      tokens,
      backoffMs: options.backoffMs,
      sleep: options.sleep,
      onRetry: (info) => log.warn(info, info.code === -32 ? 'Zalo rate limit: backing off' : 'Zalo token rejected: refreshing and retrying once'),
    });
    const knowledge = () => ctx.runtime.snapshot();
    const pipeline = mountPipeline(app, ctx, { channel: 'zalo', outbound: new ZaloOutbound({ client, knowledge, log, now: options.now }), log, dedupTtlMs: options.dedupTtlMs, now: options.now });

    const status = tokens.status();
    if (status.state !== 'ok') log.warn({ token: status.state }, status.message);
    if (!config.ZALO_APP_SECRET) log.warn('ZALO_APP_SECRET chưa đặt: token Zalo sẽ không tự làm mới được.');
    // Refresh ahead of expiry even when nobody writes, so a quiet weekend does not kill the token.
    const timer = setInterval(() => {
      const s = tokens.status();
      if (s.state !== 'expiring' && s.state !== 'expired') return;
      tokens.refresh().then(
        () => log.info('Zalo access token refreshed ahead of expiry'),
        (err: unknown) => log.error({ err }, 'Zalo token refresh failed'),
      );
    }, options.tokenCheckMs).unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await pipeline.close();
    });

    const seen = { secret: new Set<string>(), format: new Set<string>() };
    await app.register(async (scope: FastifyInstance) => {
      // Encapsulated: only this route keeps the raw bytes the signature is computed over.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

      scope.post(ZALO_WEBHOOK_PATH, async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let body: ZaloWebhookEvent;
        try {
          body = JSON.parse(raw.toString('utf8')) as ZaloWebhookEvent;
          if (!body || typeof body !== 'object') throw new Error('not an object');
        } catch {
          return reply.status(400).send({ error: 'Nội dung webhook không phải JSON hợp lệ.' });
        }
        const timestamp = body.timestamp === undefined ? '' : String(body.timestamp);
        const verdict = verifyZaloSignature({ appId, rawBody: raw, timestamp, header: request.headers['x-zevent-signature'], secrets });
        if (!verdict.ok) {
          log.warn({ reason: verdict.reason, event: body.event_name }, 'Zalo webhook rejected: bad signature');
          return reply.status(401).send({ error: 'Chữ ký không hợp lệ.' });
        }
        // UNVERIFIED protocol details: log (once each) which variant real traffic uses.
        if (!seen.secret.has(verdict.secret)) {
          seen.secret.add(verdict.secret);
          log.info({ secret: verdict.secret }, `Zalo webhook signature matched the ${verdict.secret}`);
        }
        if (!seen.format.has(verdict.headerFormat)) {
          seen.format.add(verdict.headerFormat);
          log.info({ headerFormat: verdict.headerFormat }, 'Zalo signature header format');
        }
        const age = options.now() - Number(timestamp);
        if (!Number.isFinite(age) || age > config.ZALO_WEBHOOK_MAX_AGE_SEC * 1000 || age < -options.futureSkewMs) {
          log.warn({ event: body.event_name, ageMs: Number.isFinite(age) ? age : null }, 'Zalo webhook rejected: timestamp outside the allowed window');
          return reply.status(401).send({ error: 'Sự kiện đã quá hạn.' });
        }
        const translated = translateZaloEvent(body);
        if ('ignored' in translated) {
          // Unknown event names are logged visibly: real traffic may use shapes the docs do not
          // show (e.g. how oa.query.* button taps arrive, which is UNVERIFIED).
          const unknown = translated.ignored.startsWith('unhandled');
          log[unknown ? 'info' : 'debug']({ event: body.event_name, why: translated.ignored, messageKeys: Object.keys(body.message ?? {}) }, 'Zalo event ignored');
        } else {
          const result = pipeline.accept(translated.event);
          log.debug({ event: body.event_name, messageId: translated.event.eventId, result }, 'Zalo event accepted');
        }
        // Acknowledge at once; the answer is sent from the queue.
        return reply.status(200).send({ ok: true });
      });
    });
  };
}
