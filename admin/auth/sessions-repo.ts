/**
 * Staff sign-in sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy
 * of the database cannot be replayed as a cookie. Each session carries its own CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../knowledge/sqlite/database.ts';

/** Sessions end after this long without use. */
export const SESSION_IDLE_MS = 8 * 3_600_000;

/** A live session. */
export interface AdminSession {
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session; returns the cookie token (shown once, never stored). */
export function openSession(db: Db, userId: number, now = new Date()): { token: string; session: AdminSession } {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  db.prepare('DELETE FROM admin_sessions WHERE expires_at < ?').run(now.toISOString());
  db.prepare('INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(digest(token), userId, csrfToken, now.toISOString(), expiresAt);
  return { token, session: { userId, csrfToken, expiresAt } };
}

/** The session for a cookie token, extending its idle deadline; undefined when unknown or expired. */
export function touchSession(db: Db, token: string, now = new Date()): AdminSession | undefined {
  const row = db.prepare('SELECT user_id, csrf_token, expires_at FROM admin_sessions WHERE token_hash = ?').get(digest(token)) as
    | { user_id: number; csrf_token: string; expires_at: string }
    | undefined;
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return undefined;
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  // Extending on every request would write on every click; once a minute is enough.
  if (Date.parse(row.expires_at) - now.getTime() < SESSION_IDLE_MS - 60_000) {
    db.prepare('UPDATE admin_sessions SET expires_at = ? WHERE token_hash = ?').run(expiresAt, digest(token));
  }
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt };
}

/** Ends a session (sign-out). */
export function closeSession(db: Db, token: string): void {
  db.prepare('DELETE FROM admin_sessions WHERE token_hash = ?').run(digest(token));
}
