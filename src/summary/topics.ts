/**
 * Main topics. Threads are natural topic units (a root and its replies);
 * lone messages are units of their own. Units are grouped by single-pass
 * leader clustering on TF-IDF cosine (biggest units first, so a busy thread
 * seeds its topic and short messages join it); candidates come from an
 * index of each cluster's terms, so the pass stays near-linear. A topic is
 * labelled by the terms most characteristic of it (frequent inside, rare
 * across the channel) in the form people wrote them.
 */
import type { Analysis, AnalyzedMessage, SparseVector } from './analysis.js';
import type { Ranking } from './rank.js';

const JOIN_THRESHOLD = 0.18;
const INDEX_TERMS = 8;
const MAX_CANDIDATES = 64;
const PHRASE_SAMPLE = 200;

// Conversation filler that survives the general stopword list but never names a topic.
const GENERIC = new Set([
  '觉得', '感觉', '现在', '今天', '明天', '昨天', '知道', '看看', '看到', '一直', '真的', '可能', '应该', '问题', '事情', '东西', '时候', '比较',
  '非常', '还有', '其实', '不是', '没有', '不会', '有人', '大家', '一起', '需要', '之前', '以后', '刚刚', '刚才', '最近', '多少', '哪家', '开始',
  'think', 'know', 'look', 'like', 'realli', 'yeah', 'anyon', 'someon', 'thing', 'just', 'also', 'now', 'today', 'yesterday', 'one', 'use',
  'guy', 'folk', 'pleas', 'thank', 'want', 'need', 'go', 'make', 'see', 'say', 'said', 'new', 'time', 'way', 'still', 'even', 'well', 'much', 'mani',
  'lot', 'sure', 'question', 'ask', 'wonder', 'hey', 'hi', 'hello', 'ok', 'okay', 'good', 'right', 'back', 'seem', 'actual', 'probabl', 'mayb',
  '大概', '这次', '已经', '只要', '差不多', '一轮', '各自', '好像', '到底', '直接', '基本', '同问', '降到',
  // Units every message in a pricing channel carries.
  'token', 'million', 'per', 'hour', 'month', '百万', '每千', '千', '美元', '元',
]);

export interface TopicCluster {
  readonly members: readonly number[];
  readonly keywords: readonly string[];
  readonly representative: number;
  /** Root of the largest thread in the topic, when there is one. */
  readonly threadRoot?: number;
  /** First message of the topic's biggest unit (a thread's root, or a lone message): what opened it. */
  readonly opening: number;
  readonly participants: number;
}

interface Unit {
  readonly members: number[];
  readonly vector: Map<number, number>;
  readonly root?: number;
}

export function findTopics(analysis: Analysis, ranking: Ranking, count: number): TopicCluster[] {
  const units = buildUnits(analysis);
  units.sort((a, b) => b.members.length - a.members.length || (a.members[0] as number) - (b.members[0] as number));

  const clusters: { units: Unit[]; centroid: Map<number, number>; norm2: number }[] = [];
  const index = new Map<number, Set<number>>();
  for (const unit of units) {
    const unitNorm = Math.sqrt([...unit.vector.values()].reduce((s, w) => s + w * w, 0)) || 1;
    const indexTerms = topTerms(unit.vector, INDEX_TERMS);
    const candidates = new Set<number>();
    for (const term of indexTerms) {
      for (const c of index.get(term) ?? []) {
        candidates.add(c);
        if (candidates.size >= MAX_CANDIDATES) break;
      }
    }
    let best = -1;
    let bestSim = JOIN_THRESHOLD;
    for (const c of [...candidates].sort((a, b) => a - b)) {
      const cluster = clusters[c] as (typeof clusters)[number];
      let dot = 0;
      for (const [term, w] of unit.vector) dot += w * (cluster.centroid.get(term) ?? 0);
      const sim = dot / (unitNorm * Math.sqrt(cluster.norm2));
      if (sim > bestSim) [best, bestSim] = [c, sim];
    }
    let target: number;
    if (best < 0) {
      target = clusters.length;
      clusters.push({ units: [], centroid: new Map(), norm2: 0 });
    } else target = best;
    const cluster = clusters[target] as (typeof clusters)[number];
    cluster.units.push(unit);
    for (const [term, w] of unit.vector) {
      const old = cluster.centroid.get(term) ?? 0;
      const now = old + w / unitNorm;
      cluster.norm2 += now * now - old * old;
      cluster.centroid.set(term, now);
    }
    for (const term of indexTerms) {
      const set = index.get(term);
      if (set === undefined) index.set(term, new Set([target]));
      else set.add(target);
    }
  }

  const n = Math.max(1, analysis.content.length);
  const topics = clusters.map((cluster) => {
    const members = cluster.units.flatMap((u) => u.members).sort((a, b) => a - b);
    const people = new Set(members.map((i) => (analysis.messages[i] as AnalyzedMessage).message.user));
    return { cluster, members, people: people.size, weight: members.length + 0.5 * people.size };
  });
  // A topic is something several messages are about; one lone message is a highlight at most.
  const eligible = topics.filter((t) => t.members.length >= 2);
  eligible.sort((a, b) => b.weight - a.weight || (a.members[0] as number) - (b.members[0] as number));

  return eligible.slice(0, count).map(({ cluster, members, people }) => {
    const representative = [...members].sort((a, b) => (ranking.score[b] as number) - (ranking.score[a] as number) || a - b)[0] as number;
    const biggestThread = [...cluster.units].filter((u) => u.root !== undefined).sort((a, b) => b.members.length - a.members.length)[0];
    const biggest = [...cluster.units].sort((a, b) => b.members.length - a.members.length || (a.members[0] as number) - (b.members[0] as number))[0];
    return {
      members,
      keywords: labelTerms(analysis, members, n),
      representative,
      opening: biggest?.root ?? (biggest?.members[0] as number | undefined) ?? representative,
      ...(biggestThread?.root !== undefined && biggestThread.members.length >= 3 ? { threadRoot: biggestThread.root } : {}),
      participants: people,
    };
  });
}

/** A thread (root + replies that have content) is one unit; every other content message is its own. */
function buildUnits(analysis: Analysis): Unit[] {
  const byThread = new Map<string, number[]>();
  for (const i of analysis.content) {
    const a = analysis.messages[i] as AnalyzedMessage;
    const list = byThread.get(a.threadKey) ?? [];
    list.push(i);
    byThread.set(a.threadKey, list);
  }
  const units: Unit[] = [];
  for (const [key, members] of byThread) {
    const vector = new Map<number, number>();
    for (const i of members) addInto(vector, (analysis.messages[i] as AnalyzedMessage).vector);
    const root = analysis.byId.get(key);
    units.push({ members, vector, ...(root !== undefined && root.kind === 'content' && members.length > 1 ? { root: root.index } : {}) });
  }
  return units;
}

function addInto(target: Map<number, number>, v: SparseVector): void {
  for (let k = 0; k < v.terms.length; k++) target.set(v.terms[k] as number, (target.get(v.terms[k] as number) ?? 0) + (v.weights[k] as number));
}

function topTerms(vector: Map<number, number>, count: number): number[] {
  return [...vector.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count).map(([t]) => t);
}

/** Terms frequent in the topic and rare elsewhere, readable, not nested in one another. */
function labelTerms(analysis: Analysis, members: readonly number[], n: number): string[] {
  const inTopic = new Map<string, number>();
  for (const i of members) for (const token of new Set((analysis.messages[i] as AnalyzedMessage).tokens)) inTopic.set(token, (inTopic.get(token) ?? 0) + 1);
  const scored: { token: string; score: number }[] = [];
  for (const [token, count] of inTopic) {
    if (GENERIC.has(token) || !isLabelWord(token)) continue;
    if (members.length >= 4 && count < 2) continue;
    const df = analysis.df[analysis.termIds.get(token) ?? -1] ?? 1;
    // Share of the topic's messages that use it, times how specific it is to the topic.
    const score = (count / members.length) * Math.log(1 + n / df) * (1 + Math.min(1, count / 3));
    scored.push({ token, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.token < b.token ? -1 : 1));
  // A sample is enough to see how people write a name; a 5,000-message topic need not be scanned 64 times.
  const texts = members.slice(0, PHRASE_SAMPLE).map((i) => (analysis.messages[i] as AnalyzedMessage).display);
  const forms = mergePhrases(scored.slice(0, 8).map(({ token }) => analysis.surface.get(token) ?? token), texts);
  const labels: string[] = [];
  for (const form of forms) {
    if (labels.some((l) => l.toLowerCase().includes(form.toLowerCase()) || form.toLowerCase().includes(l.toLowerCase()))) continue;
    labels.push(form);
    if (labels.length === 3) break;
  }
  return labels;
}

/**
 * Tokenisation splits names people write as one ("Qwen-Long" → qwen, long;
 * "通义千问" may be cut too). When two label words are written next to each
 * other in most messages that use them, show them as the phrase people wrote.
 */
function mergePhrases(forms: string[], texts: readonly string[]): string[] {
  const out = [...forms];
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < out.length; j++) {
      if (i === j) continue;
      const a = out[i] as string;
      const b = out[j] as string;
      // Only within one script: "Qwen" + "Long", "通义" + "千问"; a Chinese word next to an English name is two labels.
      if (HAN_RE.test(a) !== HAN_RE.test(b)) continue;
      const pattern = new RegExp(`${escapeRegExp(a)}[\\s-]?${escapeRegExp(b)}`, 'giu');
      const seen = new Map<string, number>();
      let both = 0;
      for (const text of texts) {
        const lower = text.toLowerCase();
        if (!lower.includes(a.toLowerCase()) || !lower.includes(b.toLowerCase())) continue;
        both++;
        for (const m of text.matchAll(pattern)) seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
      }
      const total = [...seen.values()].reduce((x, y) => x + y, 0);
      if (both === 0 || total < both * 0.6) continue;
      const phrase = [...seen.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] as string;
      out[Math.min(i, j)] = phrase;
      out.splice(Math.max(i, j), 1);
      i = -1;
      break;
    }
  }
  return out;
}

const HAN_RE = /\p{Script=Han}/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Numbers and single characters are poor labels ("0.5", "元"). */
function isLabelWord(token: string): boolean {
  if (/^[\d.,%]+$/.test(token)) return false;
  if (/^\p{Script=Han}$/u.test(token)) return false;
  return token.length >= 2;
}
