/**
 * The admin session cookie, read and written by hand (a few lines) so the module does not depend on
 * whether another module registered a cookie plugin first.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Name of the admin session cookie (scoped to /admin). */
export const SESSION_COOKIE = 'sb_admin';

/** Value of one cookie from the request header. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Sets (or with `value` null, clears) the session cookie: HttpOnly so scripts cannot read it,
 * SameSite=Strict so other sites cannot make the browser send it, Secure behind https.
 */
export function writeSessionCookie(reply: FastifyReply, value: string | null, secure: boolean): void {
  const parts = [`${SESSION_COOKIE}=${value ? encodeURIComponent(value) : ''}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict'];
  if (secure) parts.push('Secure');
  if (!value) parts.push('Max-Age=0');
  reply.header('set-cookie', parts.join('; '));
}
