import { z } from 'zod';
import { defineCommand, defineSubcommand, quoteToken, UserError, type CommandContext, type Reply, type ReplyAction } from '../src/core/index.js';
import { faqService, type LoadProblem, type RecordedAnswer } from '../src/faq/index.js';

/** An answer (or "no answer") → a chat reply. Shared with /ask and free-text questions. */
export function answerReply(answer: RecordedAnswer): Reply {
  const zh = answer.lang === 'zh';
  const data = {
    question: answer.question,
    answerId: answer.answerId,
    confident: answer.confident,
    score: answer.score,
    lang: answer.lang,
    mode: answer.mode,
    ...(answer.section !== undefined ? { section: { id: answer.section.id, title: answer.section.title } } : {}),
    sources: answer.sources,
    ...(answer.suggestions.length > 0 ? { suggestions: answer.suggestions } : {}),
    truncated: answer.truncated,
    ...(answer.llmModel !== undefined ? { llmModel: answer.llmModel } : {}),
    ...(answer.llmError !== undefined ? { llmError: answer.llmError } : {}),
  };
  if (!answer.confident) {
    // Each close question is a button that asks it (adapters clip labels to their platform's limit).
    const actions: ReplyAction[] = answer.suggestions.map((q) => ({ label: q, command: `/faq ${quoteToken(q)}` }));
    return { text: answer.text, ...(actions.length > 0 ? { actions } : {}), data };
  }
  const actions: ReplyAction[] = [
    { label: zh ? '👍 有帮助' : '👍 Helpful', command: `/faq feedback ${answer.answerId} up` },
    { label: zh ? '👎 没帮助' : '👎 Not helpful', command: `/faq feedback ${answer.answerId} down` },
  ];
  return { text: answer.text, citations: answer.citations, actions, data };
}

/** Answer a question from the knowledge base and record it. */
export async function answerQuestion(ctx: CommandContext, question: string): Promise<Reply> {
  const faq = await ctx.services.get(faqService);
  const answer = await faq.ask(question, {
    platform: ctx.platform,
    userKey: ctx.userKey,
    // Only the LLM path is slow enough to need an interim message.
    onComposing: async (lang) => {
      await ctx.progress({ text: lang === 'zh' ? '正在根据知识库组织答案…' : 'Composing an answer from the knowledge base…' });
    },
  });
  return answerReply(answer);
}

/** A question's text, for /faq and /ask. */
export const questionText = z.string().max(500, 'is too long (at most 500 characters); ask a shorter question');

const questionWords = z
  .array(z.string())
  .transform((words) => words.join(' ').trim())
  .pipe(questionText);

function skippedFiles(problems: readonly LoadProblem[]): string {
  return `Skipped ${problems.length} file(s):\n${problems.map((p) => `• ${p.file}: ${p.message}`).join('\n')}`;
}

export default defineCommand({
  name: 'faq',
  description: 'Ask the price-war knowledge base; reload it, list unanswered questions, or rate an answer',
  examples: ['/faq 大模型价格战对中小企业有什么影响？', '/faq Who is Jia Yangqing?', '/faq reload', '/faq gaps --days 7', '/faq feedback 12 up'],
  args: z.object({
    question: questionWords.optional().describe('Your question (中文 or English); none: show the knowledge base status'),
  }),
  positionals: ['question...'],
  async run(ctx, { question }) {
    if (question !== undefined && question !== '') return answerQuestion(ctx, question);
    const faq = await ctx.services.get(faqService);
    const { kb } = faq.engine;
    const zhDocs = kb.docs.filter((d) => d.lang === 'zh').length;
    const lines = [
      `Knowledge base: ${kb.docs.length} documents (${zhDocs} 中文, ${kb.docs.length - zhDocs} English), ${kb.sections.length} sections, from ${kb.dir}/.`,
      kb.problems.length > 0 ? skippedFiles(kb.problems) : 'All files loaded.',
      `Reload: automatic when a file changes${faq.watching ? '' : ' (watcher OFF: use /faq reload)'}, or /faq reload.`,
      `Answers: ${faq.llmName !== undefined ? `composed by ${faq.llmName} from the retrieved sections` : `extracted from the best section${faq.llmDisabled !== undefined ? ` (LLM off: ${faq.llmDisabled})` : ''}`}; confident above ${faq.engine.minConfidence}.`,
      'Ask: /faq <question>, or just type the question.',
    ];
    return {
      text: lines.join('\n'),
      data: {
        docs: kb.docs.length,
        sections: kb.sections.length,
        problems: kb.problems,
        loadedAt: kb.loadedAt.toISOString(),
        watching: faq.watching,
        llm: faq.llmName ?? null,
        minConfidence: faq.engine.minConfidence,
      },
    };
  },
  subcommands: {
    reload: defineSubcommand({
      description: 'Re-read the knowledge documents now (they also reload on their own when a file changes)',
      args: z.object({}),
      examples: ['/faq reload'],
      async run(ctx) {
        const faq = await ctx.services.get(faqService);
        const report = await faq.reload();
        const head = `Reloaded ${report.docs} documents (${report.sections} sections) in ${report.ms} ms.`;
        const problems = report.problems.length === 0 ? '' : `\n${skippedFiles(report.problems)}`;
        return { text: head + problems, ...(report.problems.length > 0 ? { tone: 'error' as const } : {}), data: { ...report } };
      },
    }),
    gaps: defineSubcommand({
      description: 'The most-asked questions the knowledge base could not answer, and answers voted down',
      args: z.object({
        limit: z.number().int().min(1).max(50).default(10).describe('How many questions to list (1–50)'),
        days: z.number().int().min(1).max(3650).optional().describe('Only questions asked in the last N days (default: all)'),
      }),
      examples: ['/faq gaps', '/faq gaps --days 7 --limit 20'],
      async run(ctx, { limit, days }) {
        const faq = await ctx.services.get(faqService);
        const since = days === undefined ? undefined : new Date(Date.now() - days * 86_400_000).toISOString();
        const options = { limit, ...(since !== undefined ? { since } : {}) };
        const gaps = faq.store.gaps(options);
        const downvoted = faq.store.downvoted(options);
        const period = days === undefined ? '' : ` in the last ${days} day(s)`;
        if (gaps.length === 0 && downvoted.length === 0) {
          return { text: `No unanswered or down-voted questions${period}.`, data: { gaps, downvoted } };
        }
        const parts: string[] = [];
        if (gaps.length > 0) parts.push(`Most-asked questions without a confident answer${period}:`);
        else parts.push(`Every question${period} got a confident answer.`);
        if (downvoted.length > 0) {
          parts.push(`Answers voted unhelpful:\n${downvoted.map((d) => `• “${d.question}” → ${d.sectionId} (👍 ${d.up} / 👎 ${d.down})`).join('\n')}`);
        }
        return {
          text: parts.join('\n\n'),
          ...(gaps.length > 0
            ? {
                table: {
                  columns: ['question', 'asked', 'users', 'last asked', 'best score'],
                  rows: gaps.map((g) => [g.question, g.asks, g.users, g.lastAsked.slice(0, 16).replace('T', ' '), Math.round(g.bestScore * 100) / 100]),
                  caption: 'Add or extend a document in the knowledge directory to answer these.',
                },
              }
            : {}),
          data: { gaps, downvoted },
        };
      },
    }),
    feedback: defineSubcommand({
      description: 'Rate an answer (what the 👍/👎 buttons send)',
      args: z.object({
        answerId: z.number().int().min(1).describe('The answer number (data.answerId)'),
        vote: z.enum(['up', 'down', '👍', '👎'], { error: 'must be up or down' }).describe('up or down'),
      }),
      positionals: ['answerId', 'vote'],
      examples: ['/faq feedback 12 up'],
      run: async (ctx, { answerId, vote }) => {
        const faq = await ctx.services.get(faqService);
        const value = vote === 'up' || vote === '👍' ? 1 : -1;
        const result = faq.store.vote(answerId, ctx.userKey, value);
        if (result === undefined) throw new UserError(`There is no answer #${answerId}. The number comes from the answer's buttons (data.answerId).`, { code: 'not_found' });
        const emoji = value === 1 ? '👍' : '👎';
        return {
          text: `${result.changed ? 'Changed your vote to' : 'Thanks, recorded'} ${emoji} for answer #${answerId}.${value === -1 ? ' Maintainers see it in /faq gaps.' : ''}`,
          ephemeral: true,
          data: { ...result },
        };
      },
    }),
  },
});
