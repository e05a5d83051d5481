/**
 * What the browser tests share: Debian's Chromium found on PATH (never
 * downloaded), a real bot with every command and the web page on a free
 * port, a small knowledge base (one document with a source link, one
 * hostile), and screenshots under test-results/.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createWebAdapter, type WebAdapter } from '../../../src/adapters/web/index.js';
import { createBot } from '../../../src/app.js';
import { pricesDashboard } from '../../../src/bot/pricewar/dashboard.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { createLogger } from '../../../src/logging.js';

/** The first Chromium on PATH, or undefined (the tests then skip, saying why). */
export function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export const NO_CHROMIUM = 'no chromium on PATH: the browser tests are skipped (Debian: apt-get install chromium; .ci/run installs it)';

export const RESULTS_DIR = join(process.cwd(), 'test-results');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

export async function launch(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

const LINKED_DOC = `---
id: widget-prices
title: Widget price notes
lang: en
tags: [widget, price]
questions:
  - What does the Acme widget API cost?
---

# Widget price notes

## Acme widget API price

The Acme widget API costs **$2 per million tokens** for input and \`$6\` for output, per the [Acme pricing page](https://example.com/acme/pricing).
`;

/** A knowledge document written by someone hostile: every bit of HTML in it must render inert. */
export const HOSTILE_MARKERS = ['<script>window.__xss = 1</script>', '<img src="x" onerror="window.__xss = 2">'];
const HOSTILE_DOC = `---
id: hostile
title: Hostile gadget notes
lang: en
tags: [gadget]
questions:
  - What does the hostile gadget document say?
---

# Hostile gadget notes

## Hostile gadget document

The hostile gadget document says gadgets are cheap. ${HOSTILE_MARKERS.join(' ')} [a link](javascript:window.__xss=3) <a href="javascript:window.__xss=4" onclick="window.__xss=5">another</a>
`;

export interface WebBot {
  readonly bot: Bot;
  readonly web: WebAdapter;
  readonly url: string;
  close(): Promise<void>;
}

/** A bot with every command and the web page on a free port, in its own data folder; the test knowledge base unless one is named. */
export async function startWebBot(options: { knowledgeDir?: string } = {}): Promise<WebBot> {
  const root = mkdtempSync(join(tmpdir(), 'pwbot-web-'));
  let knowledge = options.knowledgeDir;
  if (knowledge === undefined) {
    knowledge = join(root, 'knowledge');
    mkdirSync(knowledge);
    writeFileSync(join(knowledge, 'widget-prices.en.md'), LINKED_DOC);
    writeFileSync(join(knowledge, 'hostile.en.md'), HOSTILE_DOC);
  }
  const config = loadConfig({ DATA_DIR: join(root, 'data'), OUT_DIR: join(root, 'out'), KNOWLEDGE_DIR: knowledge, TRAIN_BACKEND: 'cpu', WEB_PORT: '0', TRAIN_ALLOWED_USERS: 'web:tester' }, undefined);
  const log = createLogger({ level: 'silent' });
  const bot = await createBot({ config, log });
  const web = createWebAdapter(config, log, () => pricesDashboard(config), 'tester');
  if (web === undefined) throw new Error('WEB_PORT=0 must start the page');
  await bot.attach(web);
  await bot.startServices();
  return {
    bot,
    web,
    url: web.url,
    async close() {
      await bot.shutdown();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
