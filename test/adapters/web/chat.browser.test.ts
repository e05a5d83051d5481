/**
 * The chat page and the dashboard in a real Chromium (Debian's, found on
 * PATH): one browser for the file, a fresh browser context (so a fresh
 * session) per test, a screenshot of each under test-results/.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, HOSTILE_MARKERS, launch, NO_CHROMIUM, screenshot, startWebBot, type WebBot } from './browser.js';

const chromium = findChromium();
if (chromium === undefined) console.warn(NO_CHROMIUM);

describe.skipIf(chromium === undefined)('web page in Chromium', () => {
  let browser: Browser;
  let bot: WebBot;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [browser, bot] = await Promise.all([launch(chromium as string), startWebBot()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(pageErrors.splice(0), 'uncaught errors in the page, or requests that left the bot').toEqual([]);
  });

  async function open(path = '', locale = 'en-US'): Promise<Page> {
    context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Everything the page loads comes from the bot itself (no CDN): works offline.
    page.on('request', (r) => {
      if (!r.url().startsWith(new URL(bot.url).origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) pageErrors.push(`request to another host: ${r.url()}`);
    });
    await page.goto(new URL(path, bot.url).href);
    return page;
  }

  async function ask(page: Page, line: string): Promise<void> {
    const input = page.getByTestId('input');
    await input.fill(line);
    await input.press('Enter');
  }

  /** The last bot message, once it contains `text`. */
  function botReply(page: Page, text: string | RegExp) {
    return page.getByTestId('bot-message').filter({ hasText: text }).last();
  }

  it('answers a question with a source link; 👎 is recorded; ↑ recalls the last line; suggested questions work', async () => {
    const page = await open();
    await ask(page, 'What does the Acme widget API cost?');
    const answer = botReply(page, '$2 per million tokens');
    await answer.waitFor();
    // Markdown rendered, not shown raw.
    await expect(answer.locator('strong').first().textContent()).resolves.toBe('$2 per million tokens');
    const link = answer.getByTestId('sources').locator('a[href="https://example.com/acme/pricing"]');
    await expect(link.textContent()).resolves.toContain('Acme pricing page');
    await expect(link.getAttribute('rel')).resolves.toContain('noopener');
    await screenshot(page, 'chat-answer');

    await answer.getByRole('button', { name: /Not helpful/ }).click();
    await botReply(page, /Thanks, recorded 👎 for answer #\d+/).waitFor();

    const input = page.getByTestId('input');
    await input.press('ArrowUp');
    await expect(input.inputValue()).resolves.toMatch(/^\/faq feedback \d+ down$/);

    // An unsure answer offers the closest questions as buttons; pressing one asks it.
    await input.fill('');
    await ask(page, 'What does the Acme widget API cost? (10)');
    const unsure = botReply(page, 'Closest questions');
    await unsure.getByRole('button', { name: 'What does the Acme widget API cost?' }).click();
    await expect.poll(() => page.getByTestId('bot-message').filter({ hasText: '$2 per million tokens' }).count()).toBe(2);
  });

  it('/pricewar cuts draws an interactive chart with a tooltip on hover', async () => {
    const page = await open();
    await ask(page, '/pricewar cuts');
    const reply = botReply(page, 'China');
    const chart = reply.getByTestId('chart').first();
    const mark = chart.locator('svg .mark-rect path').first();
    await mark.waitFor({ timeout: 20_000 });
    await chart.scrollIntoViewIfNeeded();
    await mark.hover();
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    // Date, vendor and model (the bar's label), the vendor, and the price change.
    expect(text).toMatch(/\d{2}-\d{2}-\d{2} .+ · .+/);
    expect(text).toMatch(/vendor/);
    expect(text).toMatch(/change\s*[−-]?\d+/);
    // The PNG for Slack/Discord is still one click away.
    expect(await chart.locator('figcaption a').getAttribute('href')).toMatch(/^\/api\/messages\/[^/]+\/charts\/0$/);
    await screenshot(page, 'chat-cuts-tooltip');
  });

  it('/train --epochs 20 updates one message in place, survives a reload, and ends with the curve', async () => {
    const page = await open();
    // Record every title the job's message shows, as the page shows it.
    // (Browser code as a string: this project's TypeScript has no DOM types.)
    await page.evaluate(`(() => {
      const seen = (window.__titles = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid=bot-message] .title')) {
          const t = el.textContent ?? '';
          if (t.startsWith('Training job') && seen.at(-1) !== t) seen.push(t);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await ask(page, '/train --epochs 20');
    await botReply(page, /Training job #\d+/).waitFor();
    const titles = (await page.evaluate('window.__titles')) as string[];
    await page.reload();
    const done = botReply(page, /Job #\d+: loss and accuracy per epoch/);
    await done.getByTestId('chart').locator('svg .mark-line path').first().waitFor({ timeout: 60_000 });
    expect(Number(await done.getAttribute('data-edits'))).toBeGreaterThanOrEqual(1);
    expect(titles.length, `titles seen: ${titles.join(' | ')}`).toBeGreaterThanOrEqual(1);
    expect(titles[0]).toMatch(/Training job #\d+: (queued|epoch \d+ of 20)/);
    // One message for the job: the progress message became the result.
    expect(await page.getByTestId('bot-message').count()).toBe(1);
    await screenshot(page, 'chat-train');
  });

  it('attaches a file to /train', async () => {
    const page = await open();
    await page.getByTestId('file').setInputFiles(fileURLToPath(new URL('../../../examples/data/model-switch.csv', import.meta.url)));
    await ask(page, '/train --epochs 3');
    await page.getByTestId('user-message').filter({ hasText: '📎 model-switch.csv' }).waitFor();
    const done = botReply(page, /Training job #\d+: done/);
    await done.waitFor({ timeout: 60_000 });
    await expect(done.textContent()).resolves.toContain('model-switch.csv');
    await screenshot(page, 'chat-train-attached');
  });

  it('renders a hostile knowledge document and a hostile message inert', async () => {
    const page = await open();
    await ask(page, 'What does the hostile gadget document say?');
    const answer = botReply(page, 'gadgets are cheap');
    await answer.waitFor();
    await ask(page, '<img src=x onerror="window.__xss=6"><script>window.__xss=7</script>');
    await page.getByTestId('user-message').filter({ hasText: 'onerror' }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('[data-testid=log] script, [data-testid=log] [onerror], [data-testid=log] [onclick], [data-testid=log] a[href^="javascript:"]').count()).toBe(0);
    // Raw HTML in a document is shown as the text it is.
    const shown = (await answer.textContent()) ?? '';
    for (const marker of HOSTILE_MARKERS) expect(shown).toContain(marker);
    // The user's own line is shown as the text they typed.
    await expect(page.getByTestId('user-message').last().textContent()).resolves.toContain('<img src=x onerror=');
    await screenshot(page, 'chat-xss-inert');
  });

  it('keeps static files inside their folder', async () => {
    const page = await open();
    for (const path of ['/..%2f..%2fetc/passwd', '/static/..%2f..%2f..%2f..%2fetc/passwd', '/static/..%2fapp.ts']) {
      const response = await page.goto(new URL(path, bot.url).href);
      expect(response?.status(), path).toBe(404);
      expect(await page.content()).not.toContain('root:');
    }
    await screenshot(page, 'traversal-404');
  });

  it('the dashboard shows the data date and sources, sorts and filters the price table, and draws both charts', async () => {
    const page = await open('prices');
    await page.getByTestId('prices-table').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('meta').textContent()).resolves.toMatch(/Data as of \d{4}-\d{2}-\d{2}.*Currency: USD/);
    const column = async (i: number): Promise<string[]> => page.locator(`[data-testid=prices-table] tbody tr td:nth-child(${i + 1})`).allTextContents();
    await page.getByTestId('sort-1').click();
    const up = (await column(1)).slice(0, 50);
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId('sort-1').click();
    const down = (await column(1)).slice(0, 50);
    expect(down).toEqual([...down].sort((a, b) => b.localeCompare(a)));
    expect(down[0]).not.toBe(up[0]);
    await page.getByTestId('provider').selectOption('deepseek');
    expect(new Set(await column(0))).toEqual(new Set(['deepseek']));
    await page.locator('#trend [data-testid=chart] svg .mark-line path').first().waitFor({ timeout: 20_000 });
    await page.locator('#cuts [data-testid=chart] svg .mark-rect path').first().waitFor();
    // Hovering the trend's points reads a price: date, price, tier.
    const point = page.locator('#trend [data-testid=chart] svg .mark-symbol.role-mark path').nth(5);
    await point.scrollIntoViewIfNeeded();
    await point.hover({ force: true });
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/date.*\d{4}.*price.*\d.*series.*MMLU/s);
    // Zoom: the wheel over the plot changes the x axis.
    const ticks = (): Promise<string[]> => page.locator('#trend [data-testid=chart] svg .role-axis-label').first().locator('text').allTextContents();
    const before = await ticks();
    await page.mouse.wheel(0, -400);
    await expect.poll(ticks).not.toEqual(before);
    await screenshot(page, 'dashboard');
  });

  it('speaks Chinese to a Chinese browser', async () => {
    const page = await open('', 'zh-CN');
    await expect(page.getByTestId('input').getAttribute('placeholder')).resolves.toContain('回车发送');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  });
});
