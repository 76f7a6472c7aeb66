/**
 * Staff accounts in SQLite. `createUser` is the one way accounts are made: the CLI that creates
 * the first admin, the users page and the tests all call it.
 */
import { z } from 'zod';
import type { Db } from '../../knowledge/sqlite/database.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { Role } from '../auth/roles.ts';

/** A staff account as the rest of the module sees it (never with the hash). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** Login names: lower case letters, digits, dot, dash, underscore. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.');

/** Thrown for a bad account request; `message` is Vietnamese and safe to show. */
export class UserInputError extends Error {}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
}

const toUser = (r: Row): AdminUser => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at });

/** Input of {@link createUser}. */
export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** Creates an account; throws {@link UserInputError} for a taken name or a weak password. */
export async function createUser(db: Db, input: NewUser): Promise<AdminUser> {
  const username = Username.safeParse(input.username);
  if (!username.success) throw new UserInputError(username.error.issues[0]!.message);
  const role = Role.safeParse(input.role);
  if (!role.success) throw new UserInputError('Vai trò không hợp lệ.');
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem);
  if (findUserRow(db, username.data)) throw new UserInputError(`Tên đăng nhập "${username.data}" đã có người dùng.`);
  const hash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const info = db
    .prepare('INSERT INTO admin_users (username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(username.data, input.displayName?.trim() || username.data, role.data, hash, now, now);
  return getUser(db, Number(info.lastInsertRowid))!;
}

/** Replaces a password (after checking its strength). */
export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError(problem);
  const hash = await hashPassword(password);
  db.prepare('UPDATE admin_users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, new Date().toISOString(), userId);
  // A new password signs the account out everywhere, so a leaked session dies with the old password.
  db.prepare('DELETE FROM admin_sessions WHERE user_id = ?').run(userId);
}

function findUserRow(db: Db, username: string): Row | undefined {
  return db.prepare('SELECT * FROM admin_users WHERE username = ?').get(username) as Row | undefined;
}

/** The account and its password hash, for sign-in only. */
export function findForLogin(db: Db, username: string): { user: AdminUser; passwordHash: string } | undefined {
  const row = findUserRow(db, username.trim().toLowerCase());
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

/** An account by id. */
export function getUser(db: Db, id: number): AdminUser | undefined {
  const row = db.prepare('SELECT * FROM admin_users WHERE id = ?').get(id) as Row | undefined;
  return row && toUser(row);
}

/** An account by login name (case-insensitive). */
export function findUser(db: Db, username: string): AdminUser | undefined {
  const row = findUserRow(db, username.trim().toLowerCase());
  return row && toUser(row);
}

/** All accounts, by login name. */
export function listUsers(db: Db): AdminUser[] {
  return (db.prepare('SELECT * FROM admin_users ORDER BY username').all() as Row[]).map(toUser);
}

/** Changes role, display name or the disabled flag. Disabling signs the account out. */
export function updateUser(db: Db, id: number, patch: { role?: Role; displayName?: string; disabled?: boolean }): void {
  const now = new Date().toISOString();
  if (patch.role) db.prepare('UPDATE admin_users SET role = ?, updated_at = ? WHERE id = ?').run(patch.role, now, id);
  if (patch.displayName !== undefined) db.prepare('UPDATE admin_users SET display_name = ?, updated_at = ? WHERE id = ?').run(patch.displayName.trim() || findUsername(db, id), now, id);
  if (patch.disabled !== undefined) {
    db.prepare('UPDATE admin_users SET disabled = ?, updated_at = ? WHERE id = ?').run(patch.disabled ? 1 : 0, now, id);
    if (patch.disabled) db.prepare('DELETE FROM admin_sessions WHERE user_id = ?').run(id);
  }
}

function findUsername(db: Db, id: number): string {
  return getUser(db, id)?.username ?? '';
}

/** Active admins, so the last one cannot be demoted or disabled (nobody could manage users then). */
export function countActiveAdmins(db: Db): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM admin_users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}
