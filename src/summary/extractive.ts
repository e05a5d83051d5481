/**
 * The default summariser: no model, no network, same input → same digest.
 * analyse (tokens, TF-IDF) → rank (TextRank) → topics (clusters) +
 * highlights (MMR over the ranking) + open questions + bot activity.
 */
import { detectLang, splitSentences } from '../text/index.js';
import { analyze, type Analysis, type AnalyzedMessage } from './analysis.js';
import { findBotActivity, linkOf } from './bot-activity.js';
import { excerpt } from './clean.js';
import { findOpenQuestions } from './questions.js';
import { rankMessages, selectDiverse, type Ranking } from './rank.js';
import { findTopics } from './topics.js';
import { topicTitle } from './topic-title.js';
import type { BotActivity, ChannelMessage, Digest, Highlight, OpenQuestion, PriceAlertItem, SummaryLang, SummaryLength, Topic } from './types.js';

export interface SummaryOptions {
  /** Language of the digest's own words; default: the language most messages are in. */
  readonly lang?: SummaryLang;
  readonly length?: SummaryLength;
  /** The period the messages were read for (shown and returned; messages are not filtered here). */
  readonly period?: { readonly since: Date | null; readonly until: Date | null };
  /** Price changes announced in the period (from /pricewar), added to the bot-activity block. */
  readonly priceAlerts?: readonly PriceAlertItem[];
  readonly priceAlertsNote?: string;
}

export const LIMITS: Record<SummaryLength, { topics: number; highlights: number; unanswered: number; chars: number }> = {
  short: { topics: 3, highlights: 3, unanswered: 3, chars: 180 },
  full: { topics: 6, highlights: 8, unanswered: 10, chars: 320 },
};

// "+1, we budget on Haiku" says that someone else waits too, not what the topic is.
const VOTE = /^(?:\+\s?1|同问|同求|same question|me too)(?:$|[\s,，!.。！])/iu;

/** The pieces both summarisers share; the LLM mode replaces only the topics. */
export interface ExtractiveParts {
  readonly analysis: Analysis;
  readonly ranking: Ranking;
  readonly digest: Digest;
}

export function summarizeExtractive(messages: readonly ChannelMessage[], options: SummaryOptions = {}): Digest {
  return extractiveParts(messages, options).digest;
}

export function extractiveParts(messages: readonly ChannelMessage[], options: SummaryOptions = {}): ExtractiveParts {
  const length = options.length ?? 'short';
  const limits = LIMITS[length];
  const analysis = analyze(messages);
  const ranking = rankMessages(analysis);
  const lang = options.lang ?? dominantLang(analysis);
  const cut = (text: string, max = limits.chars): string => excerpt(text, max, splitSentences);
  const msg = (i: number): AnalyzedMessage => analysis.messages[i] as AnalyzedMessage;

  const topics: Topic[] = findTopics(analysis, ranking, limits.topics).map((t) => {
    const { title, source } = topicTitle(analysis, ranking, t, lang);
    // The summary line says something the title does not: the best-ranked other message when the title is the representative's.
    const others = t.members.filter((i) => i !== source && !VOTE.test(msg(i).display)).sort((a, b) => (ranking.score[b] as number) - (ranking.score[a] as number) || a - b);
    const rep = msg(t.representative === source && others.length > 0 ? (others[0] as number) : t.representative);
    const anchor = msg(t.threadRoot ?? source);
    return {
      title,
      keywords: t.keywords,
      summary: cut(rep.display),
      messageCount: t.members.length,
      participants: t.participants,
      link: anchor.message.permalink ?? null,
      messageIds: t.members.map((i) => msg(i).message.id),
    };
  });

  const highlights: Highlight[] = selectDiverse(analysis, ranking, limits.highlights).map((i) => ({
    ...linkOf(msg(i), analysis.names),
    text: cut(msg(i).display),
    score: Math.round((ranking.score[i] as number) * 1000) / 1000,
  }));

  const bot = findBotActivity(analysis);
  // A question the bot tried and could not answer is listed once, in the bot-activity block.
  const askedBot = new Set(bot.faqUnanswered.map((f) => f.id));
  const open = findOpenQuestions(analysis, bot.kinds).filter((q) => !askedBot.has(msg(q.index).message.id));
  // Most "+1"s first, then the ranking, so the question most people wait for leads.
  open.sort((a, b) => b.sameQuestion - a.sameQuestion || (ranking.score[b.index] as number) - (ranking.score[a.index] as number) || a.index - b.index);
  const unanswered: OpenQuestion[] = open.slice(0, limits.unanswered).map((q) => ({
    ...linkOf(msg(q.index), analysis.names),
    text: cut(msg(q.index).display),
    sameQuestion: q.sameQuestion,
  }));

  const alerts = [...(options.priceAlerts ?? []), ...bot.priceAlerts];
  const botActivity: BotActivity = {
    faqAnswered: bot.faqAnswered,
    faqUnanswered: bot.faqUnanswered,
    training: bot.training,
    priceAlerts: alerts,
    ...(options.priceAlertsNote !== undefined ? { priceAlertsNote: options.priceAlertsNote } : {}),
  };

  const human = analysis.messages.filter((a) => a.kind === 'content' || a.kind === 'trivial' || a.kind === 'command');
  const threads = new Set(analysis.messages.filter((a) => a.message.threadId !== undefined).map((a) => a.message.threadId));
  const hasActivity = botActivity.faqAnswered.length + botActivity.faqUnanswered.length + botActivity.training.length + alerts.length > 0;
  const digest: Digest = {
    lang,
    length,
    mode: 'extractive',
    period: options.period ?? { since: messages[0]?.ts ?? null, until: messages[messages.length - 1]?.ts ?? null },
    stats: {
      total: messages.length,
      human: human.length,
      people: new Set(human.map((a) => a.message.user)).size,
      threads: threads.size,
      bot: analysis.messages.filter((a) => a.kind === 'bot').length,
      system: analysis.messages.filter((a) => a.kind === 'system').length,
    },
    topics,
    highlights,
    unanswered,
    botActivity,
    quiet: human.length === 0 && !hasActivity,
  };
  return { analysis, ranking, digest };
}

/** The language most content messages are written in; English when there are none. */
function dominantLang(analysis: Analysis): SummaryLang {
  let zh = 0;
  let en = 0;
  for (const i of analysis.content) {
    if (detectLang((analysis.messages[i] as AnalyzedMessage).display) === 'zh') zh++;
    else en++;
  }
  return zh > en ? 'zh' : 'en';
}
