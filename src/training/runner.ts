/**
 * Runs one trainer process (our TF.js worker or TRAIN_COMMAND) and turns its
 * stdout into events. Cancelling sends SIGTERM to the trainer's process group
 * (so `sh -c …` wrappers pass it on) and SIGKILL if it has not exited after a
 * grace period; `kill()` is the hard stop used at shutdown and in tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../paths.js';
import { parseTrainerLine, type TrainerEvent } from './protocol.js';

export type RunOutcome =
  | { readonly kind: 'done'; readonly metrics: Record<string, number>; readonly artifact?: string }
  | { readonly kind: 'cancelled'; readonly epoch?: number; readonly forced: boolean }
  | { readonly kind: 'error'; readonly message: string; readonly user: boolean }
  /** The process ended without saying done/cancelled/error: killed, crashed, out of memory. */
  | { readonly kind: 'crashed'; readonly reason: string };

export interface TrainerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Written to stdin (which then stays open: its closing tells our worker the bot is gone). */
  readonly input?: string;
  /** Understands the stop-and-checkpoint request on stdin (our worker); others are killed at shutdown. */
  readonly suspendable?: boolean;
}

export interface RunHandle {
  readonly pid: number | undefined;
  /** Ask the trainer to stop (SIGTERM, SIGKILL after `graceMs`). */
  cancel(): void;
  /** Stop it now (SIGKILL). */
  kill(): void;
  /**
   * A clean shutdown: ask the trainer to stop at its next epoch end and save
   * a checkpoint (SIGKILL after `graceMs`); a trainer that cannot is killed now.
   */
  suspend(graceMs: number): void;
  readonly done: Promise<RunOutcome>;
}

export interface RunOptions {
  readonly onEvent: (event: TrainerEvent) => void;
  /** How long a cancelled trainer may take to stop before it is killed. */
  readonly graceMs?: number;
}

const STDERR_TAIL_LINES = 8;

/** How to start our TF.js worker: through tsx when running from TypeScript sources. */
export function internalWorkerCommand(): { command: string; args: string[] } {
  const ts = fileURLToPath(new URL('./worker/main.ts', import.meta.url));
  const js = fileURLToPath(new URL('./worker/main.js', import.meta.url));
  if (existsSync(js) && !existsSync(ts)) return { command: process.execPath, args: [js] };
  // Running from dist/bundle/ (scripts/bundle.js): neither file is beside this chunk; the trainer is tsc's output.
  const compiled = join(PROJECT_ROOT, 'dist', 'src', 'training', 'worker', 'main.js');
  if (!existsSync(ts) && existsSync(compiled)) return { command: process.execPath, args: [compiled] };
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { command: process.execPath, args: ['--import', loader, ts] };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: wrappers and their children
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export function startTrainer(spec: TrainerCommand, options: RunOptions): RunHandle {
  const graceMs = options.graceMs ?? 10_000;
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group, so a cancel reaches grandchildren; the bot's stdin EOF and SIGTERM handling cover the rest.
    detached: true,
  });
  let final: RunOutcome | undefined;
  let cancelRequested = false;
  let forced = false;
  let lastEpoch: number | undefined;
  const stderrTail: string[] = [];
  const logTail: string[] = [];
  let killTimer: NodeJS.Timeout | undefined;

  child.stdin?.on('error', () => undefined); // EPIPE when the trainer exits early
  if (spec.input !== undefined) child.stdin?.write(spec.input);

  const out = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  out.on('line', (line) => {
    const event = parseTrainerLine(line);
    if (event === undefined) return;
    if (event.type === 'log') {
      logTail.push(event.line);
      if (logTail.length > STDERR_TAIL_LINES) logTail.shift();
    } else if (final === undefined) {
      if (event.type === 'done') final = { kind: 'done', metrics: event.metrics, ...(event.artifact === undefined ? {} : { artifact: event.artifact }) };
      else if (event.type === 'cancelled') final = { kind: 'cancelled', ...(event.epoch === undefined ? {} : { epoch: event.epoch }), forced: false };
      else if (event.type === 'error') final = { kind: 'error', message: event.message, user: event.user };
      else if (event.type === 'epoch') lastEpoch = event.epoch;
    }
    options.onEvent(event);
  });
  const err = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  err.on('line', (line) => {
    if (line.trim() === '') return;
    stderrTail.push(line.slice(0, 500));
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
  });

  const done = new Promise<RunOutcome>((resolve) => {
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: Error | undefined;
    const settle = (): void => {
      clearTimeout(killTimer);
      child.stdin?.destroy();
      if (spawnError !== undefined) {
        resolve({ kind: 'error', message: `cannot start the trainer (${spec.command}): ${spawnError.message}`, user: false });
        return;
      }
      if (final !== undefined) {
        resolve(final.kind === 'cancelled' ? { ...final, forced } : final);
        return;
      }
      if (cancelRequested) {
        resolve({ kind: 'cancelled', ...(lastEpoch === undefined ? {} : { epoch: lastEpoch }), forced });
        return;
      }
      const how = exited?.signal ? `was killed by ${exited.signal}` : `exited with code ${String(exited?.code)} without a result`;
      const tail = [...stderrTail, ...logTail].slice(-4).join(' | ');
      resolve({ kind: 'crashed', reason: `the trainer ${how}${lastEpoch === undefined ? '' : ` after epoch ${lastEpoch}`}${tail ? `: ${tail.slice(0, 600)}` : ''}` });
    };
    child.on('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) settle();
    });
    // 'close' waits for stdout to drain, so the last lines are parsed before we settle.
    child.on('close', (code, signal) => {
      exited = { code, signal };
      settle();
    });
  });

  return {
    pid: child.pid,
    cancel() {
      if (cancelRequested) return;
      cancelRequested = true;
      signalGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => {
        forced = true;
        signalGroup(child, 'SIGKILL');
      }, graceMs);
      killTimer.unref();
    },
    kill() {
      signalGroup(child, 'SIGKILL');
    },
    suspend(suspendGraceMs) {
      if (spec.suspendable !== true || cancelRequested) {
        signalGroup(child, 'SIGKILL');
        return;
      }
      child.stdin?.write(`${JSON.stringify({ control: 'suspend' })}\n`);
      clearTimeout(killTimer);
      killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), suspendGraceMs);
      killTimer.unref();
    },
    done,
  };
}
