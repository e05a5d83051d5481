// The one place where the FAQ's results become chat replies: an answer (with
// its citations and 👍/👎 or "close question" buttons), the knowledge base
// status, a reload report, the gaps report and a recorded vote. Every reply
// keeps the result as `data` for the CLI's --json and for tests.

import { quoteToken } from '../../core/parser.js';
import type { Reply, ReplyAction } from '../../core/reply.js';
import type { RecordedAnswer } from '../../faq/recorded-answer.js';
import type { Downvoted, Gap, VoteResult } from '../../faq/store.js';
import type { LoadProblem, ReloadReport } from '../../faq/types.js';
import type { FaqStatus } from './service.js';

/** An answer (or "no answer") → a chat reply. The same for /faq, /ask and free-text questions. */
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

/** The "while you wait" line shown before an LLM composes an answer, in the question's language. */
export function composingReply(lang: RecordedAnswer['lang']): Reply {
  return { text: lang === 'zh' ? '正在根据知识库组织答案…' : 'Composing an answer from the knowledge base…' };
}

function skippedFiles(problems: readonly LoadProblem[]): string {
  return `Skipped ${problems.length} file(s):\n${problems.map((p) => `• ${p.file}: ${p.message}`).join('\n')}`;
}

/** `/faq` alone: what is loaded, how it reloads, how answers are made. */
export function statusReply(status: FaqStatus): Reply {
  const { kb } = status;
  const zhDocs = kb.docs.filter((d) => d.lang === 'zh').length;
  const lines = [
    `Knowledge base: ${kb.docs.length} documents (${zhDocs} 中文, ${kb.docs.length - zhDocs} English), ${kb.sections.length} sections, from ${kb.dir}/.`,
    kb.problems.length > 0 ? skippedFiles(kb.problems) : 'All files loaded.',
    `Reload: automatic when a file changes${status.watching ? '' : ' (watcher OFF: use /faq reload)'}, or /faq reload.`,
    `Answers: ${status.llmName !== undefined ? `composed by ${status.llmName} from the retrieved sections` : `extracted from the best section${status.llmDisabled !== undefined ? ` (LLM off: ${status.llmDisabled})` : ''}`}; confident above ${status.minConfidence}.`,
    'Ask: /faq <question>, or just type the question.',
  ];
  return {
    text: lines.join('\n'),
    data: {
      docs: kb.docs.length,
      sections: kb.sections.length,
      problems: kb.problems,
      loadedAt: kb.loadedAt.toISOString(),
      watching: status.watching,
      llm: status.llmName ?? null,
      minConfidence: status.minConfidence,
    },
  };
}

/** `/faq reload`: counts and time; skipped files make it an error-toned reply. */
export function reloadReply(report: ReloadReport): Reply {
  const head = `Reloaded ${report.docs} documents (${report.sections} sections) in ${report.ms} ms.`;
  const problems = report.problems.length === 0 ? '' : `\n${skippedFiles(report.problems)}`;
  return { text: head + problems, ...(report.problems.length > 0 ? { tone: 'error' as const } : {}), data: { ...report } };
}

/** `/faq gaps`: unanswered questions as a table, answers voted down as a list. `days` words the period. */
export function gapsReply(gaps: readonly Gap[], downvoted: readonly Downvoted[], days: number | undefined): Reply {
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
}

/** `/faq feedback`: a thank-you only the voter sees. */
export function feedbackReply(result: VoteResult): Reply {
  const emoji = result.vote === 1 ? '👍' : '👎';
  return {
    text: `${result.changed ? 'Changed your vote to' : 'Thanks, recorded'} ${emoji} for answer #${result.answerId}.${result.vote === -1 ? ' Maintainers see it in /faq gaps.' : ''}`,
    ephemeral: true,
    data: { ...result },
  };
}
