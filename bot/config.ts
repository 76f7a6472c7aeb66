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
  /** Weight of the lexical score in hybrid fusion (the vector score gets the rest). */
  HYBRID_LEXICAL_WEIGHT: z.coerce.number().min(0).max(1).default(0.6),
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
