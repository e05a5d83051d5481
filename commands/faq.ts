import { z } from 'zod';
import { answerQuestion, listGaps, questionText, rateAnswer, reloadKnowledge, showStatus, VOTES } from '../src/bot/faq/index.js';
import { AdminOnly, defineCommand, defineSubcommand } from '../src/core/index.js';

const questionWords = z
  .array(z.string())
  .transform((words) => words.join(' ').trim())
  .pipe(questionText);

export default defineCommand({
  name: 'faq',
  description: 'Ask the price-war knowledge base; reload it, list unanswered questions, or rate an answer',
  examples: ['/faq 大模型价格战对中小企业有什么影响？', '/faq Who is Jia Yangqing?', '/faq reload', '/faq gaps --days 7', '/faq feedback 12 up'],
  args: z.object({
    question: questionWords.optional().describe('Your question (中文 or English); none: show the knowledge base status'),
  }),
  positionals: ['question...'],
  run: (ctx, { question }) => (question !== undefined && question !== '' ? answerQuestion(ctx, question) : showStatus(ctx)),
  subcommands: {
    reload: defineSubcommand({
      description: 'Admins: re-read the knowledge documents now (they also reload on their own when a file changes)',
      args: z.object({}),
      examples: ['/faq reload'],
      preconditions: [AdminOnly],
      run: (ctx) => reloadKnowledge(ctx),
    }),
    gaps: defineSubcommand({
      description: 'Admins: the most-asked questions the knowledge base could not answer, and answers voted down',
      args: z.object({
        limit: z.number().int().min(1).max(50).default(10).describe('How many questions to list (1–50)'),
        days: z.number().int().min(1).max(3650).optional().describe('Only questions asked in the last N days (default: all)'),
      }),
      examples: ['/faq gaps', '/faq gaps --days 7 --limit 20'],
      // Admins only, and each question only where its channel's visibility allows (src/bot/faq/maintenance.ts).
      preconditions: [AdminOnly],
      run: (ctx, { limit, days }) => listGaps(ctx, { limit, days }),
    }),
    feedback: defineSubcommand({
      description: 'Rate an answer (what the 👍/👎 buttons send)',
      args: z.object({
        answerId: z.number().int().min(1).max(2_147_483_647).describe('The answer number (data.answerId)'),
        vote: z.enum(VOTES, { error: 'must be up or down' }).describe('up or down'),
      }),
      positionals: ['answerId', 'vote'],
      examples: ['/faq feedback 12 up'],
      run: (ctx, { answerId, vote }) => rateAnswer(ctx, answerId, vote),
    }),
  },
});
