/**
 * The benchmark harness's shared pieces. A `bench/<area>.bench.ts` file
 * default-exports `async (b: Bench) => { … }` and adds rows. Rule of the
 * house: compare side by side in the same run (our path vs. the bare library
 * or a peer) and report ratios — single absolute times on a shared 2-core
 * machine are noise.
 */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly value: string;
  readonly note?: string;
}

export interface Stats {
  readonly n: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface MeasureOptions {
  /** Runs measured (after warm-up). */
  readonly iterations?: number;
  readonly warmup?: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function summarize(samplesMs: readonly number[]): Stats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    meanMs: sum / Math.max(1, sorted.length),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Time `fn` once per iteration (sequentially) and summarise. */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Stats> {
  const iterations = options.iterations ?? 100;
  for (let i = 0; i < (options.warmup ?? Math.min(10, iterations)); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

export class Bench {
  readonly rows: BenchRow[] = [];
  constructor(readonly quick: boolean) {}

  row(group: string, name: string, value: string, note?: string): void {
    this.rows.push(note === undefined ? { group, name, value } : { group, name, value, note });
    process.stderr.write(`  ${group} · ${name}: ${value}${note ? ` (${note})` : ''}\n`);
  }
}

export type BenchFile = (bench: Bench) => Promise<void>;
