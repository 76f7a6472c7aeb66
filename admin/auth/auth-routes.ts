/**
 * Sign-in, sign-out, "who am I" (with the CSRF token the page must echo) and own-password change.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminServices } from '../admin-services.ts';
import { findForLogin, setPassword, UserInputError } from '../users/users-repo.ts';
import { writeSessionCookie } from './cookies.ts';
import { authenticate, isCrossSite, MESSAGES } from './guard.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { ROLE_LABELS } from './roles.ts';
import { closeSession, openSession } from './sessions-repo.ts';

const LoginBody = z.object({ username: z.string().max(60), password: z.string().max(200) });
const PasswordBody = z.object({ current: z.string().max(200), next: z.string().max(200) });

/** Mounts /admin/api/login, /logout, /me and /me/password. */
export async function authRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  const { db } = s.ctx;

  app.post('/api/login', async (request, reply) => {
    // Login has no session yet, so no CSRF token: SameSite=Strict plus the origin check stop
    // another site from signing the browser into an account of its choosing.
    if (isCrossSite(request, s.trustedHosts)) return reply.status(403).send({ error: MESSAGES.crossSite });
    const body = LoginBody.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: 'Hãy nhập tên đăng nhập và mật khẩu.' });
    const { username, password } = body.data;
    const wait = s.throttle.blockedFor(username, request.ip);
    if (wait > 0) {
      return reply.status(429).send({ error: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} phút hoặc nhờ quản trị viên đặt lại mật khẩu.` });
    }
    const found = findForLogin(db, username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok || found.user.disabled) {
      s.throttle.recordFailure(username, request.ip);
      return reply.status(401).send({ error: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    }
    s.throttle.clear(username, request.ip);
    const { token, session } = openSession(db, found.user.id);
    writeSessionCookie(reply, token, s.secureCookies);
    s.audit.record({ actor: found.user.username, action: 'login', entityType: 'user', entityId: found.user.username });
    return { user: found.user, roleLabel: ROLE_LABELS[found.user.role], csrfToken: session.csrfToken };
  });

  app.get('/api/me', async (request, reply) => {
    const auth = authenticate(db, request);
    if (!auth) return reply.status(401).send({ error: MESSAGES.signIn });
    return {
      user: auth.user,
      roleLabel: ROLE_LABELS[auth.user.role],
      csrfToken: auth.session.csrfToken,
      staleAfterDays: s.ctx.config.STALE_AFTER_DAYS,
    };
  });

  app.post(
    '/api/logout',
    s.guard('viewer', (_request, reply, auth) => {
      closeSession(db, auth.token);
      writeSessionCookie(reply, null, s.secureCookies);
      return { ok: true };
    }),
  );

  app.post(
    '/api/me/password',
    s.guard('viewer', async (request, reply, auth) => {
      const body = PasswordBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Hãy nhập mật khẩu hiện tại và mật khẩu mới.' });
      const found = findForLogin(db, auth.user.username);
      if (!found || !(await verifyPassword(body.data.current, found.passwordHash))) return reply.status(400).send({ error: 'Mật khẩu hiện tại không đúng.' });
      try {
        await setPassword(db, auth.user.id, body.data.next);
      } catch (error) {
        if (error instanceof UserInputError) return reply.status(400).send({ error: error.message });
        throw error;
      }
      s.audit.record({ actor: auth.user.username, action: 'password', entityType: 'user', entityId: auth.user.username });
      const { token, session } = openSession(db, auth.user.id);
      writeSessionCookie(reply, token, s.secureCookies);
      return { ok: true, csrfToken: session.csrfToken };
    }),
  );
}
