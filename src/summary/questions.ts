/**
 * Open questions: a question from a person that nobody answered in the
 * period. What counts as an answer, in order:
 *  - in a thread: a later reply by someone else with content ("+1" and
 *    "同问" are the opposite of an answer: they are counted as votes), or a
 *    bot reply that answered (a bot saying it has no answer does not count);
 *  - at the top level: within the next 30 minutes, a message by someone else
 *    that mentions the asker, or shares words with the question, or comes
 *    right after it (within 5 minutes, among the next 3 messages) and is not
 *    a question itself — chat answers often carry no shared words ("yes,
 *    since Tuesday").
 */
import type { Analysis, AnalyzedMessage } from './analysis.js';
import { cosine } from './analysis.js';
import type { BotReplyKind } from './bot-reply-kind.js';

const TOP_LEVEL_WINDOW_MS = 30 * 60_000;
const ADJACENT_WINDOW_MS = 5 * 60_000;
const ADJACENT_MESSAGES = 3;
const OVERLAP = 0.12;

const EN_QUESTION_START = /^(?:what|why|how|when|where|who|whom|whose|which|is|are|am|was|were|does|do|did|can|could|should|would|will|has|have|had|any(?:one|body)|is there|are there)\b/i;
const ZH_QUESTION = /[吗嘛么呢]\s*[。.!！~～]?\s*$|什么|怎么|为什么|为何|如何|哪|多少|几[个家种天次]|是否|能否|能不能|可不可以|有没有|是不是|会不会|要不要|谁|请问|咋/u;
// A vote, possibly with a reason ("+1, we budget on Haiku", "同问，我们也在评估").
const SAME_QUESTION = /^(?:\+1|\+\+|same(?: question| here)?|me too|同问|同求|我也想知道|也想问)(?:$|[\s,，!.。！~～:：])/iu;

export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (/[?？]/.test(t)) return true;
  if (EN_QUESTION_START.test(t) && t.split(/\s+/).length >= 3) return true;
  return ZH_QUESTION.test(t);
}

export interface OpenQuestionFinding {
  readonly index: number;
  readonly sameQuestion: number;
}

/** `botKinds`: what each bot message was (answer, no answer, …), from bot-activity. */
export function findOpenQuestions(analysis: Analysis, botKinds: ReadonlyMap<number, BotReplyKind>): OpenQuestionFinding[] {
  const open: OpenQuestionFinding[] = [];
  const msgs = analysis.messages;
  for (const i of analysis.content) {
    const q = msgs[i] as AnalyzedMessage;
    // "anyone?" / "hello?" nudge a question; they are not one.
    if (q.tokens.length < 2 || !isQuestion(q.display)) continue;
    const thread = analysis.replies.get(q.message.threadId ?? q.message.id) ?? [];
    const later = thread.filter((r) => r.index > i && r.message.ts.getTime() >= q.message.ts.getTime());
    let answered = false;
    let votes = 0;
    for (const r of later) {
      if (r.kind === 'bot') {
        if (botKinds.get(r.index) === 'faq-answer') answered = true;
        continue;
      }
      if (r.message.user === q.message.user) continue;
      if (SAME_QUESTION.test(r.display)) votes++;
      else if (r.kind === 'content') answered = true;
    }
    if (!answered && q.message.threadId === undefined && thread.length === 0) answered = answeredAtTopLevel(analysis, q, botKinds);
    if (!answered) open.push({ index: i, sameQuestion: votes });
  }
  return open;
}

function answeredAtTopLevel(analysis: Analysis, q: AnalyzedMessage, botKinds: ReadonlyMap<number, BotReplyKind>): boolean {
  const start = q.message.ts.getTime();
  const askerName = q.message.userName;
  let seen = 0;
  for (let j = q.index + 1; j < analysis.messages.length; j++) {
    const m = analysis.messages[j] as AnalyzedMessage;
    const dt = m.message.ts.getTime() - start;
    if (dt > TOP_LEVEL_WINDOW_MS) break;
    if (m.message.threadId !== undefined || m.kind === 'system') continue;
    seen++;
    if (m.kind === 'bot') {
      if (botKinds.get(j) === 'faq-answer' && seen <= ADJACENT_MESSAGES) return true;
      continue;
    }
    if (m.message.user === q.message.user || m.kind !== 'content') continue;
    const mentions = m.message.text.includes(`<@${q.message.user}>`) || (askerName !== undefined && m.display.includes(`@${askerName}`));
    if (mentions || cosine(q.vector, m.vector) >= OVERLAP) return true;
    if (seen <= ADJACENT_MESSAGES && dt <= ADJACENT_WINDOW_MS && !isQuestion(m.display)) return true;
  }
  return false;
}
