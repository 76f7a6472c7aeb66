/**
 * Schema migrations for the embedded SQLite store, applied in order inside one transaction each.
 * PRAGMA user_version records how many have run. Append only: never edit a shipped migration.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: knowledge content, stored as validated JSON documents with a few indexed columns.
  `CREATE TABLE procedures (
     id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     status TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE qa_entries (
     id TEXT PRIMARY KEY,
     procedure_id TEXT,
     data TEXT NOT NULL,
     status TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE revisions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     entity_type TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     action TEXT NOT NULL,
     data TEXT,
     actor TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX revisions_entity ON revisions(entity_type, entity_id, id);`,
  // 2: conversations: dialogue state, masked transcripts and citizen feedback.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE transcripts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     question TEXT NOT NULL,
     reply_kind TEXT NOT NULL,
     entry_id TEXT,
     score REAL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX transcripts_created ON transcripts(created_at);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     transcript_id INTEGER REFERENCES transcripts(id),
     session_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     entry_id TEXT,
     question TEXT,
     rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
     comment TEXT,
     created_at TEXT NOT NULL
   );`,
  // 3: chat channels (Zalo, Telegram): inbound events already handled (dedup of redeliveries,
  // purged after a TTL) and the Zalo OA token pair (single-use rotating refresh token).
  `CREATE TABLE channel_events (
     channel TEXT NOT NULL,
     event_id TEXT NOT NULL,
     seen_at INTEGER NOT NULL,
     PRIMARY KEY (channel, event_id)
   );
   CREATE INDEX channel_events_seen ON channel_events(seen_at);
   CREATE TABLE zalo_tokens (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     access_token TEXT NOT NULL,
     refresh_token TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     refresh_error TEXT,
     refresh_error_at INTEGER
   );`,
];
