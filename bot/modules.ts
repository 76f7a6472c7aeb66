/**
 * Which optional modules the server mounts, decided from configuration. Channels, the widget and
 * the admin page register here; tests pick modules explicitly instead.
 */
import { channelModules } from '../adapters/channel/channel-modules.ts';
import { webModule } from '../adapters/web/web-module.ts';
import type { AppModule } from './app-context.ts';
import type { Config } from './config.ts';
import type { KnowledgeSnapshot } from './knowledge-snapshot.ts';
import { createVectorEnhancer } from './vector-setup.ts';

/** Route modules for a production server. */
export async function defaultModules(config: Config): Promise<AppModule[]> {
  return [webModule, ...(await channelModules(config))];
}

/** Snapshot upgrade (vector or hybrid retrieval, per RETRIEVER) for a production server. */
export async function defaultEnhancer(config: Config, log?: (message: string) => void): Promise<((s: KnowledgeSnapshot) => KnowledgeSnapshot | Promise<KnowledgeSnapshot>) | undefined> {
  return createVectorEnhancer(config, log);
}
