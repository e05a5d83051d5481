// Asking and rating, for a CommandContext: /faq <question>, /ask and free
// text all answer through `answerQuestion`; the 👍/👎 buttons run `rateAnswer`.

import type { CommandContext } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import { visibilityOf } from '../../core/message.js';
import type { Reply } from '../../core/reply.js';
import { conversationKey } from './maintenance.js';
import type { Vote } from './args.js';
import { answerReply, composingReply, feedbackReply } from './presenter.js';
import { faqService } from './service.js';

/** Answer a question from the knowledge base and record it. */
export async function answerQuestion(ctx: CommandContext, question: string): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  const answer = await faq.ask(question, {
    platform: ctx.platform,
    userKey: ctx.userKey,
    // Where it was asked decides where /faq gaps may show it.
    visibility: visibilityOf(ctx.message.conversation),
    conversation: conversationKey(ctx.message.conversation),
    // Only the LLM path is slow enough to need an interim message.
    onComposing: async (lang) => {
      await ctx.progress(composingReply(lang));
    },
  });
  return answerReply(answer);
}

/** Record the asker's 👍/👎 on an answer; one vote per person, a second one replaces the first. */
export async function rateAnswer(ctx: CommandContext, answerId: number, vote: Vote): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  const value = vote === 'up' || vote === '👍' ? 1 : -1;
  const result = await faq.records.vote(answerId, ctx.userKey, value);
  if (result === undefined) throw new UserError(`There is no answer #${answerId}. The number comes from the answer's buttons (data.answerId).`, { code: 'not_found' });
  return feedbackReply(result);
}
