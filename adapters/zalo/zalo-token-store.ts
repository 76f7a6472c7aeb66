/**
 * The Zalo OA token pair in SQLite (one row). Zalo's refresh token is single-use and rotates on
 * every refresh, so the row is the only copy: it is written before the new access token is used,
 * and a failed refresh is recorded so staff see that the OA must be re-authorised.
 */
import type { Db } from '../../knowledge/sqlite/database.ts';

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** Epoch ms when this pair was stored (the refresh token's age). */
  updatedAt: number;
  /** Last refresh failure since this pair was stored, if any. */
  refreshError: string | null;
  refreshErrorAt: number | null;
}

interface Row {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  updated_at: number;
  refresh_error: string | null;
  refresh_error_at: number | null;
}

export class SqliteZaloTokenStore {
  constructor(private readonly db: Db) {}

  get(): ZaloTokenPair | undefined {
    const row = this.db.prepare('SELECT * FROM zalo_tokens WHERE id = 1').get() as Row | undefined;
    if (!row) return undefined;
    return {
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      expiresAt: row.expires_at,
      updatedAt: row.updated_at,
      refreshError: row.refresh_error,
      refreshErrorAt: row.refresh_error_at,
    };
  }

  /** Replaces the pair (clearing any recorded refresh error). */
  save(pair: { accessToken: string; refreshToken: string; expiresAt: number; updatedAt: number }): void {
    this.db
      .prepare(
        `INSERT INTO zalo_tokens (id, access_token, refresh_token, expires_at, updated_at, refresh_error, refresh_error_at)
         VALUES (1, ?, ?, ?, ?, NULL, NULL)
         ON CONFLICT (id) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
           expires_at = excluded.expires_at, updated_at = excluded.updated_at, refresh_error = NULL, refresh_error_at = NULL`,
      )
      .run(pair.accessToken, pair.refreshToken, pair.expiresAt, pair.updatedAt);
  }

  /** Records why a refresh failed; `fatal` marks the refresh token as dead (re-consent needed). */
  recordRefreshError(message: string, at: number, fatal: boolean): void {
    this.db.prepare('UPDATE zalo_tokens SET refresh_error = ?, refresh_error_at = ? WHERE id = 1').run(`${fatal ? 'fatal' : 'transient'}: ${message}`, at);
  }
}

export type ZaloTokenState = 'missing' | 'ok' | 'expiring' | 'expired' | 'reconsent';

/** Token health for the admin page and the CLI. */
export interface ZaloTokenStatus {
  state: ZaloTokenState;
  /** What staff should do, in Vietnamese. */
  message: string;
  expiresAt?: string;
  refreshedAt?: string;
  lastError?: string;
}

/** Refresh tokens live about 3 months; older ones are treated as dead. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;
/** Access tokens are refreshed when less than this remains. */
export const DEFAULT_REFRESH_MARGIN_MS = 30 * 60_000;

/** Classifies a stored pair at time `now`. */
export function describeTokens(pair: ZaloTokenPair | undefined, now: number, marginMs = DEFAULT_REFRESH_MARGIN_MS): ZaloTokenStatus {
  if (!pair) {
    return { state: 'missing', message: 'Chưa có token Zalo OA. Cấp quyền cho ứng dụng rồi chạy: npx tsx adapters/zalo/cli/zalo-token.ts set … (xem adapters/CHANNELS-SETUP.md).' };
  }
  const base = {
    expiresAt: new Date(pair.expiresAt).toISOString(),
    refreshedAt: new Date(pair.updatedAt).toISOString(),
    ...(pair.refreshError ? { lastError: pair.refreshError } : {}),
  };
  const dead = pair.refreshError?.startsWith('fatal') || now - pair.updatedAt > REFRESH_TOKEN_LIFETIME_MS;
  if (dead) {
    return { ...base, state: 'reconsent', message: 'Refresh token Zalo đã hết hạn hoặc bị thu hồi: quản trị viên OA cần cấp quyền lại cho ứng dụng và nhập token mới (zalo-token.ts).' };
  }
  if (pair.expiresAt <= now) return { ...base, state: 'expired', message: 'Access token đã hết hạn; hệ thống sẽ tự làm mới ở tin nhắn tiếp theo.' };
  if (pair.expiresAt - now < marginMs) return { ...base, state: 'expiring', message: 'Access token sắp hết hạn; hệ thống sẽ tự làm mới.' };
  return { ...base, state: 'ok', message: 'Token Zalo OA còn hiệu lực.' };
}

/** Token status straight from the database (for the admin module and the CLI). */
export function zaloTokenStatus(db: Db, now = Date.now()): ZaloTokenStatus {
  return describeTokens(new SqliteZaloTokenStore(db).get(), now);
}
