/**
 * The admin module's own tables, applied through `migrateModule(db, 'admin', …)` so the core
 * migration list stays untouched. Append only: never edit a shipped migration.
 */
export const ADMIN_MIGRATIONS: readonly string[] = [
  // 1: staff accounts, sign-in sessions, login throttling, audit log, inbox decisions, channel secrets.
  `CREATE TABLE admin_users (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
     password_hash TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE admin_sessions (
     token_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
     csrf_token TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE admin_login_failures (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     throttle_key TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX admin_login_failures_key ON admin_login_failures(throttle_key, at);
   CREATE TABLE admin_audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     entity_type TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     before_json TEXT,
     after_json TEXT
   );
   CREATE INDEX admin_audit_entity ON admin_audit(entity_type, entity_id, id);
   CREATE TABLE admin_inbox_ignored (
     question_key TEXT PRIMARY KEY,
     sample TEXT NOT NULL,
     actor TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE TABLE admin_inbox_resolved (
     transcript_id INTEGER PRIMARY KEY,
     entry_id TEXT,
     actor TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE TABLE admin_secrets (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];
