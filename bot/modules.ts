/**
 * Which optional modules the server mounts, decided from configuration. Channels, the widget and
 * the admin page register here; tests pick modules explicitly instead.
 */
import { adminModule } from '../admin/admin-module.ts';
import { channelModules } from '../adapters/channel/channel-modules.ts';
import { webModule } from '../adapters/web/web-module.ts';
import type { AppModule } from './app-context.ts';
import type { Config } from './config.ts';
import { createVectorEnhancer, type Enhancer } from './vector-setup.ts';

/** Route modules for a production server. */
export async function defaultModules(config: Config): Promise<AppModule[]> {
  return [webModule, ...(await channelModules(config)), adminModule];
}

/** Snapshot upgrade (vector or hybrid retrieval, per RETRIEVER) for a production server. */
export async function defaultEnhancer(config: Config, log?: (message: string) => void): Promise<Enhancer | undefined> {
  return createVectorEnhancer(config, log);
}
