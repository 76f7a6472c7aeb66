/**
 * What every admin route file receives: the app's shared services plus the admin's own
 * repositories, built once when the module mounts.
 */
import type { AppContext } from '../bot/app-context.ts';
import { AuditRepo } from './audit/audit-repo.ts';
import { guard, type GuardedHandler } from './auth/guard.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { Role } from './auth/roles.ts';

/** Shared services and admin repositories handed to every route file. */
export interface AdminServices {
  ctx: AppContext;
  audit: AuditRepo;
  throttle: LoginThrottle;
  /** Mark cookies Secure (the public URL is https). */
  secureCookies: boolean;
  /** Hosts an Origin header may name besides the request's own (the public URL's host). */
  trustedHosts: ReadonlySet<string>;
  /** {@link guard} bound to this app's database and trusted hosts. */
  guard<T>(role: Role, handler: GuardedHandler<T>): ReturnType<typeof guard<T>>;
}

function hostOf(url: string): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the admin services once per app. */
export function createAdminServices(ctx: AppContext): AdminServices {
  const publicHost = hostOf(ctx.config.PUBLIC_URL);
  const trustedHosts: ReadonlySet<string> = new Set(publicHost ? [publicHost] : []);
  return {
    ctx,
    audit: new AuditRepo(ctx.db),
    throttle: new LoginThrottle(ctx.db),
    secureCookies: /^https:/i.test(ctx.config.PUBLIC_URL),
    trustedHosts,
    guard: (role, handler) => guard(ctx.db, role, handler, trustedHosts),
  };
}
