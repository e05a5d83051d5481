/**
 * `pwbot "<chat line>"`: one command, one reply, for scripts.
 *
 *   pwbot [--json] [--file <path>] <chat line…>
 *
 * Prints the reply (charts are written under OUT_DIR); with `--json`, one JSON
 * object on stdout. Exit code 0 = ok, 1 = user error, 2 = internal error.
 * Runs with `oneShot`, so commands that normally work in the background
 * (training) finish before the reply.
 */
import { writeCharts } from './adapters/console/files.js';
import { localFile } from './core/local-file.js';
import { renderReplyText } from './adapters/console/render.js';
import { createBot } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { Outcome } from './core/bot.js';
import type { InboundFile, IncomingMessage } from './core/message.js';
import type { Reply, ReplyHandle } from './core/reply.js';
import { RegistryError } from './core/registry.js';
import { createAppLogger } from './logging.js';

export interface CliJson {
  command: string;
  ok: boolean;
  text: string;
  attachments: Array<{ path: string; mime: string; title: string }>;
  data: Record<string, unknown>;
  error?: { code: string; message: string; ref?: string };
}

const USAGE = `usage: pwbot [--json] [--file <path>] "<chat line>"
  pwbot "/help"                         list the commands
  pwbot "大模型为什么越来越便宜？"          ask the FAQ
  pwbot "/pricewar cuts" --json         one JSON object on stdout
  pwbot "/train" --file data.csv        attach a local file
exit codes: 0 ok, 1 user error, 2 internal error`;

interface CliArgs {
  json: boolean;
  files: InboundFile[];
  line: string;
}

export function parseCliArgs(argv: readonly string[]): CliArgs | { help: true } | { usageError: string } {
  let json = false;
  const files: InboundFile[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' && words.length === 0) return { help: true };
    else if (arg === '--file') {
      const path = argv[i + 1];
      if (path === undefined) return { usageError: '--file needs a path' };
      files.push(localFile(path));
      i++;
    } else words.push(arg);
  }
  let line = words.join(' ').trim();
  // Accept `pwbot "/pricewar cuts --json"` too: a trailing --json inside the line is the CLI's flag.
  if (/\s--json$/.test(line)) {
    json = true;
    line = line.replace(/\s--json$/, '').trim();
  }
  if (line === '') return { usageError: 'no chat line given' };
  return { json, files, line };
}

export async function runCli(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env?: Record<string, string | undefined> }): Promise<number> {
  const parsed = parseCliArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('usageError' in parsed) {
    io.stderr.write(`pwbot: ${parsed.usageError}\n${USAGE}\n`);
    return 1;
  }
  let config;
  try {
    config = loadConfig(io.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = createAppLogger(config, { level: 'warn' });
  let bot;
  try {
    bot = await createBot({ config, log });
  } catch (error) {
    if (error instanceof RegistryError) {
      io.stderr.write(`pwbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const message: IncomingMessage = {
    id: `cli-${process.pid}`,
    platform: 'cli',
    user: { id: process.env.USER ?? 'cli', name: process.env.USER ?? 'cli' },
    conversation: { platform: 'cli', channel: 'cli' },
    text: parsed.line,
    files: parsed.files,
    receivedAt: new Date(),
  };
  // Everything the command sent besides its final reply (follow-ups) is kept, so --json still prints one object.
  const sent: Reply[] = [];
  const showProgress = !parsed.json && (io.stderr as { isTTY?: boolean }).isTTY === true;
  const record = (reply: Reply): void => {
    if (reply.tone === 'progress') {
      if (showProgress) io.stderr.write(`\r\x1b[2K${reply.text.split('\n')[0] ?? ''}`);
    } else sent.push(reply);
  };
  const handle = (): ReplyHandle => ({
    ref: { conversation: message.conversation, id: 'cli' },
    update: async (reply) => record(reply),
    followUp: async (reply) => {
      record(reply);
      return handle();
    },
  });
  let outcome: Outcome;
  try {
    outcome = await bot.handle(
      message,
      {
        send: async (reply) => {
          record(reply);
          return handle();
        },
      },
      { oneShot: true },
    );
  } finally {
    await bot.shutdown();
  }
  const extra = sent.filter((r) => r !== outcome.reply);
  if (showProgress) io.stderr.write('\r\x1b[2K');

  const written: Array<{ reply: Reply; paths: string[] }> = [];
  for (const reply of [outcome.reply, ...extra]) written.push({ reply, paths: await writeCharts(config.OUT_DIR, reply.charts ?? []) });
  const text = written.map((w) => renderReplyText(w.reply, w.paths)).join('\n\n');
  const code = outcome.ok ? 0 : outcome.error?.code === 'internal_error' ? 2 : 1;

  if (parsed.json) {
    const json: CliJson = {
      command: outcome.command,
      ok: outcome.ok,
      text,
      attachments: written.flatMap((w) => (w.reply.charts ?? []).map((c, i) => ({ path: w.paths[i] as string, mime: 'image/png', title: c.title }))),
      data: outcome.reply.data ?? {},
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    (outcome.ok ? io.stdout : io.stderr).write(`${text}\n`);
  }
  return code;
}
