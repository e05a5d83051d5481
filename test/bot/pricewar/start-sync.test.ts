/**
 * `npm start` against fake feeds on 127.0.0.1: the console chat comes up at
 * once, the start-up sync runs in the background (the seeded data is months
 * old), and the answers then come from the synced store.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFeeds, type FakeFeeds } from '../../fakes/price-feeds.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let feeds: FakeFeeds;
let dir: string;

beforeAll(async () => {
  feeds = await startFakeFeeds();
  feeds.prices.set('gpt-4o-mini', [0.1, 0.4]);
  dir = mkdtempSync(join(tmpdir(), 'pricewar-start-'));
});

afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start with the price feeds', () => {
  it('syncs in the background at start-up, then answers from the synced store', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', DATA_DIR: dir, WEB_PORT: 'off', PRICE_FEED_OPENROUTER_URL: feeds.openrouterUrl, PRICE_FEED_LITELLM_URL: feeds.litellmUrl, OUT_DIR: join(dir, 'out') };
    for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'PRICE_SYNC_SCHEDULE']) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await until(() => out.includes('pricewar-bot console'), 'the console chat', () => out);
    await until(() => out.includes('"msg":"price feeds synced"'), 'the start-up sync', () => out);
    expect(feeds.requests.map((r) => r.path).sort()).toEqual(['/api/v1/models', '/litellm/model_prices_and_context_window.json']);
    child.stdin.write('/pricewar sources\n');
    child.stdin.write('/pricewar compare qwen-long gpt-4o-mini\n');
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(out).toMatch(/openrouter \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models\): last success .*: 48 models/);
    expect(out).toMatch(/qwen-long\s+Alibaba Cloud qwen-long .*¥0\.5 \(\$0\.069\)/);
    expect(out).toMatch(/gpt-4o-mini\s+openai gpt-4o-mini\s+\$0\.10\s+\$0\.40/);
  }, 120_000);
});
