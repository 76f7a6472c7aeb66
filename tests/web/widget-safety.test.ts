/**
 * The widget in a real browser where things go wrong or get hostile: keyboard-only use, markup in
 * questions and in replies staying inert, server and network errors with "Thử lại", and the real
 * deployment shape: a portal on another origin with a strict CSP naming only the bot's origin.
 */
import type { Browser, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, botReplies, input, launchBrowser, launcher, openDemo, openWidget, panel, startPortal, startServer, widget, type DemoPage, type TestPortal, type TestServer } from './helpers.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

describe('web widget: keyboard, hostile input, errors', () => {
  let server: TestServer;
  let browser: Browser;
  let demo: DemoPage | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterEach(async () => {
    const problems = demo?.problems ?? [];
    await demo?.context.close();
    demo = undefined;
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Where the keyboard focus is, looking through the widget's shadow root. */
  const focused = (d: DemoPage) =>
    d.page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return inner ? `widget:${inner.className}` : (host?.tagName ?? '');
    });

  it('works with the keyboard only: Tab to launcher, Enter, type, Enter, Esc', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    let where = '';
    for (let i = 0; i < 40 && !where.includes('sb-launcher'); i++) {
      await page.keyboard.press('Tab');
      where = await focused(demo);
    }
    expect(where).toContain('sb-launcher');
    // The focus ring is visible (an outline, not just a colour change).
    const outline = await launcher(page).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    expect(await focused(demo)).toContain('sb-input');
    await page.keyboard.type('le phi dang ky tam tru');
    await page.keyboard.press('Enter');
    await botReplies(page).first().waitFor();
    expect(await botReplies(page).first().innerText()).toMatch(/Lệ phí|tạm trú/i);
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'hidden' });
    expect(await focused(demo)).toContain('sb-launcher');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
  });

  it('labels every control in Vietnamese', async () => {
    demo = await openDemo(browser, server.baseUrl);
    await openWidget(demo.page);
    const unlabelled = await widget(demo.page).locator('.sb-root').evaluate((root) =>
      Array.from(root.querySelectorAll('button, input, a, textarea'))
        .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && root.querySelector(`label[for="${el.id}"]`))))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await widget(demo.page).getByRole('button', { name: 'Đóng cửa sổ trò chuyện' }).count()).toBe(1);
    expect(await widget(demo.page).getByRole('textbox', { name: 'Câu hỏi của bạn' }).count()).toBe(1);
  });

  it('keeps a hostile question inert', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    await openWidget(page);
    await ask(page, HOSTILE);
    expect(await widget(page).locator('.sb-user').last().innerText()).toContain(HOSTILE);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await widget(page).locator('img').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('keeps a hostile reply inert and drops non-http(s) links and images', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    const evil = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script><b>đậm</b>';
    const card = {
      kind: 'answer',
      text: evil,
      entryId: 'x',
      procedureId: 'x',
      card: {
        procedureId: 'x', title: evil, summary: evil, fee: evil, processingTime: '1 ngày', where: evil, onlineLevel: evil, legalBasis: [], detailUrl: 'javascript:window.__pwned=4',
        documents: [{ name: evil, form: evil, count: 2, note: evil }],
      },
      links: [{ label: evil, url: 'javascript:window.__pwned=5' }, { label: 'Nộp hồ sơ trực tuyến', url: 'data:text/html,<script>alert(1)</script>' }, { label: 'Xem chi tiết thủ tục', url: 'https://example.org/thu-tuc/x' }],
      qr: { png: 'javascript:window.__pwned=6', svg: '' },
      suggestions: [evil],
    };
    const qa = { kind: 'answer', text: `${evil}\nXem thêm https://dichvucong.gov.vn/p?a=1 hoặc javascript:alert(1)`, entryId: 'y', procedureId: null, links: [], suggestions: [] };
    let calls = 0;
    await page.route('**/api/chat', (route) => route.fulfill({ json: { messageId: 7 + calls, matches: [], reply: calls++ === 0 ? card : qa } }));
    await openWidget(page);
    const first = await ask(page, 'câu hỏi bất kỳ');
    expect(await first.locator('.sb-card-title').innerText()).toBe(evil);
    expect(await first.locator('.sb-checklist li').first().innerText()).toContain(evil);
    await first.locator('.sb-chip').first().waitFor();
    const second = await ask(page, 'câu hỏi khác');
    expect(await second.innerText()).toContain(evil);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await widget(page).locator('img, script, b').count()).toBe(0);
    const hrefs = await widget(page).locator('.sb-log a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })));
    expect(hrefs).toEqual([
      { href: 'https://example.org/thu-tuc/x', target: '_blank', rel: 'noopener noreferrer' },
      { href: 'https://dichvucong.gov.vn/p?a=1', target: '_blank', rel: 'noopener noreferrer' },
    ]);
  });

  it('renders a choices reply as buttons and sends the tapped label', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    const sent: string[] = [];
    await page.route('**/api/chat', async (route) => {
      const body = route.request().postDataJSON() as { text: string; channel: string };
      sent.push(`${body.channel}:${body.text}`);
      if (sent.length === 1) {
        await route.fulfill({ json: { matches: [], reply: { kind: 'choices', text: 'Bạn chọn giúp một mục:\n1. A\n2. B', choices: [{ id: 'dang-ky-tam-tru', label: 'Đăng ký tạm trú' }, { id: 'gia-han-tam-tru', label: 'Gia hạn tạm trú' }] } } });
      } else {
        await route.continue();
      }
    });
    await openWidget(page);
    const reply = await ask(page, 'tam tru');
    expect(await reply.locator('.sb-text').first().innerText()).toBe('Bạn chọn giúp một mục:');
    await reply.getByRole('button', { name: 'Gia hạn tạm trú' }).click();
    await botReplies(page).nth(1).waitFor();
    expect(sent).toEqual(['web:tam tru', 'web:Gia hạn tạm trú']);
  });

  it('renders a fallback with a tap-to-call hotline and suggestion buttons', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    await openWidget(page);
    const reply = await ask(page, 'thời tiết hôm nay thế nào');
    const call = reply.locator('a.sb-call');
    await call.waitFor();
    expect(await call.getAttribute('href')).toMatch(/^tel:[\d+]+$/);
    expect(await reply.locator('.sb-topics .sb-chip').count()).toBeGreaterThan(0);
  });

  it('shows a typing indicator, then a Vietnamese error with "Thử lại" that keeps the text and retries', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    await openWidget(page);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const failing = async (route: Route) => {
      calls++;
      if (calls === 1) {
        await held;
        return route.abort('connectionrefused');
      }
      return route.fulfill({ status: 500, json: { error: 'Hệ thống đang gặp sự cố, bạn vui lòng thử lại sau ít phút.' } });
    };
    await page.route('**/api/chat', failing);
    const question = 'le phi dang ky thuong tru';
    await input(page).fill(question);
    await input(page).press('Enter');
    await widget(page).locator('.sb-typing').waitFor();
    expect(await widget(page).locator('.sb-log').getAttribute('aria-busy')).toBe('true');
    release();
    const error = widget(page).locator('.sb-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Không kết nối được với máy chủ');
    expect(await input(page).inputValue()).toBe(question);
    expect(await widget(page).locator('.sb-typing').isHidden()).toBe(true);

    await error.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => error.innerText().catch(() => ''), { timeout: 10_000 }).toContain('Hệ thống đang gặp sự cố');
    expect(await input(page).inputValue()).toBe(question);

    await page.unroute('**/api/chat', failing);
    await widget(page).locator('.sb-error').getByRole('button', { name: 'Thử lại' }).click();
    await botReplies(page).first().waitFor();
    expect(await widget(page).locator('.sb-error').count()).toBe(0);
    expect(await input(page).inputValue()).toBe('');
    expect(await widget(page).locator('.sb-user').allInnerTexts()).toEqual([expect.stringContaining(question)]);
    // The browser logs the two failures this test provoked; nothing else may appear.
    expect(demo.problems).toEqual([
      'console: Failed to load resource: net::ERR_CONNECTION_REFUSED',
      'console: Failed to load resource: the server responded with a status of 500 (Internal Server Error)',
    ]);
    demo.problems.length = 0;
  });

  it('asks for a comment after 👎 and stores it', async () => {
    demo = await openDemo(browser, server.baseUrl);
    const { page } = demo;
    await openWidget(page);
    const reply = await ask(page, 'dang ky tam tru');
    await reply.getByRole('button', { name: 'Câu trả lời chưa hữu ích' }).click();
    const box = reply.getByRole('textbox', { name: /Chưa ổn ở đâu/ });
    await box.fill('Thiếu mẫu tờ khai');
    await reply.getByRole('button', { name: 'Gửi góp ý' }).click();
    await reply.getByText('Cảm ơn bạn đã góp ý!').waitFor();
    const row = server.handle.db.prepare("SELECT rating, comment, channel FROM feedback WHERE comment IS NOT NULL ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ rating: -1, comment: 'Thiếu mẫu tờ khai', channel: 'web' });
  });
});

describe('web widget on another origin with a strict CSP', () => {
  let server: TestServer;
  let portal: TestPortal;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortal({ primaryColor: '#0b5394', position: 'left', greeting: 'Chào bạn, mình là trợ lý thử nghiệm.' });
    [server, browser] = await Promise.all([startServer({ CORS_ORIGINS: portal.origin }), launchBrowser()]);
    portal.setBot(server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await portal?.close();
  });

  it('loads from the bot origin, calls the API through CORS, shows the QR, with no CSP violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`)));
      await page.goto(portal.origin);
      await launcher(page).waitFor();
      // window.SmartBotConfig overrides the data-* attributes of the snippet.
      const box = await launcher(page).boundingBox();
      expect(box!.x).toBeLessThan(100);
      expect(await launcher(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 83, 148)');
      await openWidget(page);
      expect(await widget(page).locator('.sb-greeting').innerText()).toContain('Chào bạn, mình là trợ lý thử nghiệm.');
      expect(await widget(page).locator('.sb-title').innerText()).toBe('Trợ lý ảo Phường Thử Nghiệm');
      const reply = await ask(page, 'dang ky thuong tru can giay to gi');
      const qr = reply.locator('.sb-qr img');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(new RegExp(`^${server.baseUrl}/qr/`));
      await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await reply.getByRole('link', { name: /Xem chi tiết/ }).getAttribute('href')).toMatch(new RegExp(`^${server.baseUrl}/thu-tuc/`));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ignores a primary colour that is not a colour', async () => {
    const other = await startPortal({ primaryColor: 'red;}</style><script>window.__pwned=1</script>' });
    other.setBot(server.baseUrl);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(other.origin);
      await launcher(page).waitFor();
      // Falls back to data-primary-color? No: SmartBotConfig gave a value, it is invalid, so the default is used.
      expect(await launcher(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(165, 28, 28)');
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await context.close();
      await other.close();
    }
  });
});
