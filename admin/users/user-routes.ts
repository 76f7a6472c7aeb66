/**
 * Managing staff accounts (admins only): list, create, change role, disable, reset password.
 * The last active admin cannot be demoted or disabled, so somebody can always manage accounts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminServices } from '../admin-services.ts';
import { Role, ROLE_LABELS } from '../auth/roles.ts';
import { countActiveAdmins, createUser, getUser, listUsers, setPassword, updateUser, UserInputError } from './users-repo.ts';

const CreateBody = z.object({ username: z.string().max(60), displayName: z.string().max(120).optional(), role: Role, password: z.string().max(200) });
const UpdateBody = z.object({ role: Role.optional(), displayName: z.string().max(120).optional(), disabled: z.boolean().optional(), password: z.string().max(200).optional() });

/** Mounts /admin/api/users (admins only). */
export async function userRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  const { db } = s.ctx;

  app.get(
    '/api/users',
    s.guard('admin', () => ({ users: listUsers(db), roles: Object.entries(ROLE_LABELS).map(([id, label]) => ({ id, label })) })),
  );

  app.post(
    '/api/users',
    s.guard('admin', async (request, reply, auth) => {
      const body = CreateBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Hãy điền tên đăng nhập, vai trò và mật khẩu.' });
      try {
        const user = await createUser(db, body.data);
        s.audit.record({ actor: auth.user.username, action: 'create', entityType: 'user', entityId: user.username, after: user });
        return { user };
      } catch (error) {
        if (error instanceof UserInputError) return reply.status(400).send({ error: error.message });
        throw error;
      }
    }),
  );

  app.put<{ Params: { id: string } }>(
    '/api/users/:id',
    s.guard('admin', async (request, reply, auth) => {
      const id = Number((request.params as { id: string }).id);
      const before = getUser(db, id);
      const body = UpdateBody.safeParse(request.body);
      if (!before) return reply.status(404).send({ error: 'Không tìm thấy tài khoản.' });
      if (!body.success) return reply.status(400).send({ error: 'Dữ liệu không hợp lệ.' });
      const losesAdmin = before.role === 'admin' && !before.disabled && ((body.data.role && body.data.role !== 'admin') || body.data.disabled === true);
      if (losesAdmin && countActiveAdmins(db) <= 1) return reply.status(400).send({ error: 'Không thể bỏ quyền hoặc khoá quản trị viên cuối cùng.' });
      try {
        if (body.data.password) await setPassword(db, id, body.data.password);
      } catch (error) {
        if (error instanceof UserInputError) return reply.status(400).send({ error: error.message });
        throw error;
      }
      updateUser(db, id, body.data);
      const after = getUser(db, id)!;
      s.audit.record({ actor: auth.user.username, action: body.data.password ? 'update+password' : 'update', entityType: 'user', entityId: after.username, before, after });
      return { user: after };
    }),
  );
}
