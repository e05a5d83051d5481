/**
 * The embedded default adapter: a readline chat in the terminal, running the
 * same commands as Slack and Discord. Charts go to files under `out/`. On a
 * terminal, progress updates redraw the last message in place; elsewhere
 * (pipes, tests) each update is printed as a new block. Replies' Markdown is
 * rendered for a terminal (./markdown.ts).
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { AdapterCapabilities, ChatAdapter, MessageHandler, UploadFile } from '../../core/adapter.js';
import type { Conversation, IncomingMessage } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../core/reply.js';
import { drawCharts } from '../shared/chart-png.js';
import { writeCharts, writeOutFiles } from '../shared/out-files.js';
import { extractAttachment } from './files.js';
import { renderReplyText } from '../shared/text.js';
import { markdownForTerminal } from './markdown.js';

export interface ConsoleAdapterOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly outDir: string;
  readonly userName?: string;
  /** Redraw updated messages in place (only sensible on a TTY). */
  readonly redraw?: boolean;
  readonly prompt?: string;
  /** Called when the input ends (Ctrl-D): the app shuts down. */
  readonly onClose?: () => void;
  /**
   * Handle lines concurrently, like chat messages (a long /train does not block
   * /help). Off for piped input, where scripts expect answers in input order.
   */
  readonly concurrent?: boolean;
  /** Print the prompt (interactive use only). */
  readonly showPrompt?: boolean;
  /** Where a chart that fails to draw is logged (default: nowhere). */
  readonly log?: Logger;
  /** Bold, italic and code as ANSI styles (default: when redrawing, i.e. on a terminal); plain words otherwise. */
  readonly color?: boolean;
}

/** Whoever types here sits at the bot's machine; the chat runs until Ctrl-D, so background work reports back. */
export const CONSOLE_CAPABILITIES: AdapterCapabilities = {
  history: false,
  updateInPlace: true,
  ephemeral: false,
  buttons: false,
  localOperator: true,
  outlivesReply: true,
  unpromptedPosts: false,
};

// The person at the terminal alone reads it: a direct conversation.
const CONVERSATION: Conversation = { platform: 'console', channel: 'console', visibility: 'direct' };

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  readonly capabilities: AdapterCapabilities = CONSOLE_CAPABILITIES;
  private rl: Interface | undefined;
  private sequence = 0;
  /** The message printed last and how many lines it took, for in-place redraws. */
  private last: { id: string; lines: number } | undefined;
  private pending = new Set<Promise<void>>();
  private stopped = false;

  private readonly log: Logger;

  constructor(private readonly options: ConsoleAdapterOptions) {
    this.log = options.log ?? pino({ level: 'silent' });
  }

  async start(handler: MessageHandler): Promise<void> {
    const rl = createInterface({ input: this.options.input, output: this.options.output, terminal: this.options.redraw ?? false });
    this.rl = rl;
    rl.setPrompt(this.options.prompt ?? 'you> ');
    const prompt = (): void => {
      if (this.options.showPrompt === true && !this.stopped) rl.prompt();
    };
    this.write('pricewar-bot console — type /help, a question, or Ctrl-D to quit.\n');
    prompt();
    let queue: Promise<void> = Promise.resolve();
    rl.on('line', (line) => {
      if (line.trim() === '') {
        prompt();
        return;
      }
      this.sequence += 1;
      const id = `console-${this.sequence}`;
      const handle = async (): Promise<void> => {
        this.last = undefined;
        // Reading the attachment spec is inside the guarded work: a bad line must never kill the chat.
        const { text, files } = extractAttachment(line);
        const message: IncomingMessage = {
          id,
          platform: 'console',
          user: { id: this.options.userName ?? 'console', name: this.options.userName ?? 'console' },
          conversation: CONVERSATION,
          text,
          files,
          receivedAt: new Date(),
        };
        await handler(message, { send: (reply) => this.print(reply) });
      };
      const start = this.options.concurrent === true ? Promise.resolve() : queue;
      const work = start
        .then(handle)
        .catch((error: unknown) => this.write(`⚠ ${(error as Error).message}\n`))
        .finally(() => {
          this.pending.delete(work);
          prompt();
        });
      queue = work;
      this.pending.add(work);
    });
    rl.on('close', () => {
      this.stopped = true;
      void Promise.allSettled([...this.pending]).then(() => this.options.onClose?.());
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.rl?.close();
    this.rl = undefined;
  }

  /** Wait until every line typed so far has been answered (tests, piped input). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    return this.print(reply, to.channel === CONVERSATION.channel ? undefined : `[#${to.channel}] `);
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    await this.print(reply, '', ref);
  }

  async upload(_to: Conversation, file: UploadFile): Promise<void> {
    const [path] = await writeOutFiles(this.options.outDir, [file]);
    this.write(`📎 ${file.title ?? file.filename}: ${path ?? file.filename}\n`);
  }

  /**
   * A line from the bot itself (the web page's address), on stderr, above the prompt: on a terminal the
   * prompt and whatever was being typed are redrawn after it.
   */
  notice(line: string): void {
    const redraw = this.options.redraw === true && this.options.showPrompt === true && this.rl !== undefined && !this.stopped;
    if (redraw) this.options.output.write('\r\x1b[K');
    process.stderr.write(`${line}\n`);
    if (redraw) this.rl?.prompt(true);
  }

  private write(text: string): void {
    this.options.output.write(text);
  }

  private async print(original: Reply, prefix = '', replacing?: MessageRef): Promise<ReplyHandle> {
    const reply = await drawCharts(original, this.log);
    const paths = await writeCharts(this.options.outDir, reply.charts ?? []);
    const id = replacing?.id ?? `m${++this.sequence}`;
    const inPlace = replacing !== undefined && this.options.redraw === true && this.last?.id === id;
    // Where the old text cannot be redrawn (a pipe, or other output came in between), mark the update as one.
    const marker = replacing !== undefined && !inPlace ? '↻ ' : '';
    // Markdown is rendered for a terminal (never raw `**`), and the labels follow the reply's language.
    const color = this.options.color ?? this.options.redraw === true;
    const body = `${marker}${prefix}${renderReplyText(reply, paths, { markdown: (text) => markdownForTerminal(text, { color }), localLabels: true })}\n`;
    if (inPlace && this.last !== undefined) {
      // Move up over the previous rendering of this message and clear to the end of the screen.
      this.write(`\x1b[${this.last.lines}A\x1b[0J`);
    } else if (this.options.redraw) {
      this.write('\r\x1b[2K');
    }
    this.write(body);
    this.last = { id, lines: body.split('\n').length - 1 };
    const ref: MessageRef = { conversation: CONVERSATION, id };
    return {
      ref,
      update: async (next) => {
        await this.print(next, prefix, ref);
      },
      followUp: (next) => this.print(next, prefix),
    };
  }
}
