/**
 * All configuration comes from the environment (plus an optional `.env` file,
 * whose values never override the real environment), parsed with zod exactly
 * once at start-up. An invalid value stops start-up with one line naming the
 * variable. Every variable here is documented in `.env.example` and the
 * README's configuration table, every numeric one with its range; a test
 * fails when they drift apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Cron } from 'croner';
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const secret = optionalString;
const optionalUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^(https?|wss?)$/ }).optional());

/** How a bad value is quoted back: short, and a number as itself. */
function shownInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 39)}…` : input);
  return String(input);
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** "5000", " 0.5 " → numbers; anything else is left as it is, so the message quotes what was written. */
const toNumber = (v: unknown): unknown => {
  const e = emptyToUndefined(v);
  return typeof e === 'string' && NUMBER_TEXT.test(e.trim()) ? Number(e.trim()) : e;
};

/**
 * A number in [min, max]. The range lives only here, as the zod number's own
 * min/max: the tests read it back from the schema and compare it with the
 * README table and `.env.example`. Every failure (not a number, not whole,
 * out of range) says the same thing: the range, and what was given.
 */
function rangedNumber(min: number, max: number, integer: boolean) {
  const message = (issue: { input?: unknown }): string => `must be ${integer ? 'a whole number' : 'a number'} between ${min} and ${max} (got ${shownInput(issue.input)})`;
  const n = z.number({ error: message });
  return (integer ? n.int({ error: message }) : n).min(min, { error: message }).max(max, { error: message });
}
const int = (def: number, min: number, max: number) => z.preprocess(toNumber, rangedNumber(min, max, true).default(def));
const optionalNumber = (min: number, max: number) => z.preprocess(toNumber, rangedNumber(min, max, false).optional());
const bool = (def: boolean) =>
  z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      if (typeof e !== 'string') return e;
      const lower = e.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
      if (['0', 'false', 'no', 'off'].includes(lower)) return false;
      return e;
    },
    z.boolean().default(def),
  );
/** Comma-separated list → array (empty → []). */
const list = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : (v ?? [])),
  z.array(z.string()),
);

/** The platforms configuration knows credentials for (see `configuredPlatforms`), and so the ones SUMMARY_CHANNELS may name. */
export const CHAT_PLATFORMS = ['slack', 'discord'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/** One SUMMARY_CHANNELS entry, parsed: where a scheduled digest goes. */
export interface SummaryTarget {
  readonly platform: ChatPlatform;
  readonly channel: string;
}

const CHANNELS_EXAMPLE = 'slack:C0123ABC,discord:1290000000000000042';

/** SUMMARY_CHANNELS entries → distinct targets, and one problem per bad entry. */
function summaryTargets(entries: readonly string[]): { targets: SummaryTarget[]; problems: string[] } {
  const targets: SummaryTarget[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const m = /^([^:\s]+):(\S+)$/.exec(entry.trim());
    if (m === null) {
      problems.push(`"${entry}" is not platform:channel (${CHANNELS_EXAMPLE.replace(',', ' or ')})`);
      continue;
    }
    const platform = (m[1] as string).toLowerCase();
    if (!(CHAT_PLATFORMS as readonly string[]).includes(platform)) {
      problems.push(`"${entry}": ${m[1]} is not a platform the bot serves (${CHAT_PLATFORMS.join(', ')})`);
      continue;
    }
    const target: SummaryTarget = { platform: platform as ChatPlatform, channel: m[2] as string };
    const key = `${target.platform}:${target.channel}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  return { targets, problems };
}

/**
 * SUMMARY_CHANNELS: `platform:channel` pairs ("slack:C0123ABC,discord:1290000000000000042"),
 * duplicates dropped. Throws a `ConfigError` naming the variable and the accepted form.
 */
export function parseSummaryChannels(entries: readonly string[]): SummaryTarget[] {
  const { targets, problems } = summaryTargets(entries);
  if (problems.length > 0) throw new ConfigError(`invalid configuration: SUMMARY_CHANNELS: ${problems.join('; ')}`);
  return targets;
}

/** Why croner refuses a pattern, or undefined when it takes it. */
function cronProblem(pattern: string): string | undefined {
  try {
    new Cron(pattern, { paused: true }).stop();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const configSchema = z.object({
  // General
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['auto', 'json', 'pretty']).default('auto')),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('data')),
  OUT_DIR: z.preprocess(emptyToUndefined, z.string().default('out')),
  MAX_ATTACHMENT_BYTES: int(5_000_000, 1, 100_000_000),
  /** A damaged SQLite file under DATA_DIR: `stop` that feature (default) or `move-aside` to `<name>.corrupt-<date>` and start it afresh. */
  DATA_REPAIR: z.preprocess(emptyToUndefined, z.enum(['stop', 'move-aside']).default('stop')),

  // Web page (chat + /prices): on by default on loopback; `off` disables; any other bind needs WEB_TOKEN
  WEB_PORT: z.preprocess(emptyToUndefined, z.union([z.literal('off'), z.coerce.number({ error: 'must be a port number 0–65535 or off' }).int().min(0).max(65535)]).default(8787)),
  WEB_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  WEB_TOKEN: secret,

  // Slack
  SLACK_BOT_TOKEN: secret,
  SLACK_SIGNING_SECRET: secret,
  SLACK_APP_TOKEN: secret,
  SLACK_PORT: int(3000, 0, 65535),
  SLACK_API_URL: optionalUrl,
  SLACK_COMMAND_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9_-]*$/).default('')),

  // Discord
  DISCORD_TOKEN: secret,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalUrl,
  DISCORD_MESSAGE_CONTENT: bool(false),

  // Roles
  BOT_ADMINS: list,

  // FAQ and optional LLM
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().default('knowledge')),
  FAQ_MIN_SCORE: optionalNumber(0, 1),
  LLM_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['openai', 'ollama']).optional()),
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: int(20_000, 100, 600_000),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: secret,
  OLLAMA_BASE_URL: optionalUrl,
  /** Optional dense retrieval for the FAQ: an embeddings provider (OpenAI-compatible or Ollama); unset = lexical only. */
  EMBEDDINGS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['openai', 'ollama']).optional()),
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_TIMEOUT_MS: int(15_000, 100, 600_000),

  // /pricewar
  PRICE_DATA_DIR: optionalString,
  /** When to sync the price feeds (cron, UTC); `off` = never on a schedule nor at start-up (only /pricewar sync). */
  PRICE_SYNC_SCHEDULE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .superRefine((pattern, ctx) => {
        if (pattern === 'off') return;
        const problem = cronProblem(pattern);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a cron pattern or off (${problem})` });
      })
      .default('0 6 * * *'),
  ),
  PRICE_FEED_OPENROUTER_URL: z.preprocess(emptyToUndefined, z.union([z.literal('off'), z.url({ protocol: /^https?$/ })]).default('https://openrouter.ai/api/v1/models')),
  PRICE_FEED_LITELLM_URL: z.preprocess(
    emptyToUndefined,
    z.union([z.literal('off'), z.url({ protocol: /^https?$/ })]).default('https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json'),
  ),
  PRICE_FEED_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  PRICE_FEED_MAX_BYTES: int(50_000_000, 10_000, 500_000_000),

  // /train
  TRAIN_BACKEND: z.preprocess(emptyToUndefined, z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto')),
  TRAIN_CONCURRENCY: int(1, 1, 64),
  TRAIN_ALLOWED_USERS: list,
  TRAIN_MAX_QUEUED_PER_USER: int(3, 1, 1000),
  TRAIN_MAX_EPOCHS: int(500, 1, 100_000),
  TRAIN_CHECKPOINT_EVERY: int(5, 0, 100_000),
  TRAIN_MAX_ROWS: int(200_000, 10, 100_000_000),
  TRAIN_MAX_COLUMNS: int(512, 1, 100_000),
  TRAIN_MAX_FILE_BYTES: int(20_000_000, 1_000, 2_000_000_000),
  TRAIN_DATA_DIR: optionalString,
  TRAIN_ARTIFACT_DIR: optionalString,
  TRAIN_COMMAND: optionalString,

  // Scale out (docs: README "Scale out"): set = BullMQ on Redis for training jobs, de-dup and schedules shared by replicas
  REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/ }).optional()),
  TRAIN_STALL_MS: int(30_000, 1_000, 600_000),

  // Channel summaries
  SUMMARY_SCHEDULE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .superRefine((pattern, ctx) => {
        const problem = cronProblem(pattern);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a cron pattern (${problem})` });
      })
      .optional(),
  ),
  SUMMARY_CHANNELS: list.transform((entries, ctx): readonly SummaryTarget[] => {
    const { targets, problems } = summaryTargets(entries);
    // One issue for all bad entries: one line for the variable.
    if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems.join('; ') });
    return Object.freeze(targets);
  }),
  SUMMARY_QUIET: z.preprocess(emptyToUndefined, z.enum(['post', 'skip']).default('post')),
  SUMMARY_MAX_MESSAGES: int(5_000, 10, 1_000_000),
  SUMMARY_TIMEZONE: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone, 'must be an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)').default('UTC')),
}).superRefine((config, ctx) => {
  // A schedule with nowhere to post would run and do nothing: refuse it at start-up instead.
  if (config.SUMMARY_SCHEDULE !== undefined && config.SUMMARY_CHANNELS.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['SUMMARY_CHANNELS'], message: `SUMMARY_SCHEDULE is set, so list the channels to summarise (${CHANNELS_EXAMPLE})` });
  }
  // The web page reachable from other machines must ask who is there.
  if (config.WEB_PORT !== 'off' && !/^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(config.WEB_HOST) && config.WEB_TOKEN === undefined) {
    ctx.addIssue({ code: 'custom', path: ['WEB_TOKEN'], message: `WEB_HOST=${config.WEB_HOST} can be reached from other machines, so set WEB_TOKEN (visitors log in with it), or bind to 127.0.0.1` });
  }
});

export type Config = z.output<typeof configSchema>;

/** Names of the variables that hold secrets: redacted from logs, never echoed. */
export const SECRET_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY', 'REDIS_URL', 'WEB_TOKEN'] as const satisfies readonly (keyof Config)[];

export function readDotEnv(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`${file}: cannot be parsed (${(error as Error).message})`);
  }
}

/**
 * Parse configuration. The real environment wins over `.env`. Throws a
 * `ConfigError` whose message is one line per bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, dotEnvFile: string | undefined = '.env'): Config {
  const merged = { ...(dotEnvFile ? readDotEnv(dotEnvFile) : {}), ...env };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    // One line per bad variable: a value can fail several checks (not whole, and out of range), which say the same.
    const byKey = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '?');
      // Never echo a secret's value, even a malformed one (secrets are plain strings: no check here quotes them).
      if (!byKey.has(key)) byKey.set(key, `invalid configuration: ${key}: ${issue.message}`);
    }
    throw new ConfigError([...byKey.values()].join('\n'));
  }
  return Object.freeze(parsed.data);
}

/** Which platforms have complete credentials. */
export function configuredPlatforms(config: Config): Record<ChatPlatform, boolean> {
  return {
    slack: config.SLACK_BOT_TOKEN !== undefined && (config.SLACK_APP_TOKEN !== undefined || config.SLACK_SIGNING_SECRET !== undefined),
    discord: config.DISCORD_TOKEN !== undefined && config.DISCORD_APPLICATION_ID !== undefined,
  };
}

export function secretValues(config: Config): string[] {
  return SECRET_KEYS.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}
