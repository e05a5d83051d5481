import { z } from 'zod';
import { defineCommand } from '../src/core/index.js';

/**
 * Placeholder until the FAQ module lands (issue #3): it proves the free-text
 * route works and says plainly that no knowledge base answers yet.
 */
export default defineCommand({
  name: 'ask',
  description: 'Ask a question about the LLM price war (中文 or English)',
  examples: ['/ask 大模型为什么越来越便宜？', '/ask Is the price war bad for innovation?'],
  args: z.object({
    question: z.array(z.string()).min(1, 'type a question').transform((words) => words.join(' ')).describe('Your question'),
  }),
  positionals: ['question...'],
  run(_ctx, { question }) {
    return {
      text: `The FAQ knowledge base is not available yet, so I cannot answer “${question}”. Try /help for what works today.`,
      data: { question, confident: false, placeholder: true, sources: [] },
    };
  },
});
