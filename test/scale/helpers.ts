/**
 * Shared pieces for the scale-out tests: a real redis-server, the BullMQ
 * engine as the bot opens it, in-process workers, worker processes (to kill
 * -9), and the fake trainer (TRAIN_COMMAND) so jobs take milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openBullJobQueue, type BullJobQueue } from '../../src/training/bull-queue.js';
import { BullTrainingWorker } from '../../src/training/bull-worker.js';
import type { JobEvent } from '../../src/training/events.js';
import type { NewJob } from '../../src/training/job-record.js';
import { ARTICLE_DEFAULTS, DEFAULT_HIDDEN, limitsFromConfig } from '../../src/training/params.js';
import { silentLog, testConfig } from '../training/helpers.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FAKE_TRAINER = fileURLToPath(new URL('./fixtures/fake-trainer.mjs', import.meta.url));
export const FAKE_COMMAND = `${process.execPath} ${FAKE_TRAINER} {params}`;

export function newJob(userKey: string, overrides: { epochs?: number; seed?: number; resumable?: boolean; origin?: Record<string, unknown> } = {}): NewJob {
  return {
    userKey,
    origin: overrides.origin ?? { conversation: { platform: 'test', channel: 'C1' } },
    resumable: overrides.resumable ?? true,
    params: { ...ARTICLE_DEFAULTS, hidden: [...DEFAULT_HIDDEN.small], epochs: overrides.epochs ?? 3, seed: overrides.seed ?? 1 },
    dataset: { kind: 'generated', generator: 'linear', rows: 20, features: 2 },
    datasetRows: 20,
    datasetFeatures: 2,
    runner: 'external',
  };
}

export async function openEngine(redisUrl: string, extra: { maxQueuedPerUser?: number; canReport?: boolean; reporterLeaseMs?: number; maxDatasetBytes?: number } = {}): Promise<BullJobQueue & { seen: JobEvent[] }> {
  const engine = await openBullJobQueue({
    redisUrl,
    log: silentLog,
    maxQueuedPerUser: extra.maxQueuedPerUser ?? 50,
    maxAttempts: 3,
    runnerKind: 'external',
    readDataset: (path) => readFile(path),
    ...(extra.maxDatasetBytes === undefined ? {} : { maxDatasetBytes: extra.maxDatasetBytes }),
    canReport: () => extra.canReport ?? true,
    pollMs: 200,
    ...(extra.reporterLeaseMs === undefined ? {} : { reporterLeaseMs: extra.reporterLeaseMs }),
  });
  const seen: JobEvent[] = [];
  engine.on((e) => seen.push(e));
  await engine.start();
  return Object.assign(engine, { seen });
}

export function inProcessWorker(redisUrl: string, root: string, extra: { stallMs?: number; concurrency?: number } = {}): BullTrainingWorker {
  const config = testConfig(root);
  return new BullTrainingWorker({
    redisUrl,
    log: silentLog,
    concurrency: extra.concurrency ?? 1,
    backend: 'cpu',
    artifactRoot: join(root, 'models'),
    limits: limitsFromConfig(config),
    command: FAKE_COMMAND,
    stallMs: extra.stallMs ?? 5000,
    maxAttempts: 3,
    cancelPollMs: 100,
  });
}

/** `npm run worker` as a child process (so a test can kill -9 it), with the fake trainer. */
export function workerProcess(redisUrl: string, root: string, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let out = '';
  // node with tsx's loader, not the tsx launcher: kill -9 must hit the worker itself, not a parent that leaves it running.
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/entry/worker.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: redisUrl, DATA_DIR: join(root, 'data'), OUT_DIR: join(root, 'out'), TRAIN_COMMAND: FAKE_COMMAND, TRAIN_STALL_MS: '2000', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes('training worker started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, output: () => out, ready };
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
