/**
 * Open questions: a question from a person (./question-form.ts) that nobody
 * answered in the period.
 *
 * "+1", "同问", "same question" (with or without a reason, or a restated
 * question: "+1 who owns the cost dashboard?") are votes, never answers and
 * never questions of their own: each raises the priority of the question it
 * repeats and is counted for that question's asker. The question a vote
 * repeats is, in a thread, the latest earlier question there; elsewhere, the
 * earlier question it shares most words with (or, for a bare "+1", the one
 * just before it).
 *
 * A question is answered by, in order:
 *  - a later reply in its thread by someone else that has content and is not
 *    a vote, a counter-question or "no idea"; a bot reply that answered (a
 *    bot saying it has no answer does not count); the asker's own "found it";
 *  - a later message anywhere, any time in the period, by someone else that
 *    replies to the question (a platform reply), addresses the asker
 *    (@mention) or quotes or links the question, and is about it (shares its
 *    key terms, or comes within 15 minutes);
 *  - at the top level, within 30 minutes, a message by someone else sharing
 *    its key terms; or the very next message from a person, within 5
 *    minutes, when it reads as a reply ("yes…"/"需要，…", a word in common,
 *    or short) and is not a question, not an opinion, and does not start a
 *    thread of its own.
 * A vote's own replies count for the question it repeats.
 */
import type { Analysis, AnalyzedMessage } from './analysis.js';
import { cosine } from './analysis.js';
import type { BotReplyKind } from './bot-reply-kind.js';
import { isQuestion } from './question-form.js';

export { isQuestion } from './question-form.js';

const TOP_LEVEL_WINDOW_MS = 30 * 60_000;
const ADJACENT_WINDOW_MS = 5 * 60_000;
const MENTION_CLOSE_MS = 15 * 60_000;
const VOTE_LOOKBACK_MS = 7 * 24 * 3600_000;
/** A vote repeats a recent question: the last 200 questions are enough, and keep a busy channel linear. */
const VOTE_LOOKBACK_QUESTIONS = 200;
const OVERLAP = 0.2;
const MENTION_OVERLAP = 0.05;
const VOTE_OVERLAP = 0.25;
const SHORT_REPLY_CHARS = 48;
const ADJACENT_OVERLAP = 0.05;

// A vote, possibly with a reason or the question restated ("+1, we budget on Haiku", "同问，我们也在评估").
const SAME_QUESTION =
  /^(?:\+\s?1|\+\+|same\s+(?:question|here|q)|same(?=$|[!.。！,，~～])|me too|also wondering|i'?d (?:also )?like to know|would (?:also )?like to know|following|bump|同问|同求|我也想知道|也想知道|也想问|我也想问|蹲一个|蹲|关注一下|求同问)(?:$|[\s,，!.。！~～:：;；、])/iu;
// A reply that says it cannot help is no answer.
const NO_HELP = /^(?:no idea|not sure|dunno|idk|i don'?t know|i have no idea|no clue|good question|不知道|不清楚|不太清楚|我也不知道|没用过|不了解|没试过|好问题)/iu;
// The asker closing their own question.
const RESOLVED = /\b(?:nvm|never ?mind|found it|figured it out|solved|resolved|sorted|got it working|answering my own)\b|找到了|解决了|搞定了|不用了|没事了|已解决|自问自答/iu;
// A chat answer that shares no word with the question ("yes, since Tuesday", "需要，一般两周").
const REPLY_START =
  /^(?:yes|yep|yeah|yup|no|nope|not yet|sure|correct|right|exactly|it does|it doesn'?t|they do|we do|we don'?t|only|both|neither|depends|usually|roughly|about|around|is|are|was|were|does|do|did|can|should|will|have|has)\b|^(?:是的?|对|不是|没有|有|可以|不行|不能|能|会|不会|需要|不需要|要|不用|应该|大概|一般|差不多|保留|找|用|在|都|只)/iu;
const OPINION_START = /^(?:i\s+(?:think|guess|feel|believe)|imo|imho|我觉得|我认为|感觉|我猜)/iu;
const QUOTE_LINE = /^\s*(?:>|&gt;)\s*(.+)$/gmu;
const MESSAGE_LINK = /\/p(\d{10})(\d{6})\b/g;

export interface OpenQuestionFinding {
  readonly index: number;
  /** Distinct people who voted for it ("+1", "同问"), the asker excluded. */
  readonly sameQuestion: number;
}

type Msg = AnalyzedMessage;

/** isQuestion per message, computed once: a reply is tested again for every question it might answer. */
const asked = new WeakMap<Msg, boolean>();
const memo = {
  test(m: Msg): boolean {
    let v = asked.get(m);
    if (v === undefined) asked.set(m, (v = isQuestion(m.message.text)));
    return v;
  },
};

/** `botKinds`: what each bot message was (answer, no answer, …), from bot-activity. */
export function findOpenQuestions(analysis: Analysis, botKinds: ReadonlyMap<number, BotReplyKind>): OpenQuestionFinding[] {
  const msgs = analysis.messages;
  const isPerson = (m: Msg): boolean => m.kind === 'content' || m.kind === 'trivial';
  const questions: number[] = [];
  const votes: number[] = [];
  for (const m of msgs) {
    if (!isPerson(m)) continue;
    if (SAME_QUESTION.test(m.display)) votes.push(m.index);
    else if (m.kind === 'content' && asks(m)) questions.push(m.index);
  }

  const isListed = new Set(questions);
  // Each vote goes to the question it repeats; a vote that repeats nothing and asks is a question of its own.
  const votersOf = new Map<number, Set<string>>();
  const aliasesOf = new Map<number, number[]>();
  for (const v of votes) {
    const target = voteTarget(analysis, msgs[v] as Msg, questions, isListed);
    if (target === undefined) {
      const m = msgs[v] as Msg;
      if (m.kind === 'content' && asks(m)) {
        insertSorted(questions, v);
        isListed.add(v);
      }
      continue;
    }
    const voter = (msgs[v] as Msg).message.user;
    if (voter !== (msgs[target] as Msg).message.user) {
      const set = votersOf.get(target) ?? new Set<string>();
      set.add(voter);
      votersOf.set(target, set);
    }
    const aliases = aliasesOf.get(target) ?? [];
    aliases.push(v);
    aliasesOf.set(target, aliases);
  }

  const refs = buildReferences(analysis);
  const open: OpenQuestionFinding[] = [];
  for (const i of questions) {
    const q = msgs[i] as Msg;
    const asked = [q, ...(aliasesOf.get(i) ?? []).map((a) => msgs[a] as Msg)];
    const answered = asked.some((m) => answeredInThread(analysis, m, q, botKinds) || answeredAtTopLevel(analysis, m, q, botKinds)) || answeredByReference(analysis, q, refs);
    if (!answered) open.push({ index: i, sameQuestion: votersOf.get(i)?.size ?? 0 });
  }
  return open;
}

/** A question worth listing: it asks, and says enough to act on ("anyone?" nudges, it does not ask). */
function asks(m: Msg): boolean {
  const han = m.display.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (m.tokens.length < 2 && han < 4) return false;
  return memo.test(m);
}

function insertSorted(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && (list[at - 1] as number) > value) at--;
  list.splice(at, 0, value);
}

/** The earlier question a vote repeats, if any. */
function voteTarget(analysis: Analysis, vote: Msg, questions: readonly number[], isListed: ReadonlySet<number>): number | undefined {
  const before = (i: number): boolean => i < vote.index && (analysis.messages[i] as Msg).message.user !== vote.message.user;
  // A platform reply ("+1" as a Discord reply) names the question itself.
  const repliedTo = vote.message.replyTo === undefined ? undefined : analysis.byId.get(vote.message.replyTo);
  if (repliedTo !== undefined && isListed.has(repliedTo.index) && before(repliedTo.index)) return repliedTo.index;
  const threadId = vote.message.threadId;
  if (threadId !== undefined) {
    // In a thread: the latest earlier question there, the root included.
    const thread = analysis.replies.get(threadId) ?? [];
    for (let k = thread.length - 1; k >= 0; k--) {
      const m = thread[k] as Msg;
      if (before(m.index) && isListed.has(m.index)) return m.index;
    }
    const root = analysis.byId.get(threadId);
    return root !== undefined && before(root.index) && isListed.has(root.index) ? root.index : undefined;
  }
  const start = vote.message.ts.getTime();
  let best: number | undefined;
  let bestSim = VOTE_OVERLAP;
  let lastTopLevel: number | undefined;
  for (let k = questions.length - 1, looked = 0; k >= 0 && looked < VOTE_LOOKBACK_QUESTIONS; k--) {
    const i = questions[k] as number;
    if (!before(i)) continue;
    const m = analysis.messages[i] as Msg;
    if (start - m.message.ts.getTime() > VOTE_LOOKBACK_MS) break;
    looked++;
    if (lastTopLevel === undefined && m.message.threadId === undefined) lastTopLevel = i;
    const sim = vote.kind === 'content' ? cosine(vote.vector, m.vector) : 0;
    if (sim > bestSim) [best, bestSim] = [i, sim];
  }
  if (best !== undefined) return best;
  // A bare "+1" at the top level repeats the question just before it (within the answer window).
  if (vote.kind !== 'content' && lastTopLevel !== undefined && start - (analysis.messages[lastTopLevel] as Msg).message.ts.getTime() <= TOP_LEVEL_WINDOW_MS) return lastTopLevel;
  return undefined;
}

/** A reply from someone else that answers: content, not a vote, not only a counter-question, not "no idea". */
function isAnswer(r: Msg, q: Msg, botKinds: ReadonlyMap<number, BotReplyKind>): boolean {
  if (r.kind === 'bot') return botKinds.get(r.index) === 'faq-answer';
  if (r.message.user === q.message.user) return r.kind === 'content' && RESOLVED.test(r.display);
  return r.kind === 'content' && canAnswer(r);
}

/** Whether a message from someone else could answer anything: not a vote, "no idea" or only a counter-question. Once per message. */
const answering = new WeakMap<Msg, boolean>();
function canAnswer(r: Msg): boolean {
  let v = answering.get(r);
  if (v === undefined) {
    // A counter-question ("which region?") asks back; with a statement besides it, it also answers.
    v = !SAME_QUESTION.test(r.display) && !NO_HELP.test(r.display) && (!memo.test(r) || /[。.!！]\s*\S|^[^?？]{20,}[，,]/u.test(r.display));
    answering.set(r, v);
  }
  return v;
}

function answeredInThread(analysis: Analysis, m: Msg, q: Msg, botKinds: ReadonlyMap<number, BotReplyKind>): boolean {
  const thread = analysis.replies.get(m.message.threadId ?? m.message.id) ?? [];
  for (const r of thread) {
    if (r.index <= m.index || r.message.ts.getTime() < m.message.ts.getTime()) continue;
    if (isAnswer(r, q, botKinds)) return true;
  }
  return false;
}

function answeredAtTopLevel(analysis: Analysis, m: Msg, q: Msg, botKinds: ReadonlyMap<number, BotReplyKind>): boolean {
  if (m.message.threadId !== undefined) return false;
  const start = m.message.ts.getTime();
  let seenPeople = 0;
  let seen = 0;
  for (let j = m.index + 1; j < analysis.messages.length; j++) {
    const r = analysis.messages[j] as Msg;
    const dt = r.message.ts.getTime() - start;
    if (dt > TOP_LEVEL_WINDOW_MS) break;
    if (r.message.threadId !== undefined || r.kind === 'system') continue;
    seen++;
    if (r.kind === 'bot') {
      if (botKinds.get(j) === 'faq-answer' && seen <= 3) return true;
      continue;
    }
    if (r.message.user === q.message.user) {
      if (isAnswer(r, q, botKinds)) return true;
      continue;
    }
    if (r.kind !== 'content' && r.kind !== 'trivial') continue;
    seenPeople++;
    if (!isAnswer(r, q, botKinds)) continue;
    if (cosine(q.vector, r.vector) >= OVERLAP) return true;
    if (seenPeople === 1 && dt <= ADJACENT_WINDOW_MS && readsAsReply(analysis, q, r)) return true;
  }
  return false;
}

/** The next message reads as a reply to the one before, not as a new subject. */
function readsAsReply(analysis: Analysis, q: Msg, r: Msg): boolean {
  // A message that starts its own thread is a subject of its own.
  if ((analysis.replies.get(r.message.id)?.length ?? 0) > 0) return false;
  if (OPINION_START.test(r.display)) return false;
  // Right after a question, a short statement is most often its answer ("Free for now", "USD for now, JPY in Q1").
  return REPLY_START.test(r.display) || cosine(q.vector, r.vector) >= ADJACENT_OVERLAP || r.display.length <= SHORT_REPLY_CHARS;
}

/** Who is addressed, quoted or linked where: built once, so a question does not scan the whole channel. */
interface References {
  /** user id → indexes of messages that mention them */
  readonly mentions: ReadonlyMap<string, readonly number[]>;
  /** message id → indexes of messages that link it or reply to it */
  readonly links: ReadonlyMap<string, readonly number[]>;
  /** indexes of messages with a quoted line, and the quoted text */
  readonly quotes: readonly { index: number; text: string }[];
}

function buildReferences(analysis: Analysis): References {
  const mentions = new Map<string, number[]>();
  const links = new Map<string, number[]>();
  const quotes: { index: number; text: string }[] = [];
  const byName = new Map<string, string>();
  for (const [id, name] of analysis.names) byName.set(name, id);
  const add = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  for (const m of analysis.messages) {
    if (m.kind !== 'content' && m.kind !== 'bot') continue;
    const text = m.message.text;
    if (text.includes('<@')) for (const match of text.matchAll(/<@!?([A-Z0-9]+)/gi)) add(mentions, match[1] as string, m.index);
    if (m.display.includes('@')) for (const [name, id] of byName) if (m.display.includes(`@${name}`)) add(mentions, id, m.index);
    if (text.includes('/p')) for (const match of text.matchAll(MESSAGE_LINK)) add(links, `${match[1]}.${match[2]}`, m.index);
    if (m.message.replyTo !== undefined) add(links, m.message.replyTo, m.index);
    if (text.includes('>')) for (const match of text.matchAll(QUOTE_LINE)) quotes.push({ index: m.index, text: match[1] as string });
  }
  return { mentions, links, quotes };
}

function answeredByReference(analysis: Analysis, q: Msg, refs: References): boolean {
  const candidates = new Set<number>([...(refs.mentions.get(q.message.user) ?? []), ...(refs.links.get(q.message.id) ?? [])]);
  const head = q.display.slice(0, 24);
  for (const quote of refs.quotes) if (head.length >= 6 && quote.text.includes(head.slice(0, Math.min(head.length, 16)))) candidates.add(quote.index);
  const start = q.message.ts.getTime();
  for (const j of candidates) {
    if (j <= q.index) continue;
    const r = analysis.messages[j] as Msg;
    if (r.message.user === q.message.user || r.kind !== 'content') continue;
    if (!canAnswer(r)) continue;
    // A platform reply to the question is about it by definition; a mention or link must also be close or on topic.
    if (r.message.replyTo === q.message.id) return true;
    const close = r.message.ts.getTime() - start <= MENTION_CLOSE_MS;
    if (close || cosine(q.vector, r.vector) >= MENTION_OVERLAP) return true;
  }
  return false;
}
