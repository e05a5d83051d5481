/**
 * The one-shot CLI end to end, as a user runs it: `node bin/pwbot.js …` in a
 * child process (the same file `npx pwbot` runs), checking stdout, JSON shape
 * and exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/adapters/cli/args.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function pwbot(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/pwbot.js', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

describe('pwbot one-shot CLI', () => {
  it('prints /help as one JSON object listing the commands', async () => {
    const { code, stdout } = await pwbot(['/help', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { command: string; ok: boolean; text: string; attachments: unknown[]; data: { commands: Array<{ name: string }> } };
    expect(json).toMatchObject({ command: 'help', ok: true, attachments: [] });
    expect(json.data.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['ask', 'help']));
    expect(json.text).toContain('/help');
  });

  it('exits 1 with a helpful message for an unknown command', async () => {
    const { code, stdout, stderr } = await pwbot(['/nonexistent']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('There is no /nonexistent command');
    expect(stderr).toContain('/help');
  });

  it('reports a user error in JSON with its code', async () => {
    const { code, stdout } = await pwbot(['/help nope', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('treats free text as a question', async () => {
    const { stdout } = await pwbot(['Who is Jia Yangqing?', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ command: 'ask' });
  });

  it('stops with one clear line for invalid configuration', async () => {
    const { code, stderr } = await pwbot(['/help'], { TRAIN_BACKEND: 'tpu' });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')[0]).toMatch(/^invalid configuration: TRAIN_BACKEND:/);
  });

  it('reads a .env file in the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pwbot-cwd-'));
    await writeFile(join(dir, '.env'), 'SLACK_PORT=not-a-port\n');
    const env = { ...process.env };
    delete env.SLACK_PORT;
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(root, 'bin/pwbot.js'), '/help'], { cwd: dir, env }, (error, _o, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 99) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_PORT');
  });
});

describe('parseCliArgs', () => {
  it('joins words, and takes --json anywhere', () => {
    expect(parseCliArgs(['/pricewar', 'cuts', '--json'])).toMatchObject({ json: true, line: '/pricewar cuts' });
    expect(parseCliArgs(['/pricewar cuts --json'])).toMatchObject({ json: true, line: '/pricewar cuts' });
  });

  it('asks for a line', () => {
    expect(parseCliArgs([])).toEqual({ usageError: 'no chat line given' });
    expect(parseCliArgs(['--file'])).toEqual({ usageError: '--file needs a path' });
  });
});
