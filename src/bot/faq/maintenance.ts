// What maintainers run to keep the knowledge base in shape: its status, a
// reload on demand, and the gaps report (questions it could not answer,
// answers voted down).

import type { CommandContext } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import { gapsReply, reloadReply, statusReply } from './presenter.js';
import { faqService } from './service.js';

const DAY_MS = 86_400_000;

export async function showStatus(ctx: CommandContext): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  return statusReply(faq.status());
}

export async function reloadKnowledge(ctx: CommandContext): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  return reloadReply(await faq.reload());
}

/** The `limit` most-asked gaps and down-voted answers, over the last `days` days or all time. */
export async function listGaps(ctx: CommandContext, { limit, days }: { readonly limit: number; readonly days?: number | undefined }): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  const since = days === undefined ? undefined : new Date(Date.now() - days * DAY_MS).toISOString();
  const options = { limit, ...(since !== undefined ? { since } : {}) };
  return gapsReply(faq.store.gaps(options), faq.store.downvoted(options), days);
}
