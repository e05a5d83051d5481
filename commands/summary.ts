import { z } from 'zod';
import { defineCommand } from '../src/core/index.js';
import { SINCE_HINT, SINCE_PATTERN } from '../src/summary/period.js';
import { summaryFromHistory, summaryFromTranscript } from '../src/summary/chat/on-demand.js';
import { summaryScheduleService } from '../src/summary/chat/service.js';

/** `/summary`: a digest of a channel (or a transcript file): topics, highlights with links, open questions, bot activity. */
export default defineCommand({
  name: 'summary',
  description: 'Summarise a channel: main topics, key messages with links, open questions, bot activity',
  examples: ['/summary', '/summary #llm-pricing --since 7d --length full', '/summary --since 2026-11-01 --lang zh', '/summary --file test/fixtures/summary-en-llm-pricing.jsonl'],
  args: z.object({
    channel: z
      .string()
      .regex(/^(?:<#[A-Za-z0-9]+(?:\|[^>]*)?>|#?[^\s#<>]{1,100})$/u, 'must be a channel like #general or <#C0123ABC>')
      .optional()
      .describe('Channel to summarise (default: this one)'),
    since: z.string().regex(SINCE_PATTERN, `must be ${SINCE_HINT}`).optional().describe('Period start: 24h, 7d or a date like 2026-11-01 (default 24h)'),
    lang: z.enum(['zh', 'en']).optional().describe('Language of the digest (default: the channel\'s)'),
    length: z.enum(['short', 'full']).default('short').describe('short: 3 of each; full: more topics, highlights and questions'),
    file: z.string().min(1).optional().describe('Summarise a transcript (.jsonl, one message per line) instead (console/CLI)'),
  }),
  positionals: ['channel'],
  // On Slack and Discord a transcript is attached rather than named with --file (which reads the bot's own disk).
  file: { description: 'A transcript (.jsonl, one message per line) to summarise instead of a channel', accept: ['.jsonl', 'application/x-ndjson'] },
  // The scheduled digests (SUMMARY_SCHEDULE) start with the bot, not on the first /summary.
  startWith: [summaryScheduleService],
  async run(ctx, args) {
    const request = {
      length: args.length,
      ...(args.channel !== undefined ? { channel: args.channel } : {}),
      ...(args.since !== undefined ? { since: args.since } : {}),
      ...(args.lang !== undefined ? { lang: args.lang } : {}),
    };
    const attached = ctx.files.find((f) => /\.(jsonl|ndjson)$/i.test(f.name));
    const source = args.file !== undefined ? { path: args.file } : attached !== undefined ? { file: attached } : undefined;
    if (source !== undefined) return summaryFromTranscript({ config: ctx.config, platform: ctx.platform }, source, request);
    return summaryFromHistory(
      {
        config: ctx.config,
        adapter: ctx.adapter,
        platform: ctx.platform,
        currentChannel: ctx.message.conversation.channel,
        progress: (text) => ctx.progress({ text }),
      },
      request,
    );
  },
});
