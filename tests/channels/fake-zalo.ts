/**
 * Fake Zalo Open API + OAuth v4 server speaking the real payload shapes (tests/fixtures/zalo):
 * checks the bare `access_token` header, answers errors as HTTP 200 with `error != 0`, rotates
 * single-use refresh tokens, and records every message, upload and token request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMultipart, PNG_SIGNATURE, startFakeServer, type FakeServer } from './fake-http.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/zalo/', import.meta.url));
export const zaloFixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;

/** The authorization code the fake accepts once (first consent). */
export const FIRST_CONSENT_CODE = 'auth-code-from-consent';

export interface SentMessage {
  accessToken: string;
  recipient: { user_id: string };
  message: { text?: string; attachment?: { type: string; payload: Record<string, unknown> } };
}

export interface FakeZalo extends FakeServer {
  /** Messages accepted by /v3.0/oa/message/cs. */
  sent: SentMessage[];
  /** Every send attempt, accepted or not. */
  attempts: number;
  uploads: Array<{ filename?: string; isPng: boolean }>;
  oauth: Array<{ secretKey: string | undefined; form: Record<string, string> }>;
  tokens: { access: string; refresh: string };
  /** Makes the bot's current access token invalid (as after expiry). */
  revokeAccessToken(): void;
  /** The next `times` sends answer with this fixture body. */
  failSends(fixture: string, times?: number): void;
  /** Forgets recorded calls and pending failures (tokens stay as they are). */
  reset(): void;
}

export async function startFakeZalo(appSecret: string): Promise<FakeZalo> {
  let generation = 0;
  const failures: Array<Record<string, unknown>> = [];
  const state = {
    sent: [] as SentMessage[],
    attempts: 0,
    uploads: [] as FakeZalo['uploads'],
    oauth: [] as FakeZalo['oauth'],
    tokens: { access: 'at-0', refresh: 'rt-0' },
  };
  const server = await startFakeServer((req) => {
    const token = String(req.headers['access_token'] ?? '');
    if (req.path === '/v3.0/oa/message/cs' && req.method === 'POST') {
      state.attempts += 1;
      const forced = failures.shift();
      if (forced) return forced;
      if (token !== state.tokens.access) return zaloFixture('api-error-invalid-token');
      const body = JSON.parse(req.raw.toString('utf8')) as Omit<SentMessage, 'accessToken'>;
      state.sent.push({ accessToken: token, ...body });
      return zaloFixture('api-send-success');
    }
    if (req.path === '/v2.0/oa/upload/image' && req.method === 'POST') {
      if (token !== state.tokens.access) return zaloFixture('api-error-invalid-token');
      const file = parseMultipart(req.headers['content-type'], req.raw).get('file');
      if (!file) return { error: -201, message: 'Parameter file is required' };
      state.uploads.push({ ...(file.filename ? { filename: file.filename } : {}), isPng: file.data.subarray(0, 8).equals(PNG_SIGNATURE) });
      return zaloFixture('api-upload-image');
    }
    if (req.path === '/v4/oa/access_token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(req.raw.toString('utf8')));
      const secretKey = req.headers['secret_key'] as string | undefined;
      state.oauth.push({ secretKey, form });
      const validCode = form.grant_type === 'authorization_code' && form.code === FIRST_CONSENT_CODE;
      const validRefresh = form.grant_type === 'refresh_token' && form.refresh_token === state.tokens.refresh;
      if (secretKey !== appSecret || !(validCode || validRefresh)) {
        return zaloFixture('oauth-error-invalid-refresh');
      }
      generation += 1;
      state.tokens = { access: `at-${generation}`, refresh: `rt-${generation}` };
      return { ...zaloFixture<Record<string, unknown>>('oauth-refresh-success'), access_token: state.tokens.access, refresh_token: state.tokens.refresh };
    }
    return { error: -201, message: `unknown path ${req.path}` };
  });
  return Object.assign(state, {
    url: server.url,
    close: server.close,
    revokeAccessToken() {
      state.tokens = { ...state.tokens, access: `${state.tokens.access}-revoked` };
    },
    reset() {
      state.sent.length = 0;
      state.uploads.length = 0;
      state.oauth.length = 0;
      state.attempts = 0;
      failures.length = 0;
    },
    failSends(fixture: string, times = 1) {
      for (let i = 0; i < times; i++) failures.push(zaloFixture(fixture));
    },
  });
}
