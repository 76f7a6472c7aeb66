/**
 * Serves the admin page: one HTML shell and its own CSS/JS files (no inline script or style, so
 * the strict Content-Security-Policy set by the module holds).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Mounts the HTML shell at /admin and the static files at /admin/assets/. */
export async function uiRoutes(app: FastifyInstance): Promise<void> {
  const shell = readFileSync(join(here, 'index.html'), 'utf8');
  await app.register(fastifyStatic, { root: here, prefix: '/assets/', decorateReply: false, allowedPath: (path) => /\.(css|js|svg)$/.test(path), cacheControl: false });
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(shell));
}
