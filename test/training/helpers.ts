/** Shared pieces for the training tests: temp folders, configuration, a silent log, polling. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { pidAlive } from '../../src/training/recovery.js';

export function tempDir(prefix = 'pwbot-train-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(root: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DATA_DIR: join(root, 'data'),
      OUT_DIR: join(root, 'out'),
      KNOWLEDGE_DIR: join(root, 'knowledge'),
      TRAIN_BACKEND: 'cpu',
      ...env,
    },
    undefined,
  );
}

export const silentLog = createLogger({ level: 'silent' });

export async function waitUntil(check: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const alive = (pid: number | undefined): boolean => pid !== undefined && pidAlive(pid);

/** What fixtures/queue-host.ts prints, one JSON object a line. */
export interface QueueHostMessage {
  readonly submitted?: number;
  readonly trainerPid?: number;
  readonly epoch?: number;
  readonly checkpoint?: number;
}

/**
 * A bot process dying mid-job: runs fixtures/queue-host.ts on `dir` with
 * `args` (epochs, rows, checkpoint interval…), kills it with SIGKILL once
 * `ready` accepts a line it printed, and waits for the orphaned trainer to
 * notice (its stdin closes) and exit. Returns the id of the job it submitted.
 */
export async function killQueueHostWhen(dir: string, args: readonly string[], ready: (message: QueueHostMessage) => boolean): Promise<number> {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const host = spawn(process.execPath, ['--import', loader, fileURLToPath(new URL('./fixtures/queue-host.ts', import.meta.url)), dir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let trainerPid: number | undefined;
  let jobId: number | undefined;
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: host.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as QueueHostMessage;
      if (message.submitted !== undefined) jobId = message.submitted;
      if (message.trainerPid !== undefined) trainerPid = message.trainerPid;
      if (ready(message)) resolve();
    });
    host.on('exit', () => reject(new Error('host exited early')));
  });
  host.kill('SIGKILL');
  await new Promise((r) => host.once('close', r));
  await waitUntil(() => !alive(trainerPid), 10_000, 'the orphaned trainer to exit');
  if (jobId === undefined) throw new Error('the host never said which job it submitted');
  return jobId;
}
