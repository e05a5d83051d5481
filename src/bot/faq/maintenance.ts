// What maintainers run to keep the knowledge base in shape: its status, a
// reload on demand, and the gaps report (questions it could not answer,
// answers voted down). Reload and gaps are admin-only (commands/faq.ts lists
// AdminOnly); gaps also shows each question only where its conversation's
// visibility allows (see `gapViewer`).

import type { CommandContext } from '../../core/command.js';
import { visibilityOf, type Conversation } from '../../core/message.js';
import { adminVerdict } from '../../core/preconditions.js';
import type { GapViewer } from '../../faq/store.js';
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

/** How a conversation is recorded with a question and matched by the gaps report. */
export function conversationKey(conversation: Conversation): string {
  return `${conversation.platform}:${conversation.channel}`;
}

/**
 * Who sees what in /faq gaps: an admin in a direct conversation (a DM, the
 * local console) sees every question; anywhere else the reply is read by the
 * whole conversation, so it holds public questions and that conversation's own.
 */
export function gapViewer(ctx: CommandContext): GapViewer {
  const conversation = ctx.message.conversation;
  return { seesAll: visibilityOf(conversation) === 'direct' && adminVerdict(ctx) === true, conversation: conversationKey(conversation) };
}

/** The `limit` most-asked gaps and down-voted answers the viewer may see, over the last `days` days or all time. */
export async function listGaps(ctx: CommandContext, { limit, days }: { readonly limit: number; readonly days?: number | undefined }): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  const since = days === undefined ? undefined : new Date(Date.now() - days * DAY_MS).toISOString();
  const options = { limit, viewer: gapViewer(ctx), ...(since !== undefined ? { since } : {}) };
  return gapsReply(await faq.records.gaps(options), await faq.records.downvoted(options), days);
}
