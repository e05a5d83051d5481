import { z } from 'zod';
import { SINCE_HINT, SINCE_PATTERN, summaryOnRequest, summaryScheduleService } from '../src/bot/summary/index.js';
import { defineCommand } from '../src/core/index.js';

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
  // Where the asker is not at the bot's machine, a transcript is attached rather than named with --file (which reads the bot's own disk).
  file: { description: 'A transcript (.jsonl, one message per line) to summarise instead of a channel', accept: ['.jsonl', 'application/x-ndjson'] },
  // The scheduled digests (SUMMARY_SCHEDULE) start with the bot, not on the first /summary.
  startWith: [summaryScheduleService],
  run: (ctx, args) => summaryOnRequest(ctx, args),
});
