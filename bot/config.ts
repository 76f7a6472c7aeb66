/**
 * Configuration from environment variables, parsed and checked once at start-up so a bad value
 * stops the server with a clear message instead of failing on a citizen's first question.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));
const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Environment variables the server reads (documented in README). */
export const ConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  /** Public base URL of this server (for QR and links sent to Zalo/Telegram); empty = relative links. */
  PUBLIC_URL: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed to call the API from a browser (the ward portal), comma separated; "*" allows any. */
  CORS_ORIGINS: list.default([]),
  /** Days after which an entry's review date is flagged as stale. */
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).default(180),
  /** Seed the store from the bundled knowledge base when it is empty. */
  SEED_BUNDLE: bool.default(true),
  RETRIEVER: z.enum(['lexical', 'vector', 'hybrid']).default('hybrid'),
  /** "builtin" (trained on the knowledge base, no download) or "onnx" (a local model folder). */
  EMBEDDER: z.enum(['builtin', 'onnx']).default('builtin'),
  /** Folder of an ONNX sentence-embedding model (default: DATA_DIR/models/<first folder>). */
  MODEL_DIR: z.string().optional(),
  /**
   * Set when a reverse proxy (nginx) sits in front: "loopback", a proxy address, or "true". Off by
   * default, because trusting X-Forwarded-For from anyone lets a client pick its own IP address
   * (and dodge per-address limits such as the staff login throttle).
   */
  TRUST_PROXY: z.string().default('false'),
  /** Weight of the lexical score in hybrid fusion (the vector score gets the rest). */
  HYBRID_LEXICAL_WEIGHT: z.coerce.number().min(0).max(1).default(0.6),
  // Chat channels (adapters/zalo, adapters/telegram): each mounts only when its credentials are set.
  /** Zalo OA: app id of the Zalo app linked to the Official Account (developers.zalo.me). */
  ZALO_APP_ID: z.string().optional(),
  /** Zalo app secret key: header of token refreshes; also tried for webhook signatures. */
  ZALO_APP_SECRET: z.string().optional(),
  /** Zalo OA secret key (webhook settings): tried first for webhook signatures. */
  ZALO_OA_SECRET_KEY: z.string().optional(),
  ZALO_API_BASE: z.string().url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.string().url().default('https://oauth.zaloapp.com'),
  /** Zalo webhook events older than this (seconds) are rejected as replays. */
  ZALO_WEBHOOK_MAX_AGE_SEC: z.coerce.number().int().min(10).default(300),
  /** Telegram bot token from @BotFather. */
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (webhook mode; 1–256 of A-Z a-z 0-9 _ -). */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'chỉ gồm A-Z, a-z, 0-9, _ và -, tối đa 256 ký tự').optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Messages (and feedback) per chat session per minute on the web API before a 429 (0 = no limit). */
  CHAT_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).default(20),
  /**
   * Messages per client address per minute on the web API (0 = no limit). Generous, because many
   * phones share one address behind a mobile carrier; this machine's own addresses are exempt.
   */
  CHAT_RATE_LIMIT_PER_ADDRESS_PER_MIN: z.coerce.number().int().min(0).default(120),
  /** Messages per citizen per minute on Zalo/Telegram before a polite "slow down" (0 = no limit). */
  CHANNEL_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).default(10),
});

export type Config = z.infer<typeof ConfigSchema> & { dbFile: string };

/** Parses configuration; throws an Error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ:\n${lines}`);
  }
  const dataDir = resolve(parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir, dbFile: resolve(dataDir, 'smartbot.db') };
}
