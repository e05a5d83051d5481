/**
 * Message ranking: TextRank in its continuous-LexRank form. Messages are
 * nodes, TF-IDF cosine similarity is the edge weight, and PageRank with a
 * personalised teleport vector gives each message its centrality: a message
 * that says what many others also talk about ranks high. The teleport prior
 * adds what a chat has and plain text has not: a thread root that drew many
 * replies, and messages with figures or links (prices, announcements).
 *
 * Scale: all-pairs similarity is quadratic, so the graph is built through an
 * inverted index (only pairs that share a term are ever touched) over a
 * time window around each message plus its thread, terms that occur in a
 * large share of the messages do not create edges (they link everything to
 * everything and carry little), and each node keeps its strongest
 * `MAX_NEIGHBOURS` edges. Ties are broken by position, so the same
 * input always gives the same ranking.
 */
import { cosine, type Analysis, type AnalyzedMessage } from './analysis.js';

const DAMPING = 0.85;
const MAX_ITERATIONS = 60;
const TOLERANCE = 1e-6;
const MIN_SIMILARITY = 0.05;
const MAX_NEIGHBOURS = 24;
/** Messages compared on each side of a message, in time order. */
const WINDOW = 250;
const MAX_THREAD_PAIRS_MEMBERS = 300;

export interface Ranking {
  /** Score per `analysis.messages` index (0 for non-content messages). */
  readonly score: Float64Array;
  /** Content message indexes, best first. */
  readonly order: readonly number[];
}

export function rankMessages(analysis: Analysis): Ranking {
  const nodes = analysis.content;
  const n = nodes.length;
  const score = new Float64Array(analysis.messages.length);
  if (n === 0) return { score, order: [] };

  const neighbours = buildGraph(analysis, nodes);
  const prior = new Float64Array(n);
  let priorSum = 0;
  for (let i = 0; i < n; i++) {
    const p = priorOf(analysis, analysis.messages[nodes[i] as number] as AnalyzedMessage);
    prior[i] = p;
    priorSum += p;
  }
  for (let i = 0; i < n; i++) prior[i]! /= priorSum;

  // Weighted PageRank; a node without edges gives its mass back through the prior.
  const { offsets, targets, weights } = neighbours;
  const outWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) outWeight[i]! += weights[e] as number;
  let rank = Float64Array.from(prior);
  let next = new Float64Array(n);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    next.fill(0);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const out = outWeight[i] as number;
      if (out === 0) {
        dangling += rank[i] as number;
        continue;
      }
      const share = (rank[i] as number) / out;
      for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) next[targets[e] as number]! += share * (weights[e] as number);
    }
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const v = (1 - DAMPING) * (prior[i] as number) + DAMPING * ((next[i] as number) + dangling * (prior[i] as number));
      delta += Math.abs(v - (rank[i] as number));
      next[i] = v;
    }
    [rank, next] = [next, rank];
    if (delta < TOLERANCE) break;
  }

  for (let i = 0; i < n; i++) {
    const a = analysis.messages[nodes[i] as number] as AnalyzedMessage;
    // Centrality favours long messages a little already; very short ones are rarely what people need to read.
    score[a.index] = (rank[i] as number) * n * (0.5 + 0.5 * Math.min(1, a.tokens.length / 8));
  }
  const order = [...nodes].sort((x, y) => (score[y] as number) - (score[x] as number) || x - y);
  return { score, order };
}

/**
 * Undirected similarity graph over content messages, as compressed rows.
 * A message is compared with the `WINDOW` messages on either side of it in
 * time (a chat's context is local; a busy day of repetitive chat would
 * otherwise make the all-pairs graph quadratic) and with every other message
 * of its own thread, however far apart.
 */
interface Graph {
  /** Edges of node i are targets/weights[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
}

function buildGraph(analysis: Analysis, nodes: readonly number[]): Graph {
  const n = nodes.length;
  const maxDf = Math.max(40, Math.floor(n * 0.08));
  const vectorOf = (i: number) => (analysis.messages[nodes[i] as number] as AnalyzedMessage).vector;
  // Postings in node order (nodes are visited in order), so each window is a contiguous run.
  const postings = new Map<number, { nodes: number[]; weights: number[] }>();
  for (let i = 0; i < n; i++) {
    const v = vectorOf(i);
    for (let k = 0; k < v.terms.length; k++) {
      const term = v.terms[k] as number;
      if ((analysis.df[term] as number) > maxDf || (analysis.df[term] as number) < 2) continue;
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = { nodes: [], weights: [] }));
      list.nodes.push(i);
      list.weights.push(v.weights[k] as number);
    }
  }
  // Thread members further apart than the window are compared directly.
  const farThreadMates = new Map<number, number[]>();
  const threads = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = (analysis.messages[nodes[i] as number] as AnalyzedMessage).threadKey;
    const list = threads.get(key);
    if (list === undefined) threads.set(key, [i]);
    else list.push(i);
  }
  for (const members of threads.values()) {
    if (members.length < 2 || (members[members.length - 1] as number) - (members[0] as number) <= WINDOW) continue;
    const capped = members.slice(0, MAX_THREAD_PAIRS_MEMBERS);
    for (const i of capped) farThreadMates.set(i, capped.filter((j) => Math.abs(j - i) > WINDOW));
  }

  // Each node's strongest neighbours, from its window (both sides) and its far thread mates.
  const best: { nodes: Int32Array; sims: Float64Array }[] = new Array(n);
  const acc = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectorOf(i);
    for (let k = 0; k < v.terms.length; k++) {
      const list = postings.get(v.terms[k] as number);
      if (list === undefined) continue;
      const w = v.weights[k] as number;
      for (let p = lowerBound(list.nodes, i - WINDOW); p < list.nodes.length; p++) {
        const j = list.nodes[p] as number;
        if (j > i + WINDOW) break;
        if (j === i) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += w * (list.weights[p] as number);
      }
    }
    for (const j of farThreadMates.get(i) ?? []) {
      if (acc[j] === 0) touched.push(j);
      acc[j] = cosine(v, vectorOf(j));
    }
    let count = 0;
    for (const j of touched) if ((acc[j] as number) >= MIN_SIMILARITY) count++;
    // The k-th largest similarity, found with a native numeric sort of just the values.
    let cutoff = MIN_SIMILARITY;
    if (count > MAX_NEIGHBOURS) {
      const sims = new Float64Array(count);
      let c = 0;
      for (const j of touched) if ((acc[j] as number) >= MIN_SIMILARITY) sims[c++] = acc[j] as number;
      sims.sort();
      cutoff = sims[count - MAX_NEIGHBOURS] as number;
    }
    touched.sort((a, b) => a - b);
    const keptNodes: number[] = [];
    const keptSims: number[] = [];
    for (const j of touched) {
      const sim = acc[j] as number;
      acc[j] = 0;
      if (sim >= cutoff && keptNodes.length < MAX_NEIGHBOURS) {
        keptNodes.push(j);
        keptSims.push(sim);
      }
    }
    touched.length = 0;
    best[i] = { nodes: Int32Array.from(keptNodes), sims: Float64Array.from(keptSims) };
  }

  // Keep an edge if either end chose it, so the graph stays symmetric; compressed rows for the iteration.
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (const j of best[i]!.nodes) {
      degree[i]! += 1;
      // When j chose i too, j counts that edge itself.
      if (!best[j]!.nodes.includes(i)) degree[j]! += 1;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  const targets = new Int32Array(offsets[n] as number);
  const weights = new Float64Array(offsets[n] as number);
  const fill = Int32Array.from(offsets.subarray(0, n));
  const put = (i: number, j: number, w: number): void => {
    const at = fill[i]!;
    targets[at] = j;
    weights[at] = w;
    fill[i] = at + 1;
  };
  for (let i = 0; i < n; i++) {
    const mine = best[i]!;
    for (let k = 0; k < mine.nodes.length; k++) {
      const j = mine.nodes[k] as number;
      put(i, j, mine.sims[k] as number);
      if (!best[j]!.nodes.includes(i)) put(j, i, mine.sims[k] as number);
    }
  }
  return { offsets, targets, weights };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HAS_FIGURE = /\d+(?:\.\d+)?\s*(?:%|％|元|¥|\$|usd|rmb|美元|美分|k|m|b|倍|折)|[$¥￥]\s*\d|\bv?\d+\.\d+\b/iu;
const HAS_LINK = /https?:\/\//i;

function priorOf(analysis: Analysis, a: AnalyzedMessage): number {
  let p = 1;
  const replies = analysis.replies.get(a.message.id);
  if (replies !== undefined && a.message.threadId === undefined) {
    const people = new Set(replies.filter((r) => r.kind === 'content' || r.kind === 'trivial').map((r) => r.message.user));
    p += Math.log1p(replies.filter((r) => r.kind === 'content').length) + 0.5 * people.size;
  }
  if (HAS_FIGURE.test(a.display)) p += 0.5;
  if (HAS_LINK.test(a.message.text)) p += 0.3;
  return p * (0.4 + 0.6 * Math.min(1, a.tokens.length / 6));
}

/**
 * Maximal Marginal Relevance: take the best message, then each next one by
 * relevance minus its similarity to what was already taken, so five
 * messages saying "DeepSeek cut prices" do not fill the list.
 */
export function selectDiverse(analysis: Analysis, ranking: Ranking, count: number): number[] {
  const lambda = 0.7;
  // Above this similarity a message repeats one already taken: skip it while anything else is left.
  const duplicate = 0.5;
  const pool = ranking.order.slice(0, Math.max(count * 8, 60));
  if (pool.length === 0) return [];
  const top = ranking.score[pool[0] as number] as number;
  const chosen: number[] = [];
  const maxSim = new Float64Array(pool.length);
  const used = new Uint8Array(pool.length);
  while (chosen.length < count && chosen.length < pool.length) {
    let best = -1;
    let bestValue = -Infinity;
    for (let k = 0; k < pool.length; k++) {
      if (used[k]) continue;
      const relevance = (ranking.score[pool[k] as number] as number) / top;
      const value = lambda * relevance - (1 - lambda) * (maxSim[k] as number) - ((maxSim[k] as number) >= duplicate ? 1 : 0);
      if (value > bestValue + 1e-12) [best, bestValue] = [k, value];
    }
    if (best < 0) break;
    used[best] = 1;
    const picked = pool[best] as number;
    chosen.push(picked);
    const pv = (analysis.messages[picked] as AnalyzedMessage).vector;
    for (let k = 0; k < pool.length; k++) {
      if (used[k]) continue;
      const s = cosine(pv, (analysis.messages[pool[k] as number] as AnalyzedMessage).vector);
      if (s > (maxSim[k] as number)) maxSim[k] = s;
    }
  }
  return chosen;
}
