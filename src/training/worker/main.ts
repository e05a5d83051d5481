/**
 * The TF.js trainer, run as a child process by the queue (never inside the
 * bot's process: a long fit would freeze every chat, and a native backend
 * that crashes or runs out of memory must not take the bot down with it).
 *
 * Input: one JSON line on stdin (`WorkerSpec`). Output: the trainer protocol
 * on stdout (see ../protocol.ts). SIGTERM asks it to stop (cancel) at the
 * next epoch end. A later stdin line `{"control":"suspend"}` (the bot is
 * shutting down) asks it to stop at the next epoch end and save a checkpoint
 * the next start resumes from. When stdin closes (the bot died), it exits
 * instead of training for nobody.
 */
import { createInterface } from 'node:readline';
import { isUserError } from '../../core/errors.js';
import { runWorkerJob, workerSpecSchema, type WorkerSpec } from './job.js';

// stdout belongs to the protocol: console output goes to stderr, minus TF.js's
// "install tfjs-node" banner (the result already says which backend ran and why).
for (const method of ['log', 'info', 'warn', 'debug'] as const) {
  console[method] = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (!text.includes('looks like you are running TensorFlow.js in Node.js')) process.stderr.write(`${text}\n`);
  };
}

let finished = false;
let stopRequested = false;
let suspendRequested = false;
const emit = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const exit = (code: number): void => {
  finished = true;
  process.stdout.write('', () => process.exit(code));
};

process.on('SIGTERM', () => {
  stopRequested = true;
});

const input = createInterface({ input: process.stdin });
let started = false;
input.on('line', (line) => {
  if (started) {
    try {
      if ((JSON.parse(line) as { control?: unknown }).control === 'suspend') suspendRequested = true;
    } catch {
      // not a control line: ignored
    }
    return;
  }
  started = true;
  const parsed = workerSpecSchema.safeParse(JSON.parse(line));
  if (!parsed.success) {
    emit(JSON.stringify({ error: `bad worker input: ${parsed.error.message}`, user: false }));
    exit(1);
    return;
  }
  runWorkerJob(parsed.data as WorkerSpec, { emit, shouldStop: () => stopRequested, shouldSuspend: () => suspendRequested })
    .then(() => exit(0))
    .catch((error: unknown) => {
      // A UserError (a bad dataset, an unavailable TRAIN_BACKEND) is the input's or the setup's fault: shown as is.
      const user = isUserError(error);
      emit(JSON.stringify({ error: error instanceof Error ? error.message : String(error), user }));
      if (!user) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      exit(1);
    });
});
input.on('close', () => {
  // The parent closed our stdin or died: nobody will read the result.
  if (!finished) {
    process.stderr.write('trainer: stdin closed, stopping\n');
    process.exit(3);
  }
});
