/**
 * A topic's title: the gist of the message that opened it, as a short phrase
 * a reader can parse ("DeepSeek 又降价了：缓存命中的输入价格降到 0.2 元/百万
 * tokens"), not a list of keywords. The opening message is the root of the
 * topic's biggest thread, or else the first message of its biggest unit; when
 * that one is not in the digest's language, the best-ranked top-level member
 * that is (a reply such as "Good idea" is never a title). The
 * gist is its first sentence without greetings and mentions, cut at a clause
 * boundary when it is long.
 */
import { detectLang, splitSentences } from '../text/index.js';
import type { Analysis, AnalyzedMessage } from './analysis.js';
import type { Ranking } from './rank.js';
import type { TopicCluster } from './topics.js';
import type { SummaryLang } from './types.js';

/** Width budget: a Han character counts 1, anything else 0.5 (so about 32 Chinese or 64 Latin characters). */
const MAX_WIDTH = 32;
const MIN_WIDTH = 6;

const LEADING_FILLER =
  /^(?:(?:@\S+|#\S+)\s*)+|^(?:早上好|早|大家好|各位|hi|hey|hello|morning|good morning|fyi|psa|heads[- ]up|update|reminder|提醒一下|补充一下|插一句|btw|ok|so|also|quick question|question for (?:the group|everyone|all|you all)|interesting (?:thread|article|read|post) (?:on|about)|back to the topic|说回正题|回到正题|言归正传)(?:\s+(?:all|everyone|team|folks|guys))?(?:\s*[,，:：!！.。~～—-]+\s*|\s+)/iu;
// Clause ends, but not the comma of 1,200 or the colon of 10:00.
const CLAUSE_END = /[，；：—–]\s*|,(?!\d)\s*|;\s*|(?<!\d):(?!\d)\s*|\s[-–—]\s/gu;

export function topicTitle(analysis: Analysis, ranking: Ranking, topic: TopicCluster, lang: SummaryLang): { title: string; source: number } {
  const source = titleSource(analysis, ranking, topic, lang);
  return { title: gist((analysis.messages[source] as AnalyzedMessage).display), source };
}

function titleSource(analysis: Analysis, ranking: Ranking, topic: TopicCluster, lang: SummaryLang): number {
  const msg = (i: number): AnalyzedMessage => analysis.messages[i] as AnalyzedMessage;
  const inLang = (i: number): boolean => detectLang(msg(i).display) === lang;
  const opener = topic.threadRoot ?? topic.opening;
  if (inLang(opener)) return opener;
  // Another opener in the digest's language (a top-level message or thread root), never a reply ("Good idea, …").
  const byRank = [...topic.members].sort((a, b) => (ranking.score[b] as number) - (ranking.score[a] as number) || a - b);
  return byRank.find((i) => inLang(i) && msg(i).message.threadId === undefined) ?? opener;
}

/** Display width as defined above. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /\p{Script=Han}|[\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 1 : 0.5;
  return w;
}

function cutToWidth(text: string, max: number): string {
  let w = 0;
  let out = '';
  for (const ch of text) {
    w += /\p{Script=Han}|[\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 1 : 0.5;
    if (w > max) break;
    out += ch;
  }
  return out;
}

/** The first sentence, without greetings, mentions and the closing full stop; long ones cut at a clause end. */
export function gist(display: string): string {
  let text = display.replace(/\s+/g, ' ').trim();
  for (let k = 0; k < 3; k++) {
    const next = text.replace(LEADING_FILLER, '').trim();
    if (next === text || next === '') break;
    text = next;
  }
  const sentences = splitSentences(text);
  let head = sentences[0] ?? text;
  // "早上好！" or "Big news." alone says nothing: take the next sentence with it.
  if (width(head) < MIN_WIDTH && sentences.length > 1) head = `${head} ${sentences[1] as string}`;
  head = head.replace(/[。.!！~～\s]+$/u, '');
  // "whether the price war hurts…" after a stripped lead-in: a title starts with a capital.
  head = head.replace(/^[a-z]/u, (c) => c.toUpperCase());
  if (width(head) <= MAX_WIDTH) return head;
  // Cut at the last clause boundary that keeps at least half the budget.
  let best = -1;
  for (const m of head.matchAll(CLAUSE_END)) {
    const at = m.index as number;
    if (width(head.slice(0, at)) > MAX_WIDTH) break;
    if (width(head.slice(0, at)) >= MAX_WIDTH / 2) best = at;
  }
  if (best > 0) return head.slice(0, best).trim();
  const first = [...head.matchAll(CLAUSE_END)][0];
  if (first !== undefined) {
    const lead = head.slice(0, first.index).trim();
    // A first clause that says something on its own ("火山引擎刚刚宣布豆包大模型降价") is the title.
    if (width(lead) >= MAX_WIDTH / 4) return lead;
    // A bare lead-in ("阿里云也跟进了，…") before what happened: the latter, when it fits.
    const rest = head.slice((first.index as number) + first[0].length);
    if (width(rest) <= MAX_WIDTH || [...rest.matchAll(CLAUSE_END)].some((m) => width(rest.slice(0, m.index)) >= MAX_WIDTH / 2 && width(rest.slice(0, m.index)) <= MAX_WIDTH)) return gist(rest);
  }
  const cut = cutToWidth(head, MAX_WIDTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > cut.length * 0.6 && !/\p{Script=Han}$/u.test(cut) ? cut.slice(0, space) : cut}…`;
}
