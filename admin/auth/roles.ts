/**
 * Staff roles. Each role includes the rights of the ones below it:
 * viewer (reports, read-only content) < editor (content, import, inbox, dictionary) < admin (users, settings).
 */
import { z } from 'zod';

/** A staff role (see the module comment for what each may do). */
export const Role = z.enum(['admin', 'editor', 'viewer']);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Vietnamese names shown in the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị (người dùng, cài đặt)',
  editor: 'Biên tập (nội dung)',
  viewer: 'Xem báo cáo',
};

/** True when `role` has at least the rights of `needed`. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
