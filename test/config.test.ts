import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, configuredPlatforms, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const config = loadConfig({}, undefined);
    expect(config.SLACK_PORT).toBe(3000);
    expect(config.TRAIN_BACKEND).toBe('auto');
    expect(config.TRAIN_ALLOWED_USERS).toEqual([]);
    expect(configuredPlatforms(config)).toEqual({ slack: false, discord: false });
  });

  it('stops with one line per bad variable, naming it, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({ SLACK_PORT: 'eighty', TRAIN_BACKEND: 'tpu', SLACK_API_URL: 'not a url xoxb-secret-value', SUMMARY_TIMEZONE: 'Mars/Olympus' }, undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContain('invalid configuration: SUMMARY_TIMEZONE: must be an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)');
    expect(lines.some((l) => l.startsWith('invalid configuration: SLACK_PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('invalid configuration: TRAIN_BACKEND:'))).toBe(true);
    expect((error as Error).message).not.toContain('xoxb-secret-value');
  });

  it('reads .env, and the real environment wins over it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pwbot-env-'));
    const file = join(dir, '.env');
    await writeFile(file, 'SLACK_PORT=4000\nDATA_DIR=/from/dotenv\n# comment\nTRAIN_ALLOWED_USERS="slack:U1, discord:2"\n');
    const config = loadConfig({ DATA_DIR: '/from/env' }, file);
    expect(config.SLACK_PORT).toBe(4000);
    expect(config.DATA_DIR).toBe('/from/env');
    expect(config.TRAIN_ALLOWED_USERS).toEqual(['slack:U1', 'discord:2']);
  });

  it('detects configured platforms', () => {
    expect(configuredPlatforms(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, undefined)).slack).toBe(true);
    expect(configuredPlatforms(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, undefined)).slack).toBe(false);
    expect(configuredPlatforms(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' }, undefined)).discord).toBe(true);
  });
});

describe('.env.example', () => {
  it('lists exactly the variables the config schema reads, each with a comment', async () => {
    const text = await readFile(new URL('../.env.example', import.meta.url), 'utf8');
    const lines = text.split('\n');
    const documented = lines.flatMap((line, i) => {
      const match = /^([A-Z][A-Z0-9_]*)=/.exec(line);
      if (match === null) return [];
      expect(lines[i - 1]?.startsWith('#'), `${match[1]} needs a comment line above it`).toBe(true);
      return [match[1] as string];
    });
    expect([...documented].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('is itself a valid configuration', async () => {
    expect(() => loadConfig({}, new URL('../.env.example', import.meta.url).pathname)).not.toThrow();
  });
});

describe('README', () => {
  it('documents every configuration variable and the test command CI runs', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(configSchema.shape).filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
    const ci = await readFile(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(readme).toContain('npm test');
    expect(ci.trim().split('\n').filter((l) => l.startsWith('npm ')).map((l) => l.trim())).toEqual(['npm ci', 'npm test']);
  });
});
