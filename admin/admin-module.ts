/**
 * The admin module: staff pages under /admin and their JSON API under /admin/api/*.
 * Mounted by the composition root like any channel (`buildApp(config, { modules: [adminModule] })`).
 * Everything is registered inside one encapsulated plugin, so its security headers and routes never
 * leak onto the citizen-facing routes.
 */
import type { AppModule } from '../bot/app-context.ts';
import { migrateAdmin } from './admin-db.ts';
import { createAdminServices } from './admin-services.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { ContentService } from './content/content-service.ts';
import { contentRoutes } from './content/content-routes.ts';
import { inboxRoutes } from './inbox/inbox-routes.ts';
import { ImportService } from './io/import-service.ts';
import { ioRoutes } from './io/io-routes.ts';
import { posterRoutes } from './poster/poster-page.ts';
import { reportRoutes } from './reports/reports-routes.ts';
import { settingsRoutes } from './settings/settings-routes.ts';
import { tryRoutes } from './tryout/try-routes.ts';
import { uiRoutes } from './ui/ui-routes.ts';
import { userRoutes } from './users/user-routes.ts';

/** Content-Security-Policy of every admin response: only our own files, QR images as data: URLs. */
export const ADMIN_CSP = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** Mounts the admin page and API. */
export const adminModule: AppModule = async (app, ctx) => {
  migrateAdmin(ctx.db);
  const services = createAdminServices(ctx);
  const content = new ContentService(services);
  const imports = new ImportService(services);

  await app.register(
    async (admin) => {
      admin.addHook('onSend', async (request, reply, payload) => {
        reply.header('content-security-policy', ADMIN_CSP);
        reply.header('x-frame-options', 'DENY');
        // Staff data must not linger in shared caches or the browser's back/forward cache.
        if (request.url.startsWith('/admin/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });
      await uiRoutes(admin);
      await authRoutes(admin, services);
      await userRoutes(admin, services);
      await contentRoutes(admin, services, content);
      await ioRoutes(admin, services, imports);
      await inboxRoutes(admin, services, content);
      await reportRoutes(admin, services);
      await settingsRoutes(admin, services);
      await tryRoutes(admin, services);
      await auditRoutes(admin, services);
      await posterRoutes(admin, services);
    },
    { prefix: '/admin' },
  );
};
