/**
 * Keeps a valid Zalo OA access token: refreshes shortly before expiry and when Zalo rejects the
 * token (-216/-220), through OAuth v4 (`POST {oauthBase}/v4/oa/access_token`, header `secret_key`,
 * form body). The refresh token is single-use, so refreshes are single-flight and the new pair
 * is persisted before the new access token is handed out.
 */
import { DEFAULT_REFRESH_MARGIN_MS, describeTokens, type SqliteZaloTokenStore, type ZaloTokenPair, type ZaloTokenStatus } from './zalo-token-store.ts';
import type { ZaloTokenSource } from './zalo-api-client.ts';

/** No usable token, or the OAuth server refused a refresh or code exchange. */
export class ZaloTokenError extends Error {
  override readonly name = 'ZaloTokenError';
  constructor(
    message: string,
    /** True when the refresh token is dead and the OA must be re-authorised. */
    readonly reconsent: boolean,
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface ZaloTokenManagerOptions {
  store: SqliteZaloTokenStore;
  oauthBase: string;
  appId: string;
  /** App secret key (sent as header `secret_key`). Without it tokens cannot be refreshed. */
  appSecret?: string;
  refreshMarginMs: number;
  timeoutMs: number;
  now: () => number;
}

interface OAuthResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: string | number;
  error?: number;
  error_name?: string;
  error_description?: string;
  message?: string;
}

export class ZaloTokenManager implements ZaloTokenSource {
  private readonly options: ZaloTokenManagerOptions;
  private inflight: Promise<ZaloTokenPair> | undefined;

  constructor(options: Pick<ZaloTokenManagerOptions, 'store' | 'oauthBase' | 'appId'> & Partial<ZaloTokenManagerOptions>) {
    this.options = { refreshMarginMs: DEFAULT_REFRESH_MARGIN_MS, timeoutMs: 15_000, now: Date.now, ...options };
  }

  status(): ZaloTokenStatus {
    return describeTokens(this.options.store.get(), this.options.now(), this.options.refreshMarginMs);
  }

  /** A token to call the API with, refreshed first when it expires within the margin. */
  async accessToken(): Promise<string> {
    const pair = this.options.store.get();
    if (!pair) throw new ZaloTokenError('Chưa có token Zalo OA (chạy adapters/zalo/cli/zalo-token.ts set).', true);
    const remaining = pair.expiresAt - this.options.now();
    if (remaining >= this.options.refreshMarginMs || !this.canRefresh(pair)) return pair.accessToken;
    try {
      return (await this.refresh()).accessToken;
    } catch (error) {
      // Still valid for a while: use it, the next message tries refreshing again.
      if (remaining > 0) return pair.accessToken;
      throw error;
    }
  }

  /** Zalo rejected `used`: refresh unless another caller already replaced it. */
  async refreshAfterRejection(used: string): Promise<string> {
    if (this.inflight) return (await this.inflight).accessToken;
    const current = this.options.store.get();
    if (current && current.accessToken !== used) return current.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Refreshes now (single-flight: concurrent callers share one OAuth request). */
  refresh(): Promise<ZaloTokenPair> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Exchanges the authorization code of the first consent for the first pair (CLI). */
  async exchangeCode(code: string, codeVerifier?: string): Promise<ZaloTokenPair> {
    const form: Record<string, string> = { code, app_id: this.options.appId, grant_type: 'authorization_code' };
    if (codeVerifier) form.code_verifier = codeVerifier;
    const pair = this.parsePair(await this.post(form));
    this.options.store.save(pair);
    return pair;
  }

  private canRefresh(pair: ZaloTokenPair): boolean {
    return Boolean(this.options.appSecret) && !pair.refreshError?.startsWith('fatal');
  }

  private async doRefresh(): Promise<ZaloTokenPair> {
    const { store } = this.options;
    const pair = store.get();
    if (!pair) throw new ZaloTokenError('Chưa có token Zalo OA.', true);
    if (!this.options.appSecret) throw new ZaloTokenError('Thiếu ZALO_APP_SECRET: không làm mới được token Zalo.', false);
    if (pair.refreshError?.startsWith('fatal')) throw new ZaloTokenError(`Refresh token Zalo đã hỏng (${pair.refreshError}); cần cấp quyền lại.`, true);
    let body: OAuthResponse;
    try {
      body = await this.post({ refresh_token: pair.refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' });
    } catch (error) {
      store.recordRefreshError(error instanceof Error ? error.message : String(error), this.options.now(), false);
      throw error;
    }
    try {
      const next = this.parsePair(body);
      // Persist before use: the old refresh token is already dead on Zalo's side.
      store.save(next);
      return next;
    } catch (error) {
      const fatal = error instanceof ZaloTokenError && error.reconsent;
      store.recordRefreshError(error instanceof Error ? error.message : String(error), this.options.now(), fatal);
      throw error;
    }
  }

  private parsePair(body: OAuthResponse): ZaloTokenPair {
    if (body.error !== undefined && Number(body.error) !== 0) {
      const detail = body.error_description || body.error_name || body.message || 'unknown';
      throw new ZaloTokenError(`Zalo OAuth error ${body.error}: ${detail}`, true, Number(body.error));
    }
    const expiresIn = Number(body.expires_in);
    if (!body.access_token || !body.refresh_token || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new ZaloTokenError('Zalo OAuth response lacks access_token / refresh_token / expires_in', false);
    }
    const now = this.options.now();
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: now + expiresIn * 1000, updatedAt: now, refreshError: null, refreshErrorAt: null };
  }

  private async post(form: Record<string, string>): Promise<OAuthResponse> {
    const url = new URL('/v4/oa/access_token', this.options.oauthBase);
    const response = await fetch(url, {
      method: 'POST',
      headers: { secret_key: this.options.appSecret ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Zalo OAuth HTTP ${response.status}: ${text.slice(0, 200)}`);
    try {
      return JSON.parse(text) as OAuthResponse;
    } catch {
      throw new Error('Zalo OAuth response is not JSON');
    }
  }
}
