/**
 * The screenshots in docs/web.md, taken the way the browser tests drive the
 * page (the repository's knowledge base and price data, Debian's Chromium):
 *
 *   npx tsx test/adapters/web/take-screenshots.ts
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { findChromium, launch, NO_CHROMIUM, startWebBot } from './browser.js';

const docs = (name: string): string => fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));

async function ask(page: Page, line: string, until: string): Promise<void> {
  await page.getByTestId('input').fill(line);
  await page.getByTestId('input').press('Enter');
  await page.getByTestId('bot-message').filter({ hasText: until }).last().waitFor({ timeout: 30_000 });
}

const chromium = findChromium();
if (chromium === undefined) throw new Error(NO_CHROMIUM);
const [browser, bot] = await Promise.all([launch(chromium), startWebBot({ knowledgeDir: fileURLToPath(new URL('../../../knowledge', import.meta.url)) })]);
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(bot.url);
  await ask(page, 'How much did Alibaba cut Qwen prices?', 'Qwen');
  await ask(page, '/pricewar trend', 'Cheapest');
  const chart = page.getByTestId('chart').last();
  const point = chart.locator('svg .mark-symbol.role-mark path').nth(40);
  await point.waitFor();
  await chart.scrollIntoViewIfNeeded();
  await point.hover({ force: true });
  await page.locator('#vg-tooltip-element.visible').waitFor();
  await page.screenshot({ path: docs('web-chat.png') });

  const dashboard = await context.newPage();
  await dashboard.goto(new URL('prices', bot.url).href);
  await dashboard.locator('#cuts [data-testid=chart] svg .mark-rect path').first().waitFor({ timeout: 30_000 });
  await dashboard.getByTestId('provider').selectOption('deepseek');
  await dashboard.getByTestId('sort-4').click();
  await dashboard.screenshot({ path: docs('web-dashboard.png'), fullPage: true });

  const zh = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 800 } });
  const zhPage = await zh.newPage();
  await zhPage.goto(bot.url);
  await ask(zhPage, '大模型价格战对中小企业有什么影响？', '');
  await zhPage.evaluate('document.fonts.ready');
  await zhPage.waitForTimeout(500);
  await zhPage.screenshot({ path: docs('web-chat-zh.png') });
} finally {
  await browser.close();
  await bot.close();
}
process.exit(0);
