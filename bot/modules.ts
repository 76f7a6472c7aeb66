/**
 * Which optional modules the server mounts, decided from configuration. Channels, the widget and
 * the admin page register here; tests pick modules explicitly instead.
 */
import type { AppModule } from './app-context.ts';
import type { Config } from './config.ts';
import type { KnowledgeSnapshot } from './knowledge-snapshot.ts';

/** Route modules for a production server. */
export async function defaultModules(_config: Config): Promise<AppModule[]> {
  return [];
}

/** Snapshot upgrade (hybrid retrieval) for a production server, or undefined for lexical only. */
export async function defaultEnhancer(_config: Config): Promise<((s: KnowledgeSnapshot) => KnowledgeSnapshot | Promise<KnowledgeSnapshot>) | undefined> {
  return undefined;
}
