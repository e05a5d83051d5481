/**
 * Start-up, as a user pays it: `npx pwbot "/help"`, `npx pwbot "/pricewar
 * cuts" --json`, and `npm start` to the console prompt, each beside the floor
 * it is measured against in the same run (`node -e 1`, `npx tsx -e 1`, npx
 * running an empty bin, `npm start` of an empty script), beside the bin run
 * directly with node (the bundle, dist/bundle/, and tsc's per-file output,
 * dist/src/) and beside the same code run from the TypeScript sources through
 * tsx (what every start cost before the compiled build). Peak RSS comes from the bot
 * process itself (`process.resourceUsage().maxRSS`, printed at exit by a
 * preloaded module), not from npm's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtIsCurrent } from '../bin/load-entry.js';
import type { Bench } from './lib.js';
import { fmtMs, fmtRatio, summarize } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pwbot-startup-bench-'));
const rssReporter = join(work, 'report-rss.mjs');
writeFileSync(rssReporter, "process.on('exit', () => { if (/pwbot/.test(process.argv[1] ?? '')) process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`); });\n");

// PWBOT_FROM_SOURCE=0: the build made at the start of this bench, even when a source file is edited meanwhile.
const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, PWBOT_FROM_SOURCE: '0', LOG_LEVEL: 'warn', WEB_PORT: 'off', PRICE_SYNC_SCHEDULE: 'off', DATA_DIR: join(work, 'data'), OUT_DIR: join(work, 'out') };
  for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'REDIS_URL', 'LLM_PROVIDER', 'EMBEDDINGS_PROVIDER']) delete env[key];
  return env;
};

const NOOP_NAME = `pwbot-bench-noop-${process.pid}`;
const noop = join(work, 'noop.js');
writeFileSync(noop, '#!/usr/bin/env node\n', { mode: 0o755 });
const noopBin = join(root, 'node_modules', '.bin', NOOP_NAME);

interface Run {
  readonly ms: number;
  readonly rssMb: number | undefined;
}

function runOnce(command: string, args: readonly string[], env: NodeJS.ProcessEnv = baseEnv(), cwd = root): Run {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: { ...env, NODE_OPTIONS: `--import=${rssReporter}` }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const kb = /MAXRSS_KB=(\d+)/.exec(result.stderr)?.[1];
  return { ms, rssMb: kb === undefined ? undefined : Number(kb) / 1024 };
}

interface Variant {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * p50 wall time and peak RSS of each variant, run in turns (a, b, c, a, b, c, …) after one warm-up
 * each: load that comes and goes on a shared machine then falls on all of them alike.
 */
function interleaved(n: number, variants: Record<string, Variant | undefined>): Record<string, { p50: number; rssMb: number | undefined }> {
  const present = Object.entries(variants).filter((e): e is [string, Variant] => e[1] !== undefined);
  for (const [, v] of present) runOnce(v.command, v.args, v.env, v.cwd); // warm the file cache
  const runs = new Map<string, Run[]>(present.map(([name]) => [name, []]));
  for (let i = 0; i < n; i++) for (const [name, v] of present) runs.get(name)?.push(runOnce(v.command, v.args, v.env, v.cwd));
  const out: Record<string, { p50: number; rssMb: number | undefined }> = {};
  for (const [name, list] of runs) {
    const rss = list.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
    out[name] = { p50: summarize(list.map((r) => r.ms)).p50Ms, rssMb: rss.length > 0 ? Math.max(...rss) : undefined };
  }
  return out;
}

/** Time from spawn to the console's prompt line, and the bot's RSS once it sits there. */
function toPrompt(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(args[0] as string, args.slice(1), { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt within 60 s: ${out.slice(-300)}`));
    }, 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (!out.includes('pricewar-bot console')) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      // Idle for a moment, then read the resident size of the node process that runs the bot.
      setTimeout(() => {
        const rssMb = residentMb(child.pid as number);
        child.kill('SIGTERM');
        child.once('exit', () => resolve({ ms, rssMb }));
      }, 500);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

/** VmRSS of `pid`, or of its node child when `pid` is npm. */
function residentMb(pid: number): number {
  const ps = spawnSync('ps', ['-o', 'pid=,rss=,args=', '--ppid', String(pid), '-p', String(pid)], { encoding: 'utf8' }).stdout;
  const rows = ps
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  const bot = rows.find((m) => /pwbot-start|src\/main/.test(m[3] ?? '')) ?? rows[0];
  return Number(bot?.[2] ?? Number.NaN) / 1024;
}

async function promptSeries(n: number, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ p50: number; rssMb: number }> {
  await toPrompt(args, env);
  const runs: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < n; i++) runs.push(await toPrompt(args, env));
  return { p50: summarize(runs.map((r) => r.ms)).p50Ms, rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

const mb = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(0)} MB`);

/** `n/a` for a variant the quick run leaves out. */
const opt = (x: { p50: number } | undefined, show: (p50: number) => string): string => (x === undefined ? 'n/a (full run only)' : show(x.p50));

export default async function startup(b: Bench): Promise<void> {
  // --quick: fewer turns, and without the slow comparisons (the TypeScript sources through tsx, tsc's per-file output).
  const n = b.quick ? 2 : 7;
  const full = !b.quick;
  // The compiled build is what `npm ci` leaves; make sure it is current (a build takes seconds even when
  // nothing changed: tsc reads every file).
  if (!builtIsCurrent()) {
    const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`npm run build failed: ${built.stdout}${built.stderr}`);
  }
  const env = baseEnv();
  const fromSource = { ...env, PWBOT_FROM_SOURCE: '1' };
  const perFile = { ...env, PWBOT_NO_BUNDLE: '1' };
  try {
    // npx's own floor: an empty script installed as a bin the way pwbot is (node_modules/.bin, see bin/package.json).
    symlinkSync(noop, noopBin);
    const h = interleaved(n, {
      node: { command: process.execPath, args: ['-e', '1'] },
      tsx: full ? { command: 'npx', args: ['tsx', '-e', '1'] } : undefined,
      npxFloor: { command: 'npx', args: [NOOP_NAME] },
      help: { command: 'npx', args: ['pwbot', '/help'] },
      direct: { command: process.execPath, args: ['bin/pwbot.js', '/help'] },
      perFile: full ? { command: process.execPath, args: ['bin/pwbot.js', '/help'], env: perFile } : undefined,
      source: full ? { command: 'npx', args: ['pwbot', '/help'], env: fromSource } : undefined,
    });
    const [help, direct, floor] = [h.help!, h.direct!, h.npxFloor!];
    b.row(
      'startup',
      'npx pwbot "/help": wall p50 / peak RSS',
      `${fmtMs(help.p50)} / ${mb(help.rssMb)}`,
      `npx running an empty bin ${fmtMs(floor.p50)} (the floor; pwbot adds ${fmtMs(help.p50 - floor.p50)}); node bin/pwbot.js ${fmtMs(direct.p50)} (node -e 1 ${fmtMs(h.node!.p50)}); tsc's per-file output ${opt(h.perFile, (x) => `${fmtMs(x)}, the bundle ${fmtRatio(x / direct.p50)} faster`)}; from sources through tsx ${opt(h.source, (x) => `${fmtMs(x)} / ${mb(h.source?.rssMb)}`)}; npx tsx -e 1 ${opt(h.tsx, fmtMs)}; targets ≤ 400 ms, ≤ 100 MB`,
    );

    const c = interleaved(n, {
      npxFloor: full ? { command: 'npx', args: [NOOP_NAME] } : undefined,
      cuts: { command: 'npx', args: ['pwbot', '/pricewar cuts', '--json'] },
      direct: { command: process.execPath, args: ['bin/pwbot.js', '/pricewar cuts', '--json'] },
      perFile: full ? { command: process.execPath, args: ['bin/pwbot.js', '/pricewar cuts', '--json'], env: perFile } : undefined,
      source: full ? { command: 'npx', args: ['pwbot', '/pricewar cuts', '--json'], env: fromSource } : undefined,
    });
    const [cuts, cutsDirect, cutsFloor] = [c.cuts!, c.direct!, c.npxFloor ?? floor];
    b.row(
      'startup',
      'npx pwbot "/pricewar cuts" --json: wall p50',
      fmtMs(cuts.p50),
      `npx floor ${fmtMs(cutsFloor.p50)}; node bin/pwbot.js ${fmtMs(cutsDirect.p50)}; per-file ${opt(c.perFile, (x) => `${fmtMs(x)} (the bundle ${fmtRatio(x / cutsDirect.p50)} faster)`)}; from sources ${opt(c.source, fmtMs)}; target ≤ 1.0 s`,
    );

    // npm start's own floor: a package whose start script is an empty node.
    const floorPackage = join(work, 'npm-floor');
    mkdirSync(floorPackage);
    writeFileSync(join(floorPackage, 'package.json'), JSON.stringify({ name: 'npm-floor', version: '1.0.0', private: true, scripts: { start: 'node -e 0' } }));
    const npmFloor = interleaved(n, { floor: { command: 'npm', args: ['start', '--silent'], env, cwd: floorPackage } }).floor!;
    const start = await promptSeries(n, ['npm', 'start', '--silent'], env);
    const startDirect = await promptSeries(n, [process.execPath, 'bin/pwbot-start.js'], env);
    const startSource = full ? await promptSeries(n, [process.execPath, 'bin/pwbot-start.js'], fromSource) : undefined;
    b.row(
      'startup',
      'npm start → console prompt: wall p50 / idle RSS',
      `${fmtMs(start.p50)} / ${mb(startDirect.rssMb)}`,
      `npm start of an empty script ${fmtMs(npmFloor.p50)} (the floor); node bin/pwbot-start.js ${fmtMs(startDirect.p50)}; from sources ${opt(startSource, (x) => `${fmtMs(x)} / ${mb(startSource?.rssMb)} (${fmtRatio(x / startDirect.p50)})`)}; target ≤ 800 ms`,
    );
  } finally {
    rmSync(noopBin, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
