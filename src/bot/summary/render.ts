/**
 * Digest → Reply, in the digest's language: the one presenter of the
 * summary feature. This is the only place that knows how a digest looks in
 * chat (on request and on the schedule alike); the summariser itself returns
 * data. Every message the digest mentions carries its link back; a source
 * without links (a transcript without `permalink`) shows none rather than a
 * fake.
 */
import type { Reply } from '../../core/reply.js';
import { formatLocal } from '../../summary/period.js';
import type { RunFailure } from '../../summary/store.js';
import type { TranscriptProblem } from '../../summary/transcript.js';
import type { Digest, SummaryLang } from '../../summary/types.js';

export interface RenderContext {
  /** "#llm-pricing", "价格战.jsonl" */
  readonly channelLabel: string;
  readonly timeZone: string;
  /** True when the history read stopped at the cap. */
  readonly truncated?: boolean;
  readonly cap?: number;
  readonly scheduled?: boolean;
  readonly problems?: readonly TranscriptProblem[];
  readonly failures?: readonly RunFailure[];
  /** Extra machine-readable fields (channel id, platform, file). */
  readonly data?: Record<string, unknown>;
}

const WORDS = {
  en: {
    title: (c: string, scheduled: boolean) => `${scheduled ? 'Scheduled summary' : 'Summary'} of ${c}`,
    stats: (n: number, p: number, t: number) => `${n} message${n === 1 ? '' : 's'} from ${p} ${p === 1 ? 'person' : 'people'}${t > 0 ? `, ${t} thread${t === 1 ? '' : 's'}` : ''}`,
    topics: 'Main topics',
    noTopics: 'No topic came up more than once.',
    topicLine: (count: number, people: number) => `${count} message${count === 1 ? '' : 's'}, ${people} ${people === 1 ? 'person' : 'people'}`,
    highlights: 'Highlights',
    open: 'Open questions',
    noOpen: 'None: every question got an answer.',
    waiting: (n: number) => `${n} more waiting`,
    bot: 'Bot activity',
    faq: (asked: number, failed: number) => `FAQ: ${asked} question${asked === 1 ? '' : 's'} asked, ${failed} without an answer`,
    couldNot: 'could not answer',
    training: 'Training',
    trainingSaysSo: /^training\b/i,
    alerts: 'Price alerts',
    link: 'link',
    thread: 'thread',
    quiet: (c: string, since: string) => `Nothing new in ${c} since ${since}.`,
    capped: (cap: number) => `Read only the newest ${cap.toLocaleString('en-US')} messages (SUMMARY_MAX_MESSAGES); older messages in the period are not included.`,
    badLines: (n: number, list: string) => `Skipped ${n} bad line${n === 1 ? '' : 's'}: ${list}`,
    llmFallback: (why: string) => `The LLM summary is not available: ${why}. This is the extractive summary.`,
    failed: (since: string, error: string) => `The scheduled summary for the period since ${since} failed (${error}); this one covers it.`,
    mode: (m: string) => (m === 'llm' ? 'topics written by the LLM' : 'extractive summary'),
  },
  zh: {
    title: (c: string, scheduled: boolean) => `${c} ${scheduled ? '定时摘要' : '频道摘要'}`,
    stats: (n: number, p: number, t: number) => `${p} 人发了 ${n} 条消息${t > 0 ? `，${t} 个讨论串` : ''}`,
    topics: '主要话题',
    noTopics: '没有反复讨论的话题。',
    topicLine: (count: number, people: number) => `${count} 条消息，${people} 人参与`,
    highlights: '重要消息',
    open: '待解答的问题',
    noOpen: '没有：所有问题都有人回答了。',
    waiting: (n: number) => `另有 ${n} 人在等答案`,
    bot: '机器人动态',
    faq: (asked: number, failed: number) => `问答：共 ${asked} 个问题，${failed} 个没有答案`,
    couldNot: '未能回答',
    training: '训练任务',
    trainingSaysSo: /^训练/u,
    alerts: '价格提醒',
    link: '原文',
    thread: '讨论串',
    quiet: (c: string, since: string) => `${c} 自 ${since} 以来没有新消息。`,
    capped: (cap: number) => `只读取了最新的 ${cap} 条消息（SUMMARY_MAX_MESSAGES），更早的消息没有包含在内。`,
    badLines: (n: number, list: string) => `跳过了 ${n} 行无效内容：${list}`,
    llmFallback: (why: string) => `LLM 摘要不可用：${why}。以下是抽取式摘要。`,
    failed: (since: string, error: string) => `自 ${since} 起的定时摘要生成失败（${error}），本次摘要已包含该时段。`,
    mode: (m: string) => (m === 'llm' ? '话题由 LLM 撰写' : '抽取式摘要'),
  },
} as const;

type Words = (typeof WORDS)[SummaryLang];

function linkTo(words: Words, link: string | null, label: string = words.link): string {
  return link === null ? '' : ` · [${label}](${link})`;
}

/** Keep a quoted message on one line and free of markdown that would break the list. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([*_`~])/g, '\\$1').trim();
}

export function renderDigest(digest: Digest, ctx: RenderContext): Reply {
  const w = WORDS[digest.lang];
  const tz = ctx.timeZone;
  const sinceText = digest.period.since === null ? '' : formatLocal(digest.period.since, tz);
  const untilText = digest.period.until === null ? '' : formatLocal(digest.period.until, tz);
  const notes = renderNotes(digest, ctx, w);
  const data = digestData(digest, ctx);

  if (digest.quiet && (ctx.failures ?? []).length === 0) {
    return { text: [w.quiet(ctx.channelLabel, `${sinceText} (${tz})`), ...notes].join('\n'), data };
  }

  const lines: string[] = [];
  const period = sinceText === '' ? '' : `${sinceText} → ${untilText} (${tz}) · `;
  lines.push(`_${period}${w.stats(digest.stats.human, digest.stats.people, digest.stats.threads)} · ${w.mode(digest.mode)}_`);

  lines.push('', `**${w.topics}**`);
  if (digest.topics.length === 0) lines.push(`• ${w.noTopics}`);
  for (const t of digest.topics) {
    const head = digest.mode === 'llm' ? inline(t.title) : `**${inline(t.title)}**`;
    lines.push(`• ${head} — ${w.topicLine(t.messageCount, t.participants)}${linkTo(w, t.link, digest.mode === 'llm' ? w.link : w.thread)}`);
    if (digest.length === 'full' && digest.mode !== 'llm') lines.push(`  ${inline(t.summary)}`);
  }

  if (digest.highlights.length > 0) {
    lines.push('', `**${w.highlights}**`);
    for (const h of digest.highlights) lines.push(`• ${inline(h.user)}: ${inline(h.text)}${linkTo(w, h.link)}`);
  }

  lines.push('', `**${w.open}**`);
  if (digest.unanswered.length === 0) lines.push(`• ${w.noOpen}`);
  for (const q of digest.unanswered) lines.push(`• ${inline(q.user)}: ${inline(q.text)}${q.sameQuestion > 0 ? ` (${w.waiting(q.sameQuestion)})` : ''}${linkTo(w, q.link)}`);

  const bot = renderBotActivity(digest, w);
  if (bot.length > 0) lines.push('', `**${w.bot}**`, ...bot);
  if (notes.length > 0) lines.push('', ...notes);

  return { title: w.title(ctx.channelLabel, ctx.scheduled ?? false), text: lines.join('\n'), data };
}

function renderBotActivity(digest: Digest, w: Words): string[] {
  const a = digest.botActivity;
  const max = digest.length === 'full' ? 5 : 2;
  const out: string[] = [];
  const asked = a.faqAnswered.length + a.faqUnanswered.length;
  if (asked > 0) {
    out.push(`• ${w.faq(asked, a.faqUnanswered.length)}`);
    for (const f of a.faqUnanswered.slice(0, max)) out.push(`  ◦ ${w.couldNot}: “${inline(f.question === '' ? f.reply : f.question)}”${linkTo(w, f.link)}`);
  }
  for (const t of a.training.slice(0, max)) {
    // "Training job #12 finished…" already says what it is.
    const label = w.trainingSaysSo.test(t.text) ? '' : `${w.training}: `;
    out.push(`• ${label}${inline(t.text)}${linkTo(w, t.link)}`);
  }
  for (const p of a.priceAlerts.slice(0, max)) out.push(`• ${w.alerts}: ${inline(p.text)}${linkTo(w, p.link)}`);
  if (a.priceAlerts.length > max) out.push(`  ◦ +${a.priceAlerts.length - max}`);
  // The alerts could not be read (bad PRICE_DATA_DIR, say): the digest says so rather than implying there were none.
  if (a.priceAlertsNote !== undefined) out.push(`• ${w.alerts}: ⚠ ${inline(a.priceAlertsNote)}`);
  return out;
}

function renderNotes(digest: Digest, ctx: RenderContext, w: Words): string[] {
  const notes: string[] = [];
  for (const f of ctx.failures ?? []) notes.push(`⚠ ${w.failed(formatLocal(f.since, ctx.timeZone), f.error)}`);
  if (ctx.truncated === true && ctx.cap !== undefined) notes.push(`⚠ ${w.capped(ctx.cap)}`);
  if (digest.llmFallback !== undefined) notes.push(`⚠ ${w.llmFallback(digest.llmFallback)}`);
  if (ctx.problems !== undefined && ctx.problems.length > 0) {
    const list = ctx.problems.slice(0, 5).map((p) => `line ${p.line} (${p.reason})`).join('; ');
    notes.push(`⚠ ${w.badLines(ctx.problems.length, list + (ctx.problems.length > 5 ? '; …' : ''))}`);
  }
  return notes;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** What `pwbot --json` prints as `data`: the whole digest, dates as ISO strings. */
function digestData(digest: Digest, ctx: RenderContext): Record<string, unknown> {
  return {
    ...ctx.data,
    channel: ctx.channelLabel,
    period: { since: iso(digest.period.since), until: iso(digest.period.until), timezone: ctx.timeZone },
    lang: digest.lang,
    length: digest.length,
    mode: digest.mode,
    ...(digest.llmFallback !== undefined ? { llmFallback: digest.llmFallback } : {}),
    quiet: digest.quiet,
    stats: digest.stats,
    truncated: ctx.truncated ?? false,
    ...(ctx.cap !== undefined ? { cap: ctx.cap } : {}),
    topics: digest.topics,
    highlights: digest.highlights,
    unanswered: digest.unanswered,
    botActivity: digest.botActivity,
    ...(ctx.problems !== undefined ? { problems: ctx.problems } : {}),
    ...(ctx.failures !== undefined && ctx.failures.length > 0
      ? { previousFailures: ctx.failures.map((f) => ({ since: f.since.toISOString(), until: f.until.toISOString(), failedAt: f.failedAt.toISOString(), error: f.error })) }
      : {}),
  };
}
