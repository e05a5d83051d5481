/**
 * Scheduled digests: SUMMARY_SCHEDULE (cron, run by croner in
 * SUMMARY_TIMEZONE) posts a digest to every channel in SUMMARY_CHANNELS.
 *
 *  - Each channel is its own step with its own try/catch (and time limit):
 *    one channel failing is logged, recorded, and reported in that
 *    channel's next digest, and the other channels still get theirs.
 *  - A channel's period runs from its checkpoint (the end of the last
 *    period it summarised, in SQLite) to now, and the checkpoint moves only
 *    after the digest was posted: a restart neither repeats nor skips a
 *    period, and a failed run's period is covered by the next digest.
 *  - When the bot starts after missing a scheduled time, the channels that
 *    missed it are summarised at once (catch-up) instead of waiting a day.
 *  - Runs never overlap (a slow run delays the next; croner's `protect`
 *    skips a tick that arrives while one is still going).
 */
import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../../core/adapter.js';
import { requireHistory } from '../../core/capabilities.js';
import type { Conversation, Platform } from '../../core/message.js';
import type { Reply, ReplyHandle } from '../../core/reply.js';
import type { SummaryStore, ChannelKey } from '../../summary/store.js';
import { summarize, type SummarizeOptions } from '../../summary/summarize.js';
import { renderDigest } from './render.js';
import { channelLabel, readChannel } from './sources.js';

export interface ScheduleTarget extends ChannelKey {
  readonly platform: Platform;
}

/** The part of the bot's Outbox a schedule needs. */
export interface ScheduleOutbox {
  post(to: Conversation, reply: Reply): Promise<ReplyHandle>;
  adapter(platform: string): ChatAdapter | undefined;
}

export interface SchedulerOptions {
  readonly cron: string;
  readonly timeZone: string;
  readonly targets: readonly ScheduleTarget[];
  readonly store: SummaryStore;
  readonly outbox: ScheduleOutbox;
  readonly log: Logger;
  readonly quiet: 'post' | 'skip';
  readonly maxMessages: number;
  /** LLM and price alerts per run (read fresh each time: alerts depend on the period). */
  readonly summarizeOptions?: (period: { since: Date; until: Date }) => Promise<SummarizeOptions> | SummarizeOptions;
  /** The clock; tests inject one (croner itself follows Date, which fake timers control). */
  readonly now?: () => Date;
  /** One channel's step may take this long before it counts as failed. */
  readonly channelTimeoutMs?: number;
  /**
   * Bot replicas (REDIS_URL) share one schedule: each fire (and each
   * catch-up of a missed slot) runs on the one replica that claims its slot
   * first. Absent: every fire runs here.
   */
  readonly claimSlot?: (slot: string) => Promise<boolean>;
}

export type ChannelOutcome =
  | { readonly target: ScheduleTarget; readonly status: 'posted'; readonly messages: number; readonly postedId: string }
  | { readonly target: ScheduleTarget; readonly status: 'quiet-posted'; readonly postedId: string }
  | { readonly target: ScheduleTarget; readonly status: 'quiet-skipped' }
  | { readonly target: ScheduleTarget; readonly status: 'failed'; readonly error: string };

const DEFAULT_CHANNEL_TIMEOUT_MS = 5 * 60_000;
const FALLBACK_LOOKBACK_MS = 24 * 3_600_000;

export class SummaryScheduler {
  private cron: Cron | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    // Parse now: a bad pattern or zone must stop start-up, not the first run.
    new Cron(options.cron, { timezone: options.timeZone, paused: true }).stop();
  }

  /** Start the cron job, and catch up on channels whose last scheduled run was missed. */
  start(): void {
    if (this.cron !== undefined || this.stopped) return;
    this.cron = new Cron(this.options.cron, { timezone: this.options.timeZone, protect: true, catch: (error) => this.options.log.error({ err: error }, 'summary schedule run failed') }, async (self: Cron) => {
      if (!(await this.claim(`fire:${(self.currentRun() ?? this.now()).toISOString()}`))) return;
      await this.runAll('schedule');
    });
    const missed = this.options.targets.filter((t) => this.missedRun(t));
    if (missed.length > 0) {
      const slot = `catch-up:${this.previousSlot(new Date(this.now().getTime() + 1001))?.toISOString() ?? 'none'}`;
      void this.enqueue(async () => ((await this.claim(slot)) ? this.runTargets(missed, 'catch-up') : []));
    }
  }

  /** Whether this process runs a slot (another replica may have claimed it); a failed claim runs it rather than lose it. */
  private async claim(slot: string): Promise<boolean> {
    if (this.options.claimSlot === undefined) return true;
    try {
      const mine = await this.options.claimSlot(slot);
      if (!mine) this.options.log.info({ slot }, 'summary slot run by another replica');
      return mine;
    } catch (error) {
      this.options.log.warn({ err: error, slot }, 'could not claim the summary slot; running it here');
      return true;
    }
  }

  /** Stop scheduling and wait for a run in progress (so its checkpoint is written). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cron?.stop();
    this.cron = undefined;
    await this.chain.catch(() => undefined);
  }

  /** Resolves when no run is in progress or queued (tests; shutdown uses `stop`). */
  async idle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.chain;
      await current.catch(() => undefined);
    } while (current !== this.chain);
  }

  nextRun(): Date | null {
    return this.cron?.nextRun() ?? new Cron(this.options.cron, { timezone: this.options.timeZone, paused: true }).nextRun();
  }

  /** Summarise every configured channel now, one step each. */
  runAll(reason = 'manual'): Promise<ChannelOutcome[]> {
    return this.enqueue(() => this.runTargets(this.options.targets, reason));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runTargets(targets: readonly ScheduleTarget[], reason: string): Promise<ChannelOutcome[]> {
    const outcomes: ChannelOutcome[] = [];
    for (const target of targets) {
      if (this.stopped && reason !== 'manual') break;
      outcomes.push(await this.runChannel(target));
    }
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    this.options.log.info({ reason, channels: outcomes.length, failed }, 'summary schedule run finished');
    return outcomes;
  }

  /** One channel's step: never throws; a failure is logged and recorded for the next digest. */
  async runChannel(target: ScheduleTarget): Promise<ChannelOutcome> {
    const { store, log } = this.options;
    const until = this.now();
    // Without a checkpoint, a first run that failed still marks where the channel's periods begin.
    const since = store.checkpoint(target)?.until ?? store.openFailures(target)[0]?.since ?? this.defaultSince(until);
    const timeoutMs = this.options.channelTimeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      });
      return await Promise.race([this.summariseAndPost(target, since, until), timeout]);
    } catch (error) {
      const message = errorText(error);
      log.error({ err: error, platform: target.platform, channel: target.channel, since, until }, 'scheduled summary failed for a channel');
      try {
        store.recordFailure(target, since, until, message, this.now());
      } catch (storeError) {
        log.error({ err: storeError }, 'could not record the summary failure');
      }
      return { target, status: 'failed', error: message };
    } finally {
      clearTimeout(timer);
    }
  }

  private async summariseAndPost(target: ScheduleTarget, since: Date, until: Date): Promise<ChannelOutcome> {
    const options = this.options;
    const { store, outbox } = options;
    const adapter = outbox.adapter(target.platform);
    if (adapter === undefined) throw new Error(`no ${target.platform} adapter is running`);
    const history = await readChannel(requireHistory(adapter), { channel: target.channel, since, until, limit: options.maxMessages });
    const extra = (await options.summarizeOptions?.({ since, until })) ?? {};
    const digest = await summarize(history.messages, { ...extra, period: { since, until } });
    if (digest.llmFallback !== undefined) options.log.warn({ channel: target.channel, reason: digest.llmFallback }, 'LLM summary fell back to extractive');
    const failures = store.openFailures(target);
    const conversation: Conversation = { platform: target.platform, channel: history.channel.id };

    if (digest.quiet && failures.length === 0 && options.quiet === 'skip') {
      store.complete(target, until, null, [], this.now());
      return { target, status: 'quiet-skipped' };
    }
    const reply = renderDigest(digest, {
      channelLabel: channelLabel(history.channel),
      timeZone: options.timeZone,
      truncated: history.truncated,
      cap: options.maxMessages,
      scheduled: true,
      failures,
      data: { platform: target.platform, channelId: history.channel.id },
    });
    const handle = await outbox.post(conversation, reply);
    store.complete(target, until, handle.ref.id, failures.map((f) => f.id), this.now());
    return digest.quiet && failures.length === 0
      ? { target, status: 'quiet-posted', postedId: handle.ref.id }
      : { target, status: 'posted', messages: history.messages.length, postedId: handle.ref.id };
  }

  /** First run for a channel: the period since the previous scheduled time (a day if the pattern has none). */
  private defaultSince(until: Date): Date {
    const previous = this.previousSlot(until);
    return previous ?? new Date(until.getTime() - FALLBACK_LOOKBACK_MS);
  }

  /** The latest scheduled time strictly before `at` (not the tick that is running now). */
  private previousSlot(at: Date): Date | undefined {
    const probe = new Cron(this.options.cron, { timezone: this.options.timeZone, paused: true });
    const earlier = probe.previousRuns(2, new Date(at.getTime() - 1000)).find((d) => d.getTime() < at.getTime() - 1000);
    probe.stop();
    return earlier;
  }

  /** A channel with a checkpoint older than the latest scheduled time missed that run while the bot was down. */
  private missedRun(target: ScheduleTarget): boolean {
    const checkpoint = this.options.store.checkpoint(target);
    if (checkpoint === undefined) return false;
    const now = this.now();
    const probe = new Cron(this.options.cron, { timezone: this.options.timeZone, paused: true });
    const last = probe.previousRuns(1, now)[0];
    probe.stop();
    return last !== undefined && last.getTime() > checkpoint.until.getTime() + 1000;
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}
