/**
 * Website chat widget channel: serves the embeddable script and its stylesheet, a small ward
 * configuration endpoint the widget reads on first open, and a demo portal page served under a
 * strict CSP. The widget itself talks to the shared POST /api/chat, /api/feedback and
 * /api/session/reset routes with `channel: 'web'`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppModule } from '../../bot/app-context.ts';
import { DEFAULT_ASSISTANT_OPTIONS } from '../../bot/assistant.ts';
import { DEMO_CSP, renderDemoPage } from './demo-page.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');

/** Options of the web module; defaults suit a production server. */
export interface WebModuleOptions {
  /** Procedure ids offered as topics under the greeting; missing ids are skipped, gaps filled. */
  suggestedTopics: string[];
  /** How many topics the widget shows under its greeting. */
  topicCount: number;
  /** Serve GET /demo (a sample portal page embedding the widget). */
  demo: boolean;
}

export const DEFAULT_WEB_OPTIONS: WebModuleOptions = {
  suggestedTopics: DEFAULT_ASSISTANT_OPTIONS.suggestedTopics,
  topicCount: 4,
  demo: true,
};

/** What GET /api/widget-config returns. */
export interface WidgetConfig {
  wardName: string;
  hotline: string;
  officeHours: string;
  onlinePortalUrl: string;
  suggestedTopics: Array<{ id: string; label: string }>;
}

interface Asset {
  body: string;
  type: string;
  etag: string;
}

function asset(file: string, type: string): Asset {
  const body = readFileSync(join(PUBLIC_DIR, file), 'utf8');
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Sends a static asset with a short cache lifetime and ETag revalidation. */
function sendAsset(request: FastifyRequest, reply: FastifyReply, a: Asset) {
  reply
    .header('cache-control', 'public, max-age=300, must-revalidate')
    .header('etag', a.etag)
    // Portals that isolate themselves (COEP) may still load the widget from our origin.
    .header('cross-origin-resource-policy', 'cross-origin');
  if (request.headers['if-none-match'] === a.etag) return reply.status(304).send();
  return reply.type(a.type).send(a.body);
}

/** Builds the module; files are read once at start-up so a missing asset fails fast. */
export function createWebModule(overrides: Partial<WebModuleOptions> = {}): AppModule {
  const options = { ...DEFAULT_WEB_OPTIONS, ...overrides };
  return (app, ctx) => {
    const widgetJs = asset('widget.js', 'application/javascript; charset=utf-8');
    const widgetCss = asset('widget.css', 'text/css; charset=utf-8');
    const demoCss = asset('demo.css', 'text/css; charset=utf-8');

    app.get('/widget.js', (request, reply) => sendAsset(request, reply, widgetJs));
    app.get('/widget.css', (request, reply) => sendAsset(request, reply, widgetCss));

    app.get('/api/widget-config', async (_request, reply): Promise<WidgetConfig> => {
      const kb = ctx.runtime.snapshot();
      const ids = options.suggestedTopics.filter((id) => kb.procedures.has(id));
      for (const id of kb.procedures.keys()) {
        if (ids.length >= options.topicCount) break;
        if (!ids.includes(id)) ids.push(id);
      }
      reply.header('cache-control', 'public, max-age=60');
      return {
        wardName: kb.ward.name,
        hotline: kb.ward.hotline,
        officeHours: kb.ward.officeHours,
        onlinePortalUrl: kb.ward.onlinePortalUrl,
        suggestedTopics: ids.slice(0, options.topicCount).map((id) => ({ id, label: kb.procedures.get(id)!.name })),
      };
    });

    if (options.demo) {
      app.get('/demo.css', (request, reply) => sendAsset(request, reply, demoCss));
      app.get('/demo', (_request, reply) =>
        reply
          .header('content-security-policy', DEMO_CSP)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(renderDemoPage(ctx.runtime.snapshot().ward)),
      );
    }
  };
}

/** The widget module with default options, as registered in bot/modules.ts. */
export const webModule: AppModule = createWebModule();
