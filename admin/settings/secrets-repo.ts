/**
 * Channel credentials (bot tokens, webhook secrets) entered by the admin. The UI can only set or
 * clear them and see whether each is set — values never leave the server through the admin API.
 * Keys are the configuration variables the channel adapters read; {@link withStoredSecrets} fills
 * them into the configuration at start-up (an environment variable, when set, wins).
 */
import { ConfigSchema, type Config } from '../../bot/config.ts';
import type { Db } from '../../knowledge/sqlite/database.ts';

/** Known credentials with their Vietnamese names (keys = configuration variables). */
export const SECRET_CATALOGUE = [
  { key: 'ZALO_APP_ID', label: 'Zalo: mã ứng dụng (app id)' },
  { key: 'ZALO_APP_SECRET', label: 'Zalo: khoá bí mật ứng dụng (app secret)' },
  { key: 'ZALO_OA_SECRET_KEY', label: 'Zalo OA: khoá kiểm tra webhook (OA secret key)' },
  { key: 'TELEGRAM_BOT_TOKEN', label: 'Telegram: mã bot (bot token)' },
  { key: 'TELEGRAM_WEBHOOK_SECRET', label: 'Telegram: mã bí mật webhook' },
] as const;

/** Key of a known credential. */
export type SecretKey = (typeof SECRET_CATALOGUE)[number]['key'];

/** True for a key in {@link SECRET_CATALOGUE}. */
export const isSecretKey = (key: string): key is SecretKey => SECRET_CATALOGUE.some((s) => s.key === key);

/** Status of one credential as the UI may see it. */
export interface SecretStatus {
  key: SecretKey;
  label: string;
  isSet: boolean;
  /** The server was started with this variable in its environment (which takes precedence). */
  fromEnvironment: boolean;
  updatedBy?: string;
  updatedAt?: string;
}

/** Whether each credential is set, without values. */
export function listSecretStatus(db: Db, config: Partial<Record<SecretKey, unknown>>): SecretStatus[] {
  const rows = new Map((db.prepare('SELECT key, updated_by, updated_at FROM admin_secrets').all() as Array<{ key: string; updated_by: string; updated_at: string }>).map((r) => [r.key, r]));
  return SECRET_CATALOGUE.map(({ key, label }) => {
    const row = rows.get(key);
    const fromEnvironment = !!config[key];
    return row ? { key, label, isSet: true, fromEnvironment, updatedBy: row.updated_by, updatedAt: row.updated_at } : { key, label, isSet: false, fromEnvironment };
  });
}

/** Checks a value with the same rule the configuration applies; returns a Vietnamese problem or undefined. */
export function secretProblem(key: SecretKey, value: string): string | undefined {
  const parsed = ConfigSchema.shape[key].safeParse(value);
  return parsed.success ? undefined : `Giá trị không hợp lệ: ${parsed.error.issues[0]?.message ?? ''}`.trim();
}

/**
 * Configuration with stored credentials filled in where the environment left them empty. Channel
 * modules are chosen at start-up, so the server must call this before `defaultModules`, and a
 * changed credential takes effect after a restart.
 */
export function withStoredSecrets(config: Config, db: Db): Config {
  const filled: Record<string, unknown> = { ...config };
  for (const { key } of SECRET_CATALOGUE) {
    if (!filled[key]) filled[key] = readChannelSecret(db, key);
  }
  return filled as Config;
}

/** Stores (or replaces) a credential. */
export function setSecret(db: Db, key: SecretKey, value: string, actor: string): void {
  db.prepare('INSERT INTO admin_secrets (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at').run(
    key,
    value,
    actor,
    new Date().toISOString(),
  );
}

/** Removes a credential; false when it was not set. */
export function clearSecret(db: Db, key: SecretKey): boolean {
  return db.prepare('DELETE FROM admin_secrets WHERE key = ?').run(key).changes > 0;
}

/**
 * A credential for a channel adapter: the value set in the admin page, or undefined. Safe to call
 * before the admin module has mounted (the table may not exist yet).
 */
export function readChannelSecret(db: Db, key: SecretKey): string | undefined {
  try {
    const row = db.prepare('SELECT value FROM admin_secrets WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  } catch {
    return undefined;
  }
}
