/**
 * What the bot did in the period, read back from the channel itself: its
 * FAQ answers (and the questions it could not answer), finished training
 * jobs, price alerts it posted. Reading the channel rather than each
 * module's database keeps this platform-neutral, works for replies posted
 * by an earlier version of the bot or another bot, and shows exactly what
 * people saw. The patterns below are the wording of this bot's replies
 * (src/faq, src/training, src/pricewar) in both languages, kept together so
 * they are easy to update when a reply's wording changes.
 */
import type { Analysis, AnalyzedMessage } from './analysis.js';
import type { BotReplyKind } from './bot-reply-kind.js';
import { excerpt } from './clean.js';
import { isQuestion } from './questions.js';
import { splitSentences } from '../text/index.js';
import type { FaqItem, MessageLink, PriceAlertItem, TrainingItem } from './types.js';

const NO_ANSWER =
  /\b(?:no answer|don'?t (?:have an answer|know)|do not (?:have an answer|know)|could(?:n'?t| not) (?:find|answer)|cannot answer|can'?t answer|no (?:good )?match|not (?:in|covered by) (?:the|my) knowledge base|not available yet, so i cannot answer)\b|没有(?:找到)?(?:答案|相关)|不知道|无法回答|暂时(?:无法|没有)|知识库(?:里|中)?(?:没有|暂无)|未找到|找不到/iu;
const TRAINING =
  /\b(?:training|train job|job\s*#?\w+)\b[^\n]*\b(?:finished|succeeded|completed|failed|done|cancell?ed|interrupted)\b|(?:训练|任务)[^\n]*(?:完成|结束|成功|失败|已取消|中断)|\btest ?accuracy\b|测试准确率/iu;
const TRAINING_FAILED = /\b(?:failed|error|cancell?ed|interrupted)\b|失败|出错|取消|中断/iu;
const PRICE_ALERT = /\bprice (?:alert|cut|drop|rise|increase|change)s?\b|价格(?:提醒|预警|变动|下调|上调)|降价提醒|涨价|调价/iu;
// The block is already titled 'Price alerts': drop the bot's own label.
const ALERT_PREFIX = /^\s*(?:price alert|价格提醒|降价提醒)\s*[:：]\s*/iu;
// How this bot's FAQ answers end: "Source: FAQ › …" / "来源：… › …".
const CITES = /\b(?:sources?|see)\s*[:：]|来源\s*[:：]|参考\s*[:：]|›/iu;
const DIGEST = /\b(?:channel summary|summary of #|nothing new in)\b|频道摘要|定时摘要|没有新消息|摘要[:：]/iu;
const JOB_ID = /(?:job|任务)\s*#?\s*([A-Za-z0-9][\w-]{0,15})|#(\d+)/iu;
const RESULT = /(?:test ?accuracy|测试准确率|accuracy|准确率)\s*[:：=]?\s*(\d+(?:\.\d+)?\s*%?)/iu;

export interface BotActivityFindings {
  readonly kinds: ReadonlyMap<number, BotReplyKind>;
  readonly faqAnswered: FaqItem[];
  readonly faqUnanswered: FaqItem[];
  readonly training: TrainingItem[];
  readonly priceAlerts: PriceAlertItem[];
}

export function linkOf(a: AnalyzedMessage, names: ReadonlyMap<string, string>): MessageLink {
  return {
    id: a.message.id,
    user: a.message.userName ?? names.get(a.message.user) ?? a.message.user,
    ts: a.message.ts.toISOString(),
    link: a.message.permalink ?? null,
  };
}

const short = (text: string, max = 160): string => excerpt(text, max, splitSentences);

export function findBotActivity(analysis: Analysis): BotActivityFindings {
  const kinds = new Map<number, BotReplyKind>();
  const faqAnswered: FaqItem[] = [];
  const faqUnanswered: FaqItem[] = [];
  const training: TrainingItem[] = [];
  const priceAlerts: PriceAlertItem[] = [];
  const answeredQuestions = new Set<number>();

  for (const a of analysis.messages) {
    if (a.kind !== 'bot') continue;
    // Bot replies are markdown ("Test accuracy **0.930**"); match on the words.
    const text = a.display.replace(/[*_`~]+/g, '');
    let kind: BotReplyKind;
    const question = questionFor(analysis, a);
    if (DIGEST.test(text)) kind = 'digest';
    else if (TRAINING.test(text)) kind = 'training';
    // A "no answer" to a slash command has no visible question in the channel; it still counts.
    else if (NO_ANSWER.test(text)) kind = 'faq-no-answer';
    else if (PRICE_ALERT.test(text) && question === undefined) kind = 'price-alert';
    else if (question !== undefined) kind = 'faq-answer';
    else kind = 'other';
    kinds.set(a.index, kind);

    if (kind === 'training') {
      const id = JOB_ID.exec(text);
      const result = RESULT.exec(text);
      training.push({
        ...linkOf(a, analysis.names),
        text: short(text),
        ok: !TRAINING_FAILED.test(text),
        ...(id !== null ? { jobId: (id[1] ?? id[2]) as string } : {}),
        ...(result !== null ? { result: result[0].replace(/\s+/g, ' ').trim() } : {}),
      });
    } else if (kind === 'price-alert') {
      priceAlerts.push({ text: short(text.replace(ALERT_PREFIX, '')), date: a.message.ts.toISOString().slice(0, 10), link: a.message.permalink ?? null });
    } else if (kind === 'faq-no-answer' && question === undefined) {
      faqUnanswered.push({ ...linkOf(a, analysis.names), question: '', reply: short(text) });
    } else if ((kind === 'faq-answer' || kind === 'faq-no-answer') && question !== undefined) {
      // One entry per question: a later answer in the same thread replaces an earlier "no answer".
      if (answeredQuestions.has(question.index) && kind === 'faq-no-answer') continue;
      const item: FaqItem = { ...linkOf(question, analysis.names), question: short(question.display, 140), reply: short(text) };
      if (kind === 'faq-answer') {
        answeredQuestions.add(question.index);
        const earlier = faqUnanswered.findIndex((f) => f.id === question.message.id);
        if (earlier >= 0) faqUnanswered.splice(earlier, 1);
        if (!faqAnswered.some((f) => f.id === question.message.id)) faqAnswered.push(item);
      } else if (!faqUnanswered.some((f) => f.id === question.message.id)) {
        faqUnanswered.push(item);
      }
    }
  }
  return { kinds, faqAnswered, faqUnanswered, training, priceAlerts };
}

/**
 * The person's message a bot message answers: in a thread, the latest
 * earlier message from a person in that thread (or its root); at the top
 * level, a person's message just before it (within 3 minutes) that mentions
 * someone (the bot), or that asks something when the bot's reply reads as an
 * answer (it cites a source). A CI or GitHub bot that happens to post right
 * after a question has not answered it.
 */
function questionFor(analysis: Analysis, bot: AnalyzedMessage): AnalyzedMessage | undefined {
  const isPerson = (m: AnalyzedMessage): boolean => m.kind === 'content' || m.kind === 'trivial';
  if (bot.message.threadId !== undefined) {
    const thread = analysis.replies.get(bot.message.threadId) ?? [];
    const earlier = thread.filter((r) => r.index < bot.index && isPerson(r));
    const last = earlier[earlier.length - 1];
    if (last !== undefined) return last;
    const root = analysis.byId.get(bot.message.threadId);
    return root !== undefined && isPerson(root) ? root : undefined;
  }
  const limit = bot.message.ts.getTime() - 3 * 60_000;
  for (let j = bot.index - 1; j >= 0; j--) {
    const m = analysis.messages[j] as AnalyzedMessage;
    if (m.message.ts.getTime() < limit) break;
    if (m.message.threadId !== undefined || m.kind === 'system') continue;
    if (m.kind === 'bot') return undefined;
    if (!isPerson(m)) continue;
    return /<@[A-Z0-9]+>/i.test(m.message.text) || (isQuestion(m.message.text) && CITES.test(bot.display)) ? m : undefined;
  }
  return undefined;
}
