/**
 * What every admin route file receives: the app's shared services plus the admin's own
 * repositories, built once when the module mounts.
 */
import type { AppContext } from '../bot/app-context.ts';
import { AuditRepo } from './audit/audit-repo.ts';
import { LoginThrottle } from './auth/login-throttle.ts';

/** Shared services and admin repositories handed to every route file. */
export interface AdminServices {
  ctx: AppContext;
  audit: AuditRepo;
  throttle: LoginThrottle;
  /** Mark cookies Secure (the public URL is https). */
  secureCookies: boolean;
}

/** Builds the admin services once per app. */
export function createAdminServices(ctx: AppContext): AdminServices {
  return {
    ctx,
    audit: new AuditRepo(ctx.db),
    throttle: new LoginThrottle(ctx.db),
    secureCookies: /^https:/i.test(ctx.config.PUBLIC_URL),
  };
}
