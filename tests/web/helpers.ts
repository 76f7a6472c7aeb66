/**
 * Shared set-up for the widget's real-browser tests: the real app on a loopback port (fresh
 * SQLite in a temp folder) and Debian's headless Chromium driven by playwright-core.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { webModule } from '../../adapters/web/web-module.ts';
import { buildApp, type AppHandle } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export interface TestServer {
  handle: AppHandle;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the whole app with only the web module, on 127.0.0.1 and a free port. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smartbot-web-'));
  const handle = await buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...env }), { modules: [webModule] });
  await handle.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = handle.app.server.address() as AddressInfo;
  return {
    handle,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      // Teardown: drop keep-alive sockets (e.g. Node fetch with unread bodies) instead of waiting.
      handle.app.server.closeAllConnections();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium with the flags that keep it quiet and offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface DemoPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

/** A fresh browser context (own localStorage) showing /demo. */
export async function openDemo(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 800 }): Promise<DemoPage> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Injected through the DevTools protocol, so the page's own CSP does not block this listener.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${baseUrl}/demo`);
  await launcher(page).waitFor();
  return { context, page, problems };
}

/** Everything inside the widget (Playwright's CSS engine pierces open shadow roots). */
export const widget = (page: Page): Locator => page.locator('smartbot-widget');
export const launcher = (page: Page): Locator => widget(page).locator('.sb-launcher');
export const panel = (page: Page): Locator => widget(page).locator('.sb-panel');
export const input = (page: Page): Locator => widget(page).locator('.sb-input');
/** Bot replies, not counting the greeting. */
export const botReplies = (page: Page): Locator => widget(page).locator('.sb-log > .sb-msg.sb-bot:not(.sb-greeting):not(.sb-error)');

export async function openWidget(page: Page): Promise<void> {
  await launcher(page).click();
  await panel(page).waitFor();
}

/** Types a question, presses Enter and returns the new reply once it is shown. */
export async function ask(page: Page, text: string): Promise<Locator> {
  const before = await botReplies(page).count();
  await input(page).fill(text);
  await input(page).press('Enter');
  const reply = botReplies(page).nth(before);
  await reply.waitFor();
  return reply;
}

/** Saves a screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await page.screenshot({ path });
  return path;
}

export interface TestPortal {
  /** Origin of the portal, e.g. http://localhost:41234 (a different origin from the bot). */
  origin: string;
  /** Sets the bot origin the portal page embeds (known only after the bot has started). */
  setBot(origin: string): void;
  close(): Promise<void>;
}

/**
 * A minimal third-party "ward portal" on another origin, with the strict CSP the README tells
 * portals to use: only the bot's origin is added to script-src, style-src, connect-src, img-src.
 * Its optional window.SmartBotConfig comes from its own /config.js (inline script is forbidden).
 */
export async function startPortal(config: Record<string, string>): Promise<TestPortal> {
  let bot = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/config.js') {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      res.end(`window.SmartBotConfig = ${JSON.stringify(config)};`);
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' ${bot}; style-src 'self' ${bot}; connect-src ${bot}; img-src ${bot}`,
    });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin phường</title></head>
<body><h1>Cổng thông tin điện tử phường</h1><p>Trang của một bên khác.</p>
<script src="/config.js"></script>
<script src="${bot}/widget.js" data-ward-name="Phường Thử Nghiệm" data-primary-color="red" data-position="right" async></script>
</body></html>`);
  });
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    setBot(origin) {
      bot = origin;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
