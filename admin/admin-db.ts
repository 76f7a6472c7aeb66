/**
 * Brings the admin tables up to date on an open database (called by the module and the CLI).
 */
import { migrateModule, type Db } from '../knowledge/sqlite/database.ts';
import { ADMIN_MIGRATIONS } from './migrations.ts';

/** Applies pending admin migrations; safe to call on every start. */
export function migrateAdmin(db: Db): void {
  migrateModule(db, 'admin', ADMIN_MIGRATIONS);
}
