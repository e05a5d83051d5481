/**
 * Channel summaries: time to summarise 1,000 and 10,000 messages with the
 * extractive summariser (tokenise with jieba/stemming, TF-IDF, TextRank,
 * topics, MMR, open questions, bot activity), side by side with
 *  - a naive baseline (Luhn-style: score each message by the frequency of
 *    its words, take the top ones; no graph, no topics, no redundancy
 *    control), to show what the ranking costs on top of tokenising, and
 *  - TextRank over the dense all-pairs similarity matrix (the textbook
 *    construction), at 1,000 and 3,000 messages, against our ranking step
 *    (windowed graph through an inverted index), to show how each scales.
 * The channel is synthetic but shaped like the fixtures: Chinese and English,
 * threads, "+1"s, bot replies and joins; generated with a fixed seed.
 */
import { analyze, cosine, type AnalyzedMessage } from '../src/summary/analysis.js';
import { rankMessages } from '../src/summary/rank.js';
import { summarizeExtractive } from '../src/summary/extractive.js';
import { parseTranscript } from '../src/summary/transcript.js';
import type { ChannelMessage } from '../src/summary/types.js';
import { mulberry32 } from '../src/random/seeded.js';
import { tokenize } from '../src/text/index.js';
import { fmtMs, fmtRatio, measure, type Bench } from './lib.js';

const EN_TOPICS = [
  ['DeepSeek', 'V3', 'price cut', 'input tokens', 'cache hits', 'half of what it cost'],
  ['H100', 'GPU rental', 'per hour', 'utilization', 'self-hosting', 'serving cost'],
  ['Claude Haiku', 'batch pricing', 'nightly jobs', 'budget', 'Anthropic', 'pricing page'],
  ['Qwen2.5-72B', 'eval set', 'GPT-4o mini', 'quality gap', 'support bot', 'tickets'],
  ['research budgets', 'below cost', 'long-term harm', 'margin', 'adoption', 'investment'],
];
const ZH_TOPICS = [
  ['豆包', '火山引擎', '降价', '客服机器人', '每百万 tokens', '推理优化'],
  ['通义千问', 'Qwen-Long', '长文本', '降幅', '输出价格', '文档摘要'],
  ['中小企业', '价格战', '厂商', '补贴', '多模型路由', '研发投入'],
  ['文心', 'ERNIE 4.0', '调价', '官网', '价格页面', '评估'],
];
const EN_FRAMES = ['I think {a} and {b} matter most here', 'Has anyone checked {a} against {b}?', 'The {a} news changes our {b} plan', 'We measured {a}: {n}% better on {b}', '{a} is now {n} dollars, {b} still pending'];
const ZH_FRAMES = ['我觉得{a}和{b}是关键', '有人比较过{a}和{b}吗？', '{a}这次的消息会影响我们的{b}', '我们测了一下{a}，{b}大概降了{n}%', '{a}现在是{n}元，{b}还没定'];

export function syntheticChannel(n: number, seed = 42): ChannelMessage[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: ChannelMessage[] = [];
  const start = Date.UTC(2026, 10, 2, 0, 0);
  const roots: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = new Date(start + i * 17_000);
    const id = `m${i}`;
    const kind = r();
    const base = { id, ts, permalink: `https://example.slack.com/archives/C1/p${ts.getTime()}`, isBot: false, isSystem: false };
    if (kind < 0.01) {
      out.push({ ...base, user: `U${i}`, text: `<@U${i}> has joined the channel`, isSystem: true });
      continue;
    }
    if (kind < 0.05) {
      out.push({ ...base, user: 'UBOT', userName: 'pwbot', text: r() < 0.5 ? 'The knowledge base has no answer to that.' : `Training job #${i}: done. Test accuracy 0.9${Math.floor(r() * 10)}`, isBot: true, ...(roots.length > 0 ? { threadId: pick(roots) } : {}) });
      continue;
    }
    const zh = r() < 0.45;
    const topic = zh ? pick(ZH_TOPICS) : pick(EN_TOPICS);
    const frame = zh ? pick(ZH_FRAMES) : pick(EN_FRAMES);
    const text = kind < 0.09 ? (zh ? '同问' : '+1') : frame.replace('{a}', pick(topic)).replace('{b}', pick(topic)).replace('{n}', String(Math.floor(r() * 90) + 5));
    const user = `U${Math.floor(r() * 40)}`;
    const reply = roots.length > 0 && r() < 0.35;
    out.push({ ...base, user, userName: `user${user}`, text, ...(reply ? { threadId: pick(roots.slice(-30)) } : {}) });
    if (!reply && r() < 0.3) roots.push(id);
  }
  return out;
}

/** Luhn-style: a message's score is the mean corpus frequency of its words; top k. */
function naiveSummary(messages: readonly ChannelMessage[], k: number): string[] {
  const people = messages.filter((m) => !m.isBot && !m.isSystem);
  const tokens = people.map((m) => tokenize(m.text));
  const freq = new Map<string, number>();
  for (const ts of tokens) for (const t of ts) freq.set(t, (freq.get(t) ?? 0) + 1);
  const scored = people.map((m, i) => ({ id: m.id, score: (tokens[i] as string[]).reduce((s, t) => s + (freq.get(t) ?? 0), 0) / Math.max(1, (tokens[i] as string[]).length) }));
  return scored.sort((a, b) => b.score - a.score).slice(0, k).map((s) => s.id);
}

/** Textbook TextRank: the dense n×n cosine matrix, then power iteration. */
function denseTextRank(messages: readonly ChannelMessage[]): Float64Array {
  const analysis = analyze(messages);
  const nodes = analysis.content.map((i) => analysis.messages[i] as AnalyzedMessage);
  const n = nodes.length;
  const w = new Float64Array(n * n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine((nodes[i] as AnalyzedMessage).vector, (nodes[j] as AnalyzedMessage).vector);
      w[i * n + j] = s;
      w[j * n + i] = s;
      out[i]! += s;
      out[j]! += s;
    }
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let iter = 0; iter < 60; iter++) {
    const next = new Float64Array(n).fill(0.15 / n);
    for (let i = 0; i < n; i++) {
      if (out[i] === 0) continue;
      const share = (0.85 * (rank[i] as number)) / (out[i] as number);
      for (let j = 0; j < n; j++) next[j]! += share * (w[i * n + j] as number);
    }
    rank = next;
  }
  return rank;
}

export default async function summaryBench(bench: Bench): Promise<void> {
  const sizes = [1_000, 10_000];
  for (const n of sizes) {
    const channel = syntheticChannel(n);
    const iterations = n >= 10_000 ? (bench.quick ? 2 : 5) : bench.quick ? 5 : 20;
    const warmup = n >= 10_000 ? 1 : 3;
    const ours = await measure(() => summarizeExtractive(channel, { length: 'full' }), { iterations, warmup });
    const naive = await measure(() => naiveSummary(channel, 8), { iterations, warmup });
    bench.row('summary', `extractive digest, ${n.toLocaleString('en-US')} messages (p50)`, fmtMs(ours.p50Ms), `p99 ${fmtMs(ours.p99Ms)}, n=${ours.n}; ${Math.round((n / ours.p50Ms) * 1000).toLocaleString('en-US')} msg/s`);
    bench.row('summary', `naive word-frequency top-8, ${n.toLocaleString('en-US')} messages (p50)`, fmtMs(naive.p50Ms), `digest/naive ${fmtRatio(ours.p50Ms / naive.p50Ms)} (naive: no topics, threads, questions or redundancy control)`);
  }
  // The ranking step alone, ours (windowed graph through an inverted index, CSR PageRank) against the textbook dense matrix.
  for (const n of [1_000, 3_000]) {
    const channel = syntheticChannel(n, 7);
    const iterations = bench.quick ? 2 : 5;
    const ours = await measure(() => rankMessages(analyze(channel)), { iterations, warmup: 1 });
    // The dense peer takes seconds at 3,000 messages: --quick times it once.
    const dense = await measure(() => denseTextRank(channel), bench.quick ? { iterations: 1, warmup: 0 } : { iterations, warmup: 1 });
    bench.row('summary', `TextRank ranking, ${n.toLocaleString('en-US')} messages: ours (p50)`, fmtMs(ours.p50Ms), `dense all-pairs ${fmtMs(dense.p50Ms)}; ours/dense ${fmtRatio(ours.p50Ms / dense.p50Ms)} (dense is O(n²): ${((n * n * 8) / 1e6).toFixed(0)} MB matrix)`);
  }
  const lines = syntheticChannel(10_000).map((m) => JSON.stringify({ ts: (m.ts.getTime() / 1000).toFixed(6), user: m.user, text: m.text, ...(m.threadId ? { thread_ts: m.threadId } : {}), ...(m.permalink ? { permalink: m.permalink } : {}) })).join('\n');
  const parse = await measure(() => parseTranscript(lines), { iterations: bench.quick ? 3 : 10, warmup: 1 });
  bench.row('summary', 'parse + validate a 10,000-line transcript (p50)', fmtMs(parse.p50Ms), `${(lines.length / 1e6).toFixed(1)} MB, zod per line`);
}
