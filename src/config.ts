/**
 * All configuration comes from the environment (plus an optional `.env` file,
 * whose values never override the real environment), parsed with zod exactly
 * once at start-up. An invalid value stops start-up with one line naming the
 * variable. Every variable here is documented in `.env.example`; a test fails
 * when the two drift apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const secret = optionalString;
const optionalUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^(https?|wss?)$/ }).optional());
const int = (def: number, min: number, max: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
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

  // FAQ and optional LLM
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().default('knowledge')),
  FAQ_MIN_SCORE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).optional()),
  LLM_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['openai', 'ollama']).optional()),
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: int(20_000, 100, 600_000),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: secret,
  OLLAMA_BASE_URL: optionalUrl,

  // /pricewar
  PRICE_DATA_DIR: optionalString,

  // /train
  TRAIN_BACKEND: z.preprocess(emptyToUndefined, z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto')),
  TRAIN_CONCURRENCY: int(1, 1, 64),
  TRAIN_ALLOWED_USERS: list,
  TRAIN_MAX_QUEUED_PER_USER: int(3, 1, 1000),
  TRAIN_MAX_EPOCHS: int(500, 1, 100_000),
  TRAIN_MAX_ROWS: int(200_000, 10, 100_000_000),
  TRAIN_MAX_COLUMNS: int(512, 1, 100_000),
  TRAIN_MAX_FILE_BYTES: int(20_000_000, 1_000, 2_000_000_000),
  TRAIN_DATA_DIR: optionalString,
  TRAIN_ARTIFACT_DIR: optionalString,
  TRAIN_COMMAND: optionalString,

  // Channel summaries
  SUMMARY_SCHEDULE: optionalString,
  SUMMARY_CHANNELS: list,
  SUMMARY_QUIET: z.preprocess(emptyToUndefined, z.enum(['post', 'skip']).default('post')),
  SUMMARY_MAX_MESSAGES: int(5_000, 10, 1_000_000),
  SUMMARY_TIMEZONE: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone, 'must be an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)').default('UTC')),
});

export type Config = z.output<typeof configSchema>;

/** Names of the variables that hold secrets: redacted from logs, never echoed. */
export const SECRET_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY'] as const satisfies readonly (keyof Config)[];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

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
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      // Never echo a secret's value, even a malformed one.
      return `invalid configuration: ${key}: ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  return Object.freeze(parsed.data);
}

/** Which platforms have complete credentials. */
export function configuredPlatforms(config: Config): { slack: boolean; discord: boolean } {
  return {
    slack: config.SLACK_BOT_TOKEN !== undefined && (config.SLACK_APP_TOKEN !== undefined || config.SLACK_SIGNING_SECRET !== undefined),
    discord: config.DISCORD_TOKEN !== undefined && config.DISCORD_APPLICATION_ID !== undefined,
  };
}

export function secretValues(config: Config): string[] {
  return SECRET_KEYS.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}
