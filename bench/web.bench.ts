/**
 * The web page in Chromium (Debian's, from PATH), each figure beside a peer
 * measured in the same run:
 *
 * - page load: navigation → first contentful paint, and → the chat drawn
 *   and ready to type in (its modules and vendored libraries loaded, the
 *   session fetched), p50 over 20 loads; peer: a bare HTML page from
 *   node:http.
 * - question → answer: Enter pressed → the answer rendered on the page, p50
 *   over 20 questions; peer: the same question through `Bot.handle` alone
 *   (no HTTP, no browser). The ratio is what the page adds.
 * - SSE update latency: a stored message edited on the server → its event
 *   read by a client of the stream, p50 over 200 edits; peer: a plain GET
 *   round trip to the same server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import type { Reply } from '../src/core/reply.js';
import { findChromium, launch, NO_CHROMIUM, startWebBot } from '../test/adapters/web/browser.js';
import { openClient } from '../test/adapters/web/client.js';
import { fmtMs, fmtRatio, summarize, type Bench } from './lib.js';

const GROUP = 'web';
const QUESTION = 'What does the Acme widget API cost?';

/**
 * The page's globals as the functions below use them. This project's TypeScript
 * has no DOM types, and string predicates would need eval, which the page's
 * CSP forbids; so predicates are functions (sent to the page as their source)
 * that cast `globalThis` to this.
 */
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
  readonly performance: { now(): number; getEntriesByName(name: string): ArrayLike<{ startTime: number }> };
  readonly MutationObserver: new (callback: (records: unknown, observer: { disconnect(): void }) => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  __readyAt?: number;
}

/**
 * Loads of `url` in one browser context (warm caches, like a reload). "Ready"
 * is stamped in the page itself, by a MutationObserver installed before the
 * page's scripts run, when `readySelector` first matches: a stopwatch outside
 * the page would add the remote-control round trips (tens of ms on 2 cores).
 */
async function pageLoads(browser: Browser, url: string, runs: number, readySelector: string): Promise<{ fcp: number[]; ready: number[] }> {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript((selector: string) => {
    const g = globalThis as unknown as PageGlobals;
    new g.MutationObserver((_records, observer) => {
      if (g.document.querySelector(selector) === null) return;
      g.__readyAt = g.performance.now();
      observer.disconnect();
    }).observe(g.document, { subtree: true, childList: true });
  }, readySelector);
  const fcp: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => {
        const g = globalThis as unknown as PageGlobals;
        return g.__readyAt !== undefined && g.performance.getEntriesByName('first-contentful-paint').length > 0;
      });
      const t = await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return { ready: g.__readyAt ?? Number.NaN, fcp: g.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN };
      });
      await page.close();
      if (i < 2) continue; // warm-up: the browser's and the server's caches
      fcp.push(t.fcp);
      ready.push(t.ready);
    }
  } finally {
    await context.close();
  }
  return { fcp, ready };
}

async function barePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body><main><p>pricewar-bot</p></main></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export default async function web(bench: Bench): Promise<void> {
  const chromium = findChromium();
  if (chromium === undefined) {
    bench.row(GROUP, 'skipped', NO_CHROMIUM);
    return;
  }
  const runs = bench.quick ? 5 : 20;
  const [browser, bot, bare] = await Promise.all([launch(chromium), startWebBot(), barePage()]);
  try {
    // Page load.
    const chat = await pageLoads(browser, bot.url, runs, '[data-testid=input]');
    const peer = await pageLoads(browser, bare.url, runs, 'main p');
    const chatFcp = summarize(chat.fcp).p50Ms;
    const chatReady = summarize(chat.ready).p50Ms;
    const bareFcp = summarize(peer.fcp).p50Ms;
    const bareReady = summarize(peer.ready).p50Ms;
    bench.row(GROUP, `chat page: navigation → first contentful paint, p50 of ${runs}`, fmtMs(chatFcp), `bare HTML page ${fmtMs(bareFcp)}: ${fmtRatio(chatFcp / bareFcp)}`);
    bench.row(GROUP, `chat page: navigation → the chat drawn, ready to type, p50 of ${runs}`, fmtMs(chatReady), `bare page's text in the DOM ${fmtMs(bareReady)}: ${fmtRatio(chatReady / bareReady)}`);

    // Question → answer.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(bot.url);
    await page.getByTestId('input').waitFor();
    const browserTimes: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const before = await page.getByTestId('bot-message').count();
      await page.getByTestId('input').fill(QUESTION);
      const start = performance.now();
      await page.getByTestId('input').press('Enter');
      await page.waitForFunction(
        (n) => {
          const messages = (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid=bot-message]');
          return messages.length > n && (messages[messages.length - 1]?.textContent ?? '').includes('per million tokens');
        },
        before,
        { polling: 'raf', timeout: 30_000 },
      ).catch(async (error: unknown) => {
        const last = await page.getByTestId('bot-message').last().textContent().catch(() => '(none)');
        throw new Error(`no answer to question ${i} (the page's last reply: ${last?.slice(0, 300)}): ${(error as Error).message}`);
      });
      if (i >= 2) browserTimes.push(performance.now() - start);
    }
    await context.close();
    const direct: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      await bot.bot.handle(
        { id: `bench-${i}`, platform: 'web', user: { id: 'bench' }, conversation: { platform: 'web', channel: 'bench', visibility: 'direct' }, text: QUESTION, files: [], receivedAt: new Date() },
        { send: async (reply: Reply) => ({ ref: { conversation: { platform: 'web', channel: 'bench' }, id: String(i) }, update: async () => undefined, followUp: async () => { throw new Error(`unexpected follow-up: ${reply.text}`); } }) },
        { adapter: bot.web },
      );
      if (i >= 2) direct.push(performance.now() - start);
    }
    const qa = summarize(browserTimes).p50Ms;
    const alone = summarize(direct).p50Ms;
    bench.row(GROUP, `question → answer on the page (Enter → rendered), p50 of ${runs}`, fmtMs(qa), `Bot.handle alone ${fmtMs(alone)}: the page adds ${fmtMs(qa - alone)} (${fmtRatio(qa / alone)})`);

    // SSE update latency.
    const client = await openClient(bot.url);
    const session = [...bot.web.store.sessions()].find((s) => s.csrf === client.csrf);
    if (session === undefined) throw new Error('the bench session is missing');
    const message = bot.web.store.append(session, { from: 'bot', reply: { text: 'v0' } });
    const controller = new AbortController();
    const res = await fetch(new URL('/api/events', bot.url), { headers: { cookie: client.cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const waitFor = async (needle: string): Promise<void> => {
      while (!buffer.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
      buffer = buffer.slice(buffer.indexOf(needle) + needle.length);
    };
    await waitFor('event: history');
    const edits = bench.quick ? 50 : 200;
    const sse: number[] = [];
    for (let i = 1; i <= edits; i++) {
      const start = performance.now();
      bot.web.store.edit(session, message.id, { text: `progress ${i} of ${edits}`, tone: 'progress' });
      await waitFor(`progress ${i} of ${edits}`);
      sse.push(performance.now() - start);
    }
    controller.abort();
    const get: number[] = [];
    for (let i = 0; i < edits; i++) {
      const start = performance.now();
      await (await fetch(new URL('/healthz', bot.url))).text();
      get.push(performance.now() - start);
    }
    const ssep50 = summarize(sse).p50Ms;
    const getp50 = summarize(get).p50Ms;
    bench.row(GROUP, `SSE: server edit → event read by a client, p50 of ${edits}`, fmtMs(ssep50), `p99 ${fmtMs(summarize(sse).p99Ms)}; a GET /healthz round trip ${fmtMs(getp50)}: ${fmtRatio(ssep50 / getp50)}`);
  } finally {
    await browser.close();
    await bot.close();
    await bare.close();
  }
}
