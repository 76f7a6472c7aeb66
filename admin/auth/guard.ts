/**
 * Access control for admin routes: a valid session, a role high enough, and for every
 * state-changing request a matching CSRF token (synchronizer token per session, sent in the
 * `x-csrf-token` header or a `_csrf` body field) plus a same-origin check.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../knowledge/sqlite/database.ts';
import { getUser, type AdminUser } from '../users/users-repo.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { hasRole, type Role } from './roles.ts';
import { touchSession, type AdminSession } from './sessions-repo.ts';

/** Who is making a request. */
export interface AuthContext {
  user: AdminUser;
  session: AdminSession;
  token: string;
}

/** Handler of a guarded route. */
export type GuardedHandler<T> = (request: FastifyRequest, reply: FastifyReply, auth: AuthContext) => Promise<T> | T;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Vietnamese refusals shown to staff. */
export const MESSAGES = {
  signIn: 'Bạn cần đăng nhập để tiếp tục.',
  forbidden: 'Tài khoản của bạn không có quyền làm việc này. Hãy nhờ quản trị viên cấp quyền nếu cần.',
  csrf: 'Yêu cầu bị từ chối vì thiếu mã bảo vệ (CSRF). Hãy tải lại trang rồi thử lại.',
  crossSite: 'Yêu cầu bị từ chối vì không đến từ trang quản trị.',
} as const;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when the browser says the request came from another site. The Origin must name this
 * server as the browser reached it: the Host header, the proxy's X-Forwarded-Host (fastify's
 * `request.host` with trustProxy), or the configured public URL's host.
 */
export function isCrossSite(request: FastifyRequest, trustedHosts: ReadonlySet<string> = new Set()): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    const host = new URL(origin).host;
    return host !== request.headers.host && host !== request.host && !trustedHosts.has(host);
  } catch {
    return true;
  }
}

/** Resolves the session from the cookie, or undefined. */
export function authenticate(db: Db, request: FastifyRequest): AuthContext | undefined {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return undefined;
  const session = touchSession(db, token);
  const user = session && getUser(db, session.userId);
  if (!session || !user || user.disabled) return undefined;
  return { user, session, token };
}

/** Wraps a handler so it runs only for a signed-in user with at least `role` (and a CSRF token when it changes state). */
export function guard<T>(db: Db, role: Role, handler: GuardedHandler<T>, trustedHosts: ReadonlySet<string> = new Set()) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = authenticate(db, request);
    if (!auth) return reply.status(401).send({ error: MESSAGES.signIn });
    if (!SAFE_METHODS.has(request.method)) {
      if (isCrossSite(request, trustedHosts)) return reply.status(403).send({ error: MESSAGES.crossSite });
      const header = request.headers['x-csrf-token'];
      const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
      if (!sent || !sameToken(sent, auth.session.csrfToken)) return reply.status(403).send({ error: MESSAGES.csrf });
    }
    if (!hasRole(auth.user.role, role)) return reply.status(403).send({ error: MESSAGES.forbidden });
    return handler(request, reply, auth);
  };
}
