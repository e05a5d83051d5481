/**
 * pino, JSON by default and pretty on a terminal, always on stderr so that
 * stdout stays clean for the console chat and `pwbot --json`.
 *
 * Secrets are kept out in two layers: well-known field names are redacted by
 * pino, and — because a token can also hide inside an error message or a URL —
 * every serialised line is scrubbed of the configured secret values before it
 * is written.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type PinoPretty from 'pino-pretty';
import { secretValues, type Config } from './config.js';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'apiKey',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_APP_TOKEN',
  'config.DISCORD_TOKEN',
  'config.OPENAI_API_KEY',
];

export const REDACTED = '[REDACTED]';

export interface LoggerOptions {
  level?: string;
  format?: 'auto' | 'json' | 'pretty';
  /** Where lines go; stderr by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** Literal values to scrub (tokens); `secretValues(config)` in the app. */
  secrets?: readonly string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// pino-pretty (some 30 files) is required only when a terminal gets pretty lines, not on every start-up.
const prettyStream = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  // JSON-escaped forms too: a secret containing quotes or backslashes appears escaped in the line.
  const patterns = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  const scrub = patterns.length === 0 ? undefined : new RegExp([...new Set(patterns)].map(escapeRegExp).join('|'), 'g');

  const format = options.format ?? 'auto';
  const usePretty = format === 'pretty' || (format === 'auto' && options.destination === undefined && process.stderr.isTTY === true);
  const destination: DestinationStream =
    options.destination ?? (usePretty ? prettyStream()({ destination: 2, colorize: true, sync: true }) : pino.destination({ dest: 2, sync: true }));

  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      base: { app: 'pricewar-bot' },
      hooks: scrub === undefined ? {} : { streamWrite: (line: string) => line.replace(scrub, REDACTED) },
    },
    destination,
  );
}

/** The application logger: level and format from config, secrets from config. */
export function createAppLogger(config: Config, defaults: { level: string }, destination?: DestinationStream): Logger {
  return createLogger({
    level: config.LOG_LEVEL ?? defaults.level,
    format: config.LOG_FORMAT,
    secrets: secretValues(config),
    ...(destination === undefined ? {} : { destination }),
  });
}
