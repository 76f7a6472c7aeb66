/**
 * Zalo OA webhook signature: header `X-ZEvent-Signature: mac=<hex>` where
 * mac = sha256_hex(appId + rawBody + timestamp + secret) — plain SHA-256 of the concatenation,
 * not an HMAC — over the exact received bytes. Which secret Zalo uses is UNVERIFIED (the OA
 * secret key in production code, the app secret in one spec), so every configured one is tried
 * and the caller logs which matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** A secret to try, named for the logs. */
export interface NamedSecret {
  name: 'oa-secret-key' | 'app-secret';
  value: string;
}

export type SignatureVerdict =
  | { ok: true; secret: NamedSecret['name']; headerFormat: 'mac=' | 'bare' }
  | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/** Hex MAC Zalo would send for this body. Exported for tests and the fake server. */
export function zaloMac(appId: string, rawBody: Buffer | string, timestamp: string, secret: string): string {
  return createHash('sha256').update(appId).update(rawBody).update(timestamp).update(secret).digest('hex');
}

const MAC_HEADER = /^\s*mac=([0-9a-f]{64})\s*$/i;
const BARE_HEX = /^\s*([0-9a-f]{64})\s*$/i;

/** Checks the header against every secret, in constant time per comparison. */
export function verifyZaloSignature(input: {
  appId: string;
  rawBody: Buffer;
  timestamp: string;
  header: string | string[] | undefined;
  secrets: readonly NamedSecret[];
}): SignatureVerdict {
  const header = Array.isArray(input.header) ? input.header[0] : input.header;
  if (!header) return { ok: false, reason: 'missing' };
  const withPrefix = MAC_HEADER.exec(header);
  // The documented form is "mac=<hex>"; a bare hex value is accepted too and logged as such.
  const match = withPrefix ?? BARE_HEX.exec(header);
  if (!match) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  for (const secret of input.secrets) {
    if (!secret.value) continue;
    const expected = Buffer.from(zaloMac(input.appId, input.rawBody, input.timestamp, secret.value), 'hex');
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      return { ok: true, secret: secret.name, headerFormat: withPrefix ? 'mac=' : 'bare' };
    }
  }
  return { ok: false, reason: 'mismatch' };
}
