/**
 * What the composition root hands to channel adapters and the admin module when they mount
 * their routes, so they never build their own copies of shared services.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../knowledge/sqlite/database.ts';
import type { SqliteKnowledgeStore } from '../knowledge/sqlite/sqlite-knowledge-store.ts';
import type { Assistant } from './assistant.ts';
import type { LinkBuilder } from './card.ts';
import type { Config } from './config.ts';
import type { KnowledgeRuntime } from './knowledge-runtime.ts';
import type { SqliteConversationStore } from './sqlite-conversation-store.ts';

/** Shared services of one running app. */
export interface AppContext {
  config: Config;
  db: Db;
  store: SqliteKnowledgeStore;
  runtime: KnowledgeRuntime;
  assistant: Assistant;
  conversations: SqliteConversationStore;
  links: LinkBuilder;
}

/** A module that mounts routes (a channel, the widget, the admin page). */
export type AppModule = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;
