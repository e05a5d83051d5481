/** The one-shot CLI (`npx pwbot "/train" --json`) end to end, in a child process like a user runs it. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const script = fileURLToPath(new URL('./fixtures/cli-no-exit.ts', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

function runCli(args: string[], env: Record<string, string>, cwd = repo): Promise<{ code: number | null; stdout: string; stderr: string; exitedAt: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', loader, script, ...args], { cwd, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, exitedAt: Date.now() }));
  });
}

describe('pwbot "/train" (one-shot CLI)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('--json returns the finished job, writes the chart under OUT_DIR, and the process ends by itself', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const env = { DATA_DIR: join(dir.path, 'data'), OUT_DIR: join(dir.path, 'out'), TRAIN_BACKEND: 'auto' };
    const result = await runCli(['/train', '--json'], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; data: Record<string, any>; attachments: { path: string; mime: string }[] };
    expect(json.ok).toBe(true);
    expect(json.data.jobId).toBe(1);
    expect(json.data.status).toBe('succeeded');
    // The default job is the article's tiny model: auto puts the pure-JS backend first for it (tf/backends.ts).
    expect(json.data.backend).toBe('cpu');
    expect(json.data.backendNote).toMatch(/^faster backends skipped: tensorflow-gpu/);
    expect(typeof json.data.metrics.testAccuracy).toBe('number');
    expect(json.data.history).toHaveLength(10);
    expect(json.data.history.map((h: { epoch: number }) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(json.attachments[0]!.mime).toBe('image/png');
    expect(json.attachments[0]!.path.startsWith(join(dir.path, 'out'))).toBe(true);
    expect(existsSync(json.attachments[0]!.path)).toBe(true);
    expect(readdirSync(join(dir.path, 'out', 'models', 'job-1')).sort()).toEqual(['curves.png', 'model.json', 'preprocessing.json', 'weights.bin']);
    // Nothing kept the process alive after the CLI returned: no worker, timer or database handle
    // (stdio pipes and handles already closing are fine).
    const last = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as { returned: number; at: number; resources: string[] };
    expect(last.returned).toBe(0);
    // A leaked timer, worker or handle would hold the process far longer than this margin for a loaded machine.
    expect(result.exitedAt - last.at).toBeLessThan(3000);
    expect(last.resources.filter((r) => !['TTYWrap', 'PipeWrap', 'CloseReq'].includes(r))).toEqual([]);
  });

  it('--epochs 0 exits 1 with the allowed range', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const result = await runCli(['/train --epochs 0'], { DATA_DIR: join(dir.path, 'data'), OUT_DIR: join(dir.path, 'out') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--epochs must be between 1 and 500 \(TRAIN_MAX_EPOCHS\) \(got 0\)/);
  });

  it('from any folder, without TRAIN_DATA_DIR, trains on the shipped model-switch dataset; /train status reuses the saved chart', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const out = join(dir.path, 'out');
    const env = { DATA_DIR: join(dir.path, 'data'), OUT_DIR: out, TRAIN_BACKEND: 'cpu' };
    // Run where there is no knowledge/ or examples/ folder: the example datasets are found next to the code.
    const trained = await runCli(['/train --dataset model-switch --epochs 2', '--json'], env, dir.path);
    expect(trained.code).toBe(0);
    const job = JSON.parse(trained.stdout) as { data: { status: string; dataset: { name: string; label: string; rows: number }; chartPath: string } };
    expect(job.data).toMatchObject({ status: 'succeeded', dataset: { name: 'model-switch.csv', label: 'switched', rows: 400 } });
    const pictures = () => readdirSync(out).filter((f) => f.endsWith('.png'));
    const before = pictures();
    for (let i = 0; i < 2; i++) {
      const status = await runCli(['/train status', '--json'], env, dir.path);
      const json = JSON.parse(status.stdout) as { attachments: unknown[]; text: string; data: { chartPath: string } };
      expect(json.attachments).toEqual([]);
      expect(json.data.chartPath).toBe(job.data.chartPath);
      expect(json.text).toContain(job.data.chartPath);
    }
    expect(pictures()).toEqual(before); // no new PNG per look
    expect(existsSync(job.data.chartPath)).toBe(true);
  });
});
