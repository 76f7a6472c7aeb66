/**
 * The audit log page data (admins only).
 */
import type { FastifyInstance } from 'fastify';
import type { AdminServices } from '../admin-services.ts';

/** Mounts /admin/api/audit (admins only). */
export async function auditRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  app.get(
    '/api/audit',
    s.guard('admin', (request) => {
      const q = (request.query ?? {}) as { entityType?: string; entityId?: string; offset?: string };
      return { items: s.audit.list({ entityType: q.entityType || undefined, entityId: q.entityId || undefined, offset: Math.max(0, Number(q.offset) || 0), limit: 100 }) };
    }),
  );
}
