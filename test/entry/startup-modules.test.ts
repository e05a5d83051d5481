/**
 * Start-up cost is decided by what a command loads, so this checks the module
 * list, not a time: `pwbot "/help"` must answer without loading the heavy
 * libraries that only some answers need (the LLM clients, the chart renderer,
 * TensorFlow.js, the Redis clients). Each is imported on first use instead.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = fileURLToPath(new URL('./fixtures/module-log.mjs', import.meta.url));

/** Packages a /help must not load (matched against node_modules/<name>/). */
const HEAVY = ['langchain', '@langchain/core', '@langchain/openai', '@langchain/ollama', '@langchain/community', 'openai', 'vega', 'vega-lite', '@resvg/resvg-js', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', 'bullmq', 'ioredis', '@node-rs/jieba'];

let dir: string | undefined;
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function modulesLoadedBy(args: string[]): Promise<{ code: number; stdout: string; packages: Set<string> }> {
  dir ??= await mkdtemp(join(tmpdir(), 'pwbot-modules-'));
  const log = join(dir, `${args.join('_').replace(/\W+/g, '_')}.txt`);
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ['--import', hook, 'bin/pwbot.js', ...args], { cwd: root, env: { ...process.env, MODULE_LOG_FILE: log, LOG_LEVEL: 'warn', DATA_DIR: join(dir as string, 'data') }, timeout: 60_000 }, (error, out) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 99) : 0, stdout: out });
    });
  });
  const urls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const packages = new Set<string>();
  for (const url of urls) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match?.[1] !== undefined) packages.add(match[1]);
  }
  return { code, stdout, packages };
}

describe('start-up loads only what the command needs', () => {
  it('/help answers without the LLM clients, the chart renderer, TensorFlow.js, the Redis clients or jieba', async () => {
    const { code, stdout, packages } = await modulesLoadedBy(['/help']);
    expect(code).toBe(0);
    expect(stdout).toContain('/pricewar');
    // The check can see packages at all (zod is what every command schema is written in).
    expect(packages.has('zod')).toBe(true);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });
});
