import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ConfigError, configSchema, configuredPlatforms, loadConfig } from '../src/config.js';

interface NumericSetting {
  readonly key: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly default: number | undefined;
}

/**
 * Every numeric setting, found by walking the schema (through preprocess
 * pipes, defaults and optionals down to a zod number), with the range that
 * number enforces. Nothing here lists the variables: a new numeric setting is
 * checked the day it is added.
 */
function numericSettings(): NumericSetting[] {
  const found: NumericSetting[] = [];
  for (const [key, field] of Object.entries(configSchema.shape)) {
    let fallback: number | undefined;
    const walk = (schema: z.core.$ZodType): z.ZodNumber | undefined => {
      const def = schema._zod.def as { type: string; in?: z.core.$ZodType; out?: z.core.$ZodType; innerType?: z.core.$ZodType; defaultValue?: unknown };
      if (def.type === 'number') return schema as unknown as z.ZodNumber;
      if (def.type === 'pipe') return walk(def.out as z.core.$ZodType) ?? walk(def.in as z.core.$ZodType);
      if (def.type === 'default') fallback = def.defaultValue as number;
      return def.innerType === undefined ? undefined : walk(def.innerType);
    };
    const n = walk(field);
    if (n !== undefined) found.push({ key, min: n.minValue as number, max: n.maxValue as number, integer: n.isInt, default: fallback });
  }
  return found;
}

const rangeText = (s: NumericSetting): string => `${s.min}–${s.max}`;

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

describe('numeric ranges', () => {
  const settings = numericSettings();

  it('finds every numeric setting in the schema, each with a finite range around its default', () => {
    expect(settings.map((s) => s.key)).toEqual(expect.arrayContaining(['MAX_ATTACHMENT_BYTES', 'SLACK_PORT', 'FAQ_MIN_SCORE', 'LLM_TIMEOUT_MS', 'TRAIN_MAX_EPOCHS', 'SUMMARY_MAX_MESSAGES']));
    for (const s of settings) {
      expect(Number.isFinite(s.min) && Number.isFinite(s.max), `${s.key} needs a min and a max`).toBe(true);
      expect(s.min, s.key).toBeLessThan(s.max);
      if (s.default !== undefined) expect(s.default >= s.min && s.default <= s.max, `${s.key}'s default ${s.default} is outside ${rangeText(s)}`).toBe(true);
    }
  });

  it.each(numericSettings().map((s) => [s.key, s] as const))('%s rejects values outside its range, naming the variable and the range', (key, s) => {
    const kind = s.integer ? 'a whole number' : 'a number';
    for (const bad of [s.min - 1, s.max + 1, ...(s.integer ? [s.min + 0.5] : [])]) {
      expect(() => loadConfig({ [key]: String(bad) }, undefined), `${key}=${bad}`).toThrow(new ConfigError(`invalid configuration: ${key}: must be ${kind} between ${s.min} and ${s.max} (got ${bad})`));
    }
    expect(() => loadConfig({ [key]: 'lots' }, undefined)).toThrow(`invalid configuration: ${key}: must be ${kind} between ${s.min} and ${s.max} (got "lots")`);
    // The bounds themselves are allowed.
    expect(loadConfig({ [key]: String(s.min) }, undefined)[key as keyof ReturnType<typeof loadConfig>]).toBe(s.min);
    expect(loadConfig({ [key]: ` ${s.max} ` }, undefined)[key as keyof ReturnType<typeof loadConfig>]).toBe(s.max);
  });

  it('refuses FAQ_MIN_SCORE=2 instead of answering nothing ever after', () => {
    expect(() => loadConfig({ FAQ_MIN_SCORE: '2' }, undefined)).toThrow('invalid configuration: FAQ_MIN_SCORE: must be a number between 0 and 1 (got 2)');
    expect(loadConfig({ FAQ_MIN_SCORE: '0.55' }, undefined).FAQ_MIN_SCORE).toBe(0.55);
    expect(loadConfig({ FAQ_MIN_SCORE: '' }, undefined).FAQ_MIN_SCORE).toBeUndefined();
  });

  it('says a bad number once, even when it breaks more than one rule', () => {
    expect(() => loadConfig({ SLACK_PORT: '70000.5' }, undefined)).toThrow(/^invalid configuration: SLACK_PORT: must be a whole number between 0 and 65535 \(got 70000\.5\)$/);
  });
});

describe('summary schedule settings', () => {
  it('parses SUMMARY_CHANNELS into targets, and refuses a schedule with no channels or a bad pattern', () => {
    expect(loadConfig({ SUMMARY_CHANNELS: 'slack:C1, DISCORD:2, slack:C1' }, undefined).SUMMARY_CHANNELS).toEqual([
      { platform: 'slack', channel: 'C1' },
      { platform: 'discord', channel: '2' },
    ]);
    expect(() => loadConfig({ SUMMARY_CHANNELS: 'general,teams:x' }, undefined)).toThrow(
      'invalid configuration: SUMMARY_CHANNELS: "general" is not platform:channel (slack:C0123ABC or discord:1290000000000000042); "teams:x": teams is not a platform the bot serves (slack, discord)',
    );
    expect(() => loadConfig({ SUMMARY_SCHEDULE: '0 9 * * 1-5' }, undefined)).toThrow(/^invalid configuration: SUMMARY_CHANNELS: SUMMARY_SCHEDULE is set, so list the channels to summarise/);
    expect(() => loadConfig({ SUMMARY_SCHEDULE: 'every morning', SUMMARY_CHANNELS: 'slack:C1' }, undefined)).toThrow(/^invalid configuration: SUMMARY_SCHEDULE: "every morning" is not a cron pattern/);
    expect(loadConfig({ SUMMARY_SCHEDULE: '0 9 * * 1-5', SUMMARY_CHANNELS: 'slack:C1' }, undefined).SUMMARY_SCHEDULE).toBe('0 9 * * 1-5');
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

  it('gives each numeric setting its range and its default, as the schema has them', async () => {
    const lines = (await readFile(new URL('../.env.example', import.meta.url), 'utf8')).split('\n');
    const claimed = lines.filter((l) => /\(range [^)]*\)$/.test(l)).length;
    const settings = numericSettings();
    for (const s of settings) {
      const i = lines.findIndex((l) => l.startsWith(`${s.key}=`));
      expect(lines[i - 1], s.key).toMatch(new RegExp(`\\(range ${rangeText(s).replace(/\./g, '\\.')}\\)$`));
      expect(lines[i], s.key).toBe(`${s.key}=${s.default ?? ''}`);
    }
    // No other comment claims a range.
    expect(claimed).toBe(settings.length);
  });

  it('is itself a valid configuration', async () => {
    expect(() => loadConfig({}, new URL('../.env.example', import.meta.url).pathname)).not.toThrow();
  });
});

describe('README', () => {
  /** The configuration table's rows: variable → [default, range]. */
  async function configurationTable(): Promise<Map<string, { default: string; range: string }>> {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const rows = new Map<string, { default: string; range: string }>();
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const [names = '', def = '', range = ''] = line.slice(1).split(' | ').map((c) => c.trim());
      for (const m of names.matchAll(/`([A-Z0-9_]+)`/g)) rows.set(m[1] as string, { default: def, range });
    }
    return rows;
  }

  it('gives each numeric setting its range and its default in the configuration table, as the schema has them', async () => {
    const table = await configurationTable();
    const numeric = new Set<string>();
    for (const s of numericSettings()) {
      numeric.add(s.key);
      expect(table.get(s.key)?.range, s.key).toBe(rangeText(s));
      if (s.default !== undefined) expect(table.get(s.key)?.default, s.key).toBe(`\`${s.default}\``);
    }
    // Only numeric settings have a range.
    expect([...table].filter(([key, row]) => row.range !== '' && !numeric.has(key))).toEqual([]);
  });

  it('documents every configuration variable and the test command CI runs', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(configSchema.shape).filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
    const ci = await readFile(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(readme).toContain('npm test');
    expect(ci.trim().split('\n').filter((l) => l.startsWith('npm ')).map((l) => l.trim())).toEqual(['npm ci', 'npm test']);
  });
});
