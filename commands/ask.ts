import { z } from 'zod';
import { answerQuestion, questionText } from '../src/bot/faq/index.js';
import { defineCommand } from '../src/core/index.js';

/**
 * `/ask <question>`, and every message that is not a command (the router
 * sends free text here): an answer from the FAQ knowledge base with its
 * citations, or a plain "the knowledge base has no answer" with the closest
 * questions it can answer.
 */
export default defineCommand({
  name: 'ask',
  description: 'Ask a question about the LLM price war (中文 or English)',
  examples: ['/ask 大模型为什么越来越便宜？', '/ask Is the price war bad for innovation?'],
  args: z.object({
    question: z
      .array(z.string())
      .min(1, 'type a question')
      .transform((words) => words.join(' ').trim())
      .pipe(questionText.min(1, 'type a question'))
      .describe('Your question'),
  }),
  positionals: ['question...'],
  run: (ctx, { question }) => answerQuestion(ctx, question),
});
