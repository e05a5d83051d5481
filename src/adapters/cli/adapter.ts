/**
 * The one-shot CLI as an adapter: `pwbot "<chat line>"` is one message, one
 * reply, then the process ends. What it declares: the person typing is at
 * this machine (`localOperator`), and nothing outlives the reply
 * (`outlivesReply: false`), so commands that normally work in the background
 * (training) finish before they answer. Everything a run sends is collected
 * and printed when it ends, so `--json` prints exactly one object; progress
 * goes to a terminal's stderr as one redrawn line. Charts are written under
 * `outDir` and their paths printed.
 */
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { AdapterCapabilities, ChatAdapter, MessageHandler, Outcome, UploadFile } from '../../core/adapter.js';
import type { Conversation, InboundFile, IncomingMessage } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../core/reply.js';
import { drawCharts } from '../shared/chart-png.js';
import { renderReplyText } from '../shared/text.js';
import { writeCharts, writeOutFiles } from '../shared/out-files.js';

export const CLI_CAPABILITIES: AdapterCapabilities = {
  history: false,
  updateInPlace: false,
  ephemeral: false,
  buttons: false,
  localOperator: true,
  outlivesReply: false,
  unpromptedPosts: false,
};

export interface CliJson {
  command: string;
  ok: boolean;
  text: string;
  attachments: Array<{ path: string; mime: string; title: string }>;
  data: Record<string, unknown>;
  error?: { code: string; message: string; ref?: string };
}

export interface CliAdapterOptions {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly outDir: string;
  readonly log: Logger;
  /** Print one JSON object instead of text. */
  readonly json?: boolean;
  /** Show progress on stderr (a terminal, and not --json). */
  readonly showProgress?: boolean;
  readonly userName?: string;
}

// The person at the terminal alone reads it: a direct conversation.
const CONVERSATION: Conversation = { platform: 'cli', channel: 'cli', visibility: 'direct' };

export class CliAdapter implements ChatAdapter {
  readonly platform = 'cli';
  readonly capabilities = CLI_CAPABILITIES;
  private handler: MessageHandler | undefined;
  private sequence = 0;

  constructor(private readonly options: CliAdapterOptions) {}

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.handler = undefined;
  }

  /** Run one chat line and print its answer; resolves to the exit code (0 ok, 1 user error, 2 internal error). */
  async run(line: string, files: readonly InboundFile[] = []): Promise<number> {
    const handler = this.handler;
    if (handler === undefined) throw new Error('the CLI adapter is not started');
    const user = this.options.userName ?? 'cli';
    const message: IncomingMessage = {
      id: `cli-${process.pid}-${++this.sequence}`,
      platform: this.platform,
      user: { id: user, name: user },
      conversation: CONVERSATION,
      text: line,
      files,
      receivedAt: new Date(),
    };
    // Everything the command sent besides its final reply (follow-ups) is kept, so --json still prints one object.
    const sent: Reply[] = [];
    const record = (reply: Reply): void => {
      if (reply.tone === 'progress') this.progressLine(reply);
      else sent.push(reply);
    };
    const handle = (): ReplyHandle => ({
      ref: { conversation: CONVERSATION, id: message.id },
      update: async (reply) => record(reply),
      followUp: async (reply) => {
        record(reply);
        return handle();
      },
    });
    const outcome = await handler(message, {
      send: async (reply) => {
        record(reply);
        return handle();
      },
    });
    if (this.options.showProgress === true) this.options.stderr.write('\r\x1b[2K');
    await this.print(outcome, sent.filter((r) => r !== outcome.reply));
    return outcome.ok ? 0 : outcome.error?.code === 'internal_error' ? 2 : 1;
  }

  /** Unprompted posts print at once (nothing in a one-shot run posts unprompted; the contract checks it works). */
  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    const ref: MessageRef = { conversation: to, id: `post-${++this.sequence}` };
    await this.printText(reply, '');
    return { ref, update: (next) => this.update(ref, next), followUp: (next) => this.post(to, next) };
  }

  /** No message can be edited on a terminal's scrollback: an update is printed as a new block, marked as one. */
  async update(_ref: MessageRef, reply: Reply): Promise<void> {
    await this.printText(reply, '↻ ');
  }

  async upload(_to: Conversation, file: UploadFile): Promise<void> {
    const [path] = await writeOutFiles(this.options.outDir, [file]);
    this.options.stdout.write(`📎 ${file.title ?? file.filename}: ${path ?? file.filename}\n`);
  }

  private progressLine(reply: Reply): void {
    if (this.options.showProgress === true) this.options.stderr.write(`\r\x1b[2K${reply.text.split('\n')[0] ?? ''}`);
  }

  private async printText(reply: Reply, marker: string): Promise<void> {
    const drawn = await drawCharts(reply, this.options.log);
    const paths = await writeCharts(this.options.outDir, drawn.charts ?? []);
    this.options.stdout.write(`${marker}${renderReplyText(drawn, paths)}\n`);
  }

  private async print(outcome: Outcome, extra: readonly Reply[]): Promise<void> {
    const written: Array<{ reply: Reply; paths: string[] }> = [];
    for (const reply of [outcome.reply, ...extra]) {
      const drawn = await drawCharts(reply, this.options.log);
      written.push({ reply: drawn, paths: await writeCharts(this.options.outDir, drawn.charts ?? []) });
    }
    const text = written.map((w) => renderReplyText(w.reply, w.paths)).join('\n\n');
    if (this.options.json === true) {
      const json: CliJson = {
        command: outcome.command,
        ok: outcome.ok,
        text,
        attachments: written.flatMap((w) => (w.reply.charts ?? []).map((c, i) => ({ path: w.paths[i] as string, mime: 'image/png', title: c.title }))),
        data: outcome.reply.data ?? {},
        ...(outcome.error ? { error: outcome.error } : {}),
      };
      this.options.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      (outcome.ok ? this.options.stdout : this.options.stderr).write(`${text}\n`);
    }
  }
}
