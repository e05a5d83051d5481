/**
 * The trainer protocol: one JSON object per line on the trainer's stdout.
 * Our TF.js worker and external trainers (TRAIN_COMMAND) speak the same one,
 * so the queue, the progress messages and the report do not care which ran.
 *
 *   {"backend": "torch cuda:0", "note": "…", "resumed_from": 5}    optional, first (resumed_from: went on from a checkpoint)
 *   {"epoch": 3, "epochs": 10, "batch": 2, "batches": 4}            optional, progress inside an epoch
 *   {"epoch": 3, "epochs": 10, "loss": 0.61, "accuracy": 0.7,
 *    "val_loss": 0.64, "val_accuracy": 0.69}                        once per epoch (camelCase keys work too)
 *   {"checkpoint": "/path/to/job-7/checkpoint", "epoch": 5}         optional, a checkpoint was saved after that epoch
 *   {"done": true, "metrics": {"test_accuracy": 0.9, …}, "artifact": "/path/to/model"}   last
 *   {"cancelled": true, "epoch": 3}                                  after SIGTERM, instead of done
 *   {"error": "what went wrong", "user": true}                       failure (user: the input was at fault)
 *
 * Lines that are not JSON objects are kept as log output (the last few are
 * quoted when a trainer fails).
 */
import { z } from 'zod';

export type TrainerEvent =
  | { readonly type: 'start'; readonly backend?: string; readonly note?: string; readonly resumedFrom?: number }
  | { readonly type: 'checkpoint'; readonly epoch: number; readonly path: string }
  | { readonly type: 'batch'; readonly epoch: number; readonly epochs?: number; readonly batch: number; readonly batches?: number }
  | {
      readonly type: 'epoch';
      readonly epoch: number;
      readonly epochs?: number;
      readonly loss: number;
      readonly accuracy: number;
      readonly valLoss?: number;
      readonly valAccuracy?: number;
      readonly ms?: number;
    }
  | { readonly type: 'done'; readonly metrics: Record<string, number>; readonly artifact?: string }
  | { readonly type: 'cancelled'; readonly epoch?: number }
  | { readonly type: 'error'; readonly message: string; readonly user: boolean }
  | { readonly type: 'log'; readonly line: string };

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().min(0);

const lineSchema = z
  .object({
    backend: z.string().max(200).optional(),
    note: z.string().max(500).optional(),
    resumed_from: count.optional(),
    resumedFrom: count.optional(),
    checkpoint: z.string().max(1000).optional(),
    epoch: count.optional(),
    epochs: count.optional(),
    batch: count.optional(),
    batches: count.optional(),
    loss: finite.optional(),
    accuracy: finite.optional(),
    acc: finite.optional(),
    val_loss: finite.optional(),
    valLoss: finite.optional(),
    val_accuracy: finite.optional(),
    val_acc: finite.optional(),
    valAccuracy: finite.optional(),
    ms: finite.optional(),
    done: z.literal(true).optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
    artifact: z.string().max(1000).optional(),
    cancelled: z.literal(true).optional(),
    error: z.string().optional(),
    user: z.boolean().optional(),
  })
  .loose();

/** `test_accuracy` → `testAccuracy`; non-numeric values are dropped (metrics are numbers). */
export function normaliseMetrics(raw: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[camel === 'testAcc' ? 'testAccuracy' : camel] = value;
  }
  return out;
}

const pick = <T>(...values: (T | undefined)[]): T | undefined => values.find((v) => v !== undefined);

export function parseTrainerLine(line: string): TrainerEvent | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  if (!trimmed.startsWith('{')) return { type: 'log', line: trimmed };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { type: 'log', line: trimmed };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) return { type: 'log', line: trimmed };
  const v = parsed.data;
  if (v.error !== undefined) return { type: 'error', message: v.error.slice(0, 2000), user: v.user === true };
  if (v.done === true) return { type: 'done', metrics: normaliseMetrics(v.metrics ?? {}), ...(v.artifact === undefined ? {} : { artifact: v.artifact }) };
  if (v.cancelled === true) return { type: 'cancelled', ...(v.epoch === undefined ? {} : { epoch: v.epoch }) };
  if (v.checkpoint !== undefined && v.epoch !== undefined) return { type: 'checkpoint', epoch: v.epoch, path: v.checkpoint };
  const loss = v.loss;
  const accuracy = pick(v.accuracy, v.acc);
  if (v.epoch !== undefined && loss !== undefined && accuracy !== undefined) {
    const valLoss = pick(v.val_loss, v.valLoss);
    const valAccuracy = pick(v.val_accuracy, v.val_acc, v.valAccuracy);
    return {
      type: 'epoch',
      epoch: v.epoch,
      loss,
      accuracy,
      ...(v.epochs === undefined ? {} : { epochs: v.epochs }),
      ...(valLoss === undefined ? {} : { valLoss }),
      ...(valAccuracy === undefined ? {} : { valAccuracy }),
      ...(v.ms === undefined ? {} : { ms: v.ms }),
    };
  }
  if (v.epoch !== undefined && v.batch !== undefined) {
    return {
      type: 'batch',
      epoch: v.epoch,
      batch: v.batch,
      ...(v.epochs === undefined ? {} : { epochs: v.epochs }),
      ...(v.batches === undefined ? {} : { batches: v.batches }),
    };
  }
  if (v.backend !== undefined || v.note !== undefined) {
    const resumedFrom = pick(v.resumed_from, v.resumedFrom);
    return {
      type: 'start',
      ...(v.backend === undefined ? {} : { backend: v.backend }),
      ...(v.note === undefined ? {} : { note: v.note }),
      ...(resumedFrom === undefined ? {} : { resumedFrom }),
    };
  }
  return { type: 'log', line: trimmed };
}

/** The line our own worker prints for an event (the inverse of `parseTrainerLine`). */
export function formatTrainerLine(event: Exclude<TrainerEvent, { type: 'log' }>): string {
  switch (event.type) {
    case 'start':
      return JSON.stringify({ backend: event.backend, note: event.note, resumed_from: event.resumedFrom });
    case 'checkpoint':
      return JSON.stringify({ checkpoint: event.path, epoch: event.epoch });
    case 'batch':
      return JSON.stringify({ epoch: event.epoch, epochs: event.epochs, batch: event.batch, batches: event.batches });
    case 'epoch':
      return JSON.stringify({
        epoch: event.epoch,
        epochs: event.epochs,
        loss: event.loss,
        accuracy: event.accuracy,
        val_loss: event.valLoss,
        val_accuracy: event.valAccuracy,
        ms: event.ms,
      });
    case 'done':
      return JSON.stringify({ done: true, metrics: event.metrics, artifact: event.artifact });
    case 'cancelled':
      return JSON.stringify({ cancelled: true, epoch: event.epoch });
    case 'error':
      return JSON.stringify({ error: event.message, user: event.user });
  }
}
