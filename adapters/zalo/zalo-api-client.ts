/**
 * Fetch-based Zalo Open API client with the `api(path, method, params)` shape of the official
 * `zalo-sdk`, against a configurable base URL (version in the path: "/v3.0/oa/message/cs").
 * Zalo reports errors as HTTP 200 with `error != 0`; those become a {@link ZaloApiError}.
 *
 * Error policy, per code: -216/-220 (invalid/expired token) → refresh once and retry;
 * -32 (rate limit) → bounded exponential backoff; everything else → thrown to the caller.
 */

/** Zalo answered with `error != 0`. */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  constructor(
    readonly code: number,
    message: string,
    readonly path: string,
    readonly response: unknown,
  ) {
    super(`Zalo API ${path}: ${code} ${message}`);
  }
}

/** Zalo (or the network path to it) answered with a non-2xx status or no JSON. */
export class ZaloHttpError extends Error {
  override readonly name = 'ZaloHttpError';
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`Zalo HTTP ${status} on ${path}: ${detail}`);
  }
}

export const ZALO_ERRORS = {
  rateLimited: -32,
  attachmentExpired: -100,
  badParameter: -201,
  notFollower: -213,
  invalidToken: -216,
  expiredToken: -220,
  inactiveUser: -227,
  outsideWindow: -230,
  outsideWindow2: -232,
  userBlocked: -244,
} as const;

const TOKEN_ERRORS = new Set<number>([ZALO_ERRORS.invalidToken, ZALO_ERRORS.expiredToken]);
/** The citizen cannot be messaged now: retrying or apologising would fail the same way. */
const UNREACHABLE = new Set<number>([ZALO_ERRORS.outsideWindow, ZALO_ERRORS.outsideWindow2, ZALO_ERRORS.notFollower, ZALO_ERRORS.inactiveUser, ZALO_ERRORS.userBlocked]);

/** True when the error means the citizen cannot be reached now (not retried, no apology). */
export function isZaloUnreachable(error: unknown): boolean {
  return error instanceof ZaloApiError && UNREACHABLE.has(error.code);
}

/** Where access tokens come from (see ZaloTokenManager). */
export interface ZaloTokenSource {
  accessToken(): Promise<string>;
  /** Called when Zalo rejected `used`; refreshes unless someone already did, returns the token to retry with. */
  refreshAfterRejection(used: string): Promise<string>;
}

export interface ZaloApiClientOptions {
  baseUrl: string;
  tokens: ZaloTokenSource;
  /** Retries after -32, each waiting backoffMs × 2^attempt. */
  rateLimitRetries: number;
  backoffMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (info: { path: string; code: number; attempt: number; waitMs?: number }) => void;
}

export type ZaloParams = Record<string, unknown>;

interface ZaloEnvelope {
  error?: number;
  message?: string;
  data?: unknown;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ZaloApiClient {
  private readonly options: ZaloApiClientOptions;

  constructor(options: Pick<ZaloApiClientOptions, 'baseUrl' | 'tokens'> & Partial<ZaloApiClientOptions>) {
    this.options = { rateLimitRetries: 3, backoffMs: 1000, timeoutMs: 15_000, sleep, ...options };
  }

  /** Calls an Open API path: GET sends `params` as the query string, POST as a JSON body. Returns `data`. */
  api<T = unknown>(path: string, method: 'GET' | 'POST' = 'GET', params: ZaloParams = {}): Promise<T> {
    return this.withPolicy(path, (token) => {
      const url = new URL(path.replace(/^\/?/, '/'), this.options.baseUrl);
      const init: RequestInit = { method, headers: { access_token: token } };
      if (method === 'GET') {
        for (const [k, v] of Object.entries(params)) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      } else {
        init.headers = { access_token: token, 'content-type': 'application/json' };
        init.body = JSON.stringify(params);
      }
      return this.request(url, init, path);
    }) as Promise<T>;
  }

  /** Uploads a PNG/JPG (≤ 1 MB) as multipart field `file`; returns the attachment id (valid ~7 days). */
  async uploadImage(bytes: Buffer, filename = 'qr.png', type = 'image/png'): Promise<string> {
    const path = '/v2.0/oa/upload/image';
    const data = (await this.withPolicy(path, (token) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
      return this.request(new URL(path, this.options.baseUrl), { method: 'POST', headers: { access_token: token }, body: form }, path);
    })) as { attachment_id?: string } | undefined;
    if (!data?.attachment_id) throw new ZaloHttpError(200, path, 'no attachment_id in response');
    return data.attachment_id;
  }

  private async withPolicy(path: string, call: (token: string) => Promise<unknown>): Promise<unknown> {
    let token = await this.options.tokens.accessToken();
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(token);
      } catch (error) {
        if (!(error instanceof ZaloApiError)) throw error;
        if (TOKEN_ERRORS.has(error.code) && !refreshed) {
          refreshed = true;
          this.options.onRetry?.({ path, code: error.code, attempt });
          token = await this.options.tokens.refreshAfterRejection(token);
          continue;
        }
        if (error.code === ZALO_ERRORS.rateLimited && attempt < this.options.rateLimitRetries) {
          const waitMs = this.options.backoffMs * 2 ** attempt;
          this.options.onRetry?.({ path, code: error.code, attempt, waitMs });
          await this.options.sleep(waitMs);
          continue;
        }
        throw error;
      }
    }
  }

  private async request(url: URL, init: RequestInit, path: string): Promise<unknown> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    const text = await response.text();
    if (!response.ok) throw new ZaloHttpError(response.status, path, text.slice(0, 200));
    let body: ZaloEnvelope;
    try {
      body = JSON.parse(text) as ZaloEnvelope;
    } catch {
      throw new ZaloHttpError(response.status, path, 'response is not JSON');
    }
    if (body.error !== undefined && Number(body.error) !== 0) throw new ZaloApiError(Number(body.error), body.message ?? '', path, body);
    return body.data;
  }
}
