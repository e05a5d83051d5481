/**
 * Start-up cost is decided by what a command loads, so this checks the module
 * list, not a time: `pwbot "/help"` must answer without loading the heavy
 * libraries that only some answers need (the LLM clients, the chart renderer,
 * TensorFlow.js, the Redis clients). Each is imported on first use instead.
 *
 * Checked twice: from the TypeScript sources (every module a file of its own),
 * and from the bundle `npm install` builds (scripts/bundle.js, built here into
 * a scratch folder), where some packages live inside chunks: the bundle's
 * metafile says which packages each loaded chunk holds.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = fileURLToPath(new URL('./fixtures/module-log.mjs', import.meta.url));

/** Packages a /help must not load (matched against node_modules/<name>/). */
const HEAVY = ['langchain', '@langchain/core', '@langchain/openai', '@langchain/ollama', '@langchain/community', 'openai', 'vega', 'vega-lite', '@resvg/resvg-js', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', 'bullmq', 'ioredis', '@node-rs/jieba'];

const packageOf = (path: string): string | undefined => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];

let dir: string | undefined;
/** The bundle, built inside the project (its externals resolve from node_modules). */
const bundleDir = join(root, 'tmp', `startup-modules-bundle-${process.pid}`);
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  await rm(bundleDir, { recursive: true, force: true });
});

async function modulesLoadedBy(program: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; urls: string[] }> {
  dir ??= await mkdtemp(join(tmpdir(), 'pwbot-modules-'));
  const log = join(dir, `${Date.now()}-${args.join('_').replace(/\W+/g, '_')}.txt`);
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ['--import', hook, program, ...args], { cwd: root, env: { ...process.env, ...env, MODULE_LOG_FILE: log, LOG_LEVEL: 'warn', DATA_DIR: join(dir as string, 'data') }, timeout: 60_000 }, (error, out) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 99) : 0, stdout: out });
    });
  });
  return { code, stdout, urls: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

describe('start-up loads only what the command needs', () => {
  it('/help from the sources loads none of the LLM clients, the chart renderer, TensorFlow.js, the Redis clients or jieba', async () => {
    const { code, stdout, urls } = await modulesLoadedBy('bin/pwbot.js', ['/help'], { PWBOT_FROM_SOURCE: '1' });
    expect(code).toBe(0);
    expect(stdout).toContain('/pricewar');
    const packages = new Set(urls.map(packageOf).filter((p) => p !== undefined));
    // The check can see packages at all (zod is what every command schema is written in).
    expect(packages.has('zod')).toBe(true);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  describe('the bundle', () => {
    let runner: string;
    let meta: { outputs: Record<string, { inputs: Record<string, unknown> }> };
    beforeAll(async () => {
      mkdirSync(bundleDir, { recursive: true });
      execFileSync(process.execPath, ['scripts/bundle.js', '--outdir', bundleDir], { cwd: root, stdio: 'pipe' });
      meta = JSON.parse(await readFile(join(bundleDir, 'meta.json'), 'utf8')) as typeof meta;
      // What bin/pwbot.js does with dist/bundle/cli.js.
      runner = join(bundleDir, 'run-cli.mjs');
      await writeFile(
        runner,
        `const { runCli } = await import(${JSON.stringify(pathToFileURL(join(bundleDir, 'cli.js')).href)});\nconst code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });\nprocess.stdout.write('', () => process.exit(code));\n`,
      );
    }, 60_000);

    /** Packages loaded from node_modules, and packages inside the bundle's chunks that were loaded. */
    function packagesOf(urls: string[]): Set<string> {
      const packages = new Set<string>();
      for (const url of urls.filter((u) => u.startsWith('file:'))) {
        const path = fileURLToPath(url);
        const external = packageOf(path);
        if (external !== undefined && !path.startsWith(bundleDir)) packages.add(external);
        if (!path.startsWith(`${bundleDir}/`)) continue;
        const output = Object.entries(meta.outputs).find(([file]) => join(root, file) === path);
        for (const input of Object.keys(output?.[1].inputs ?? {})) {
          const bundled = packageOf(`/${input}`);
          if (bundled !== undefined) packages.add(bundled);
        }
      }
      return packages;
    }

    it('/help loads none of them either, from node_modules or from its chunks', async () => {
      const { code, stdout, urls } = await modulesLoadedBy(runner, ['/help']);
      expect(code).toBe(0);
      expect(stdout).toContain('/pricewar');
      const packages = packagesOf(urls);
      // zod is bundled: seen through the metafile.
      expect(packages.has('zod')).toBe(true);
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    });

    it('a chart does load the renderer (the check sees bundled packages)', async () => {
      const { code, urls } = await modulesLoadedBy(runner, ['/pricewar cuts', '--json']);
      expect(code).toBe(0);
      const packages = packagesOf(urls);
      expect(packages.has('vega-lite')).toBe(true);
      expect(packages.has('@resvg/resvg-js')).toBe(true);
    });
  });
});
