/**
 * FAQ retrieval: index build time and query latency (p50/p99) at the
 * knowledge base's size and on a synthetic 10,000-section corpus, side by
 * side with langchain's BM25Retriever on the same sections and the same
 * questions (the in-scope half of the evaluation set), with recall@1 for both.
 *
 * BM25Retriever is run twice: as shipped (it splits on whitespace, so Chinese
 * questions are one "word"), and fed our jieba/stemmed tokens joined by
 * spaces, which isolates the ranking algorithm from the tokeniser.
 *
 * The synthetic corpus is the real knowledge base plus sections of random
 * text drawn from the knowledge base's own vocabulary (per language, same
 * word frequencies, fixed seed): distractors with realistic term statistics,
 * so recall@1 at 10k measures how well the right section still wins.
 */
import { Document } from '@langchain/core/documents';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { FaqEngine, FaqRetriever, loadKnowledgeBase, type Section } from '../src/faq/index.js';
import type { Lexicon } from '../src/faq/lexicon.js';
import { rankQuestion } from '../src/faq/rank.js';
import { rankQuestion as previousRankQuestion } from './faq-previous/rank.js';
import { SearchIndex as PreviousSearchIndex } from './faq-previous/search-index.js';
import { defaultTokenizer } from '../src/faq/search-index.js';
import { mulberry32 } from '../src/random/seeded.js';
import { EVAL_SET } from '../test/faq/eval-set.js';
import { TYPO_CASES } from '../test/faq/eval-typos.js';
import { HOMOPHONE_CASES } from '../test/faq/eval-homophones.js';
import { toSimplified } from '../src/faq/chinese-script.js';
import { fmtMs, fmtRatio, measure, summarize, type Bench, type Stats } from './lib.js';

const GROUP = 'faq';

function syntheticCorpus(real: readonly Section[], total: number): Section[] {
  const random = mulberry32(42); // seeded: the synthetic corpus is the same every run
  const vocab = { zh: [] as string[], en: [] as string[] };
  for (const s of real) vocab[s.lang].push(...defaultTokenizer(s.body));
  const pick = (lang: 'zh' | 'en', n: number): string => {
    const words = Array.from({ length: n }, () => vocab[lang][Math.floor(random() * vocab[lang].length)] as string);
    return words.join(lang === 'zh' ? '' : ' ');
  };
  const out: Section[] = [...real];
  for (let i = 0; out.length < total; i++) {
    const lang = random() < 0.5 ? 'zh' : 'en';
    const title = pick(lang, 3);
    const heading = pick(lang, 2);
    const questions = [pick(lang, 6)];
    out.push({
      id: `synthetic-${i}.${lang}#s`,
      docId: `synthetic-${i}`,
      lang,
      docTitle: title,
      heading,
      titlePath: [title, heading],
      anchor: 's',
      body: pick(lang, 40 + Math.floor(random() * 80)),
      file: `synthetic-${i}.md`,
      order: 0,
      questions,
      tags: [],
    });
  }
  return out;
}

function asDocuments(sections: readonly Section[], pretokenize: boolean): Document[] {
  return sections.map((s) => {
    const text = `${s.titlePath.join('\n')}\n${s.questions.join('\n')}\n${s.body}`;
    return new Document({ pageContent: pretokenize ? defaultTokenizer(text).join(' ') : text, metadata: { docId: s.docId } });
  });
}

interface Case {
  readonly q: string;
  readonly expect: string;
}

/** Run every question `rounds` times; recall@1 from the first round (`run` returns the top document id). */
async function timeQueries(cases: readonly Case[], run: (q: string) => Promise<string | undefined>, rounds: number): Promise<{ stats: Stats; recall: number }> {
  const samples: number[] = [];
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const started = performance.now();
      const top = await run(c.q);
      samples.push(performance.now() - started);
      if (r === 0 && top === c.expect) hits++;
    }
  }
  return { stats: summarize(samples), recall: hits / cases.length };
}

async function compareAt(bench: Bench, label: string, sections: readonly Section[], lexicon: Lexicon | undefined, questions: readonly Case[], rounds: { ours: number; lc: number }, buildIterations: number, buildWarmup = 1): Promise<void> {
  const kb = { dir: 'bench', docs: [], sections, problems: [], loadedAt: new Date(), ...(lexicon === undefined ? {} : { lexicon }) };
  // The engine's construction is the index build (SearchIndex.build); the last one built is the one queried.
  let engine: FaqEngine | undefined;
  const build = await measure(
    () => {
      engine = new FaqEngine(kb);
    },
    { iterations: buildIterations, warmup: buildWarmup },
  );
  if (engine === undefined) throw new Error('no engine built');
  const lcBuild = await measure(() => BM25Retriever.fromDocuments(asDocuments(sections, false), { k: 5 }), { iterations: buildIterations, warmup: buildWarmup });
  const retriever = new FaqRetriever({ engine, k: 5 });
  const lc = BM25Retriever.fromDocuments(asDocuments(sections, false), { k: 5 });
  const lcJieba = BM25Retriever.fromDocuments(asDocuments(sections, true), { k: 5 });

  const ours = await timeQueries(questions, async (q) => (await retriever.invoke(q))[0]?.metadata.docId as string | undefined, rounds.ours);
  const theirs = await timeQueries(questions, async (q) => (await lc.invoke(q))[0]?.metadata.docId as string | undefined, rounds.lc);
  const theirsJieba = await timeQueries(questions, async (q) => (await lcJieba.invoke(defaultTokenizer(q).join(' ')))[0]?.metadata.docId as string | undefined, rounds.lc);

  const n = `${sections.length.toLocaleString('en')} sections`;
  bench.row(GROUP, `${label}: index build, ours (BM25F + jieba)`, fmtMs(build.p50Ms), `${n}; BM25Retriever.fromDocuments ${fmtMs(lcBuild.p50Ms)} (it indexes nothing up front)`);
  bench.row(GROUP, `${label}: query p50 / p99, ours (FaqRetriever.invoke)`, `${fmtMs(ours.stats.p50Ms)} / ${fmtMs(ours.stats.p99Ms)}`, `n=${ours.stats.n}`);
  bench.row(GROUP, `${label}: query p50 / p99, BM25Retriever`, `${fmtMs(theirs.stats.p50Ms)} / ${fmtMs(theirs.stats.p99Ms)}`, `n=${theirs.stats.n}; jieba-fed: ${fmtMs(theirsJieba.stats.p50Ms)} / ${fmtMs(theirsJieba.stats.p99Ms)}`);
  bench.row(GROUP, `${label}: latency ratio BM25Retriever / ours (p50)`, fmtRatio(theirs.stats.p50Ms / ours.stats.p50Ms), `jieba-fed: ${fmtRatio(theirsJieba.stats.p50Ms / ours.stats.p50Ms)}`);
  // The retrieval this one replaced (BM25F over jieba words and single characters, coverage over the whole
  // section; kept in bench/faq-previous/), timed the same way, without langchain's runnable overhead.
  let built: ReturnType<typeof PreviousSearchIndex.build> | undefined;
  const previousBuild = await measure(
    () => {
      built = PreviousSearchIndex.build(sections);
    },
    { iterations: buildIterations, warmup: buildWarmup },
  );
  const previousIndex = built ?? PreviousSearchIndex.build(sections);
  const previous = await timeQueries(questions, async (q) => previousRankQuestion(previousIndex, q).docs[0]?.docId, rounds.ours);
  const index = engine.index;
  const current = await timeQueries(questions, async (q) => rankQuestion(index, q).docs[0]?.docId, rounds.ours);
  bench.row(GROUP, `${label}: index build, previous retrieval`, fmtMs(previousBuild.p50Ms), `new / previous: ${fmtRatio(build.p50Ms / previousBuild.p50Ms)}`);
  bench.row(
    GROUP,
    `${label}: rank p50 / p99, new vs previous retrieval`,
    `${fmtMs(current.stats.p50Ms)} / ${fmtMs(current.stats.p99Ms)} vs ${fmtMs(previous.stats.p50Ms)} / ${fmtMs(previous.stats.p99Ms)}`,
    `new / previous at p50: ${fmtRatio(current.stats.p50Ms / previous.stats.p50Ms)}; recall@1 ${current.recall.toFixed(3)} vs ${previous.recall.toFixed(3)}`,
  );
  bench.row(
    GROUP,
    `${label}: recall@1 ours vs BM25Retriever`,
    `${ours.recall.toFixed(3)} vs ${theirs.recall.toFixed(3)}`,
    `ratio ${fmtRatio(ours.recall / Math.max(theirs.recall, 1e-9))}; BM25Retriever fed jieba tokens: ${theirsJieba.recall.toFixed(3)} (ratio ${fmtRatio(ours.recall / Math.max(theirsJieba.recall, 1e-9))}); ${questions.length} questions`,
  );
}

export default async function faqBench(bench: Bench): Promise<void> {
  const loadStart = performance.now();
  const kb = await loadKnowledgeBase('knowledge');
  const loadMs = performance.now() - loadStart;
  bench.row(GROUP, 'load knowledge/ (read + parse + split)', fmtMs(loadMs), `${kb.docs.length} documents, ${kb.sections.length} sections (first call also loads jieba's dictionary)`);
  // Document-level recall: an expectation `doc#anchor` counts its document.
  const questions = EVAL_SET.flatMap((c) => (c.expect === null ? [] : [{ q: c.q, expect: c.expect.split('#')[0]! }]));

  await compareAt(bench, 'KB', kb.sections, kb.lexicon, questions, { ours: bench.quick ? 3 : 20, lc: bench.quick ? 1 : 5 }, bench.quick ? 3 : 20);

  // Reading a question's slips (traditional characters, homophones, typos) before ranking: what it costs per question,
  // on questions with one slip and on the same part typed right.
  const index = new FaqEngine({ dir: 'bench', docs: [], sections: kb.sections, problems: [], loadedAt: new Date(), ...(kb.lexicon === undefined ? {} : { lexicon: kb.lexicon }) }).index;
  const read = async (qs: readonly string[]) => (await timeQueries(qs.map((q) => ({ q, expect: '' })), async (q) => void index.spellChecked(toSimplified(q)), bench.quick ? 3 : 20)).stats;
  const [slipped, typedRight] = [await read([...TYPO_CASES, ...HOMOPHONE_CASES].map((c) => c.q)), await read(EVAL_SET.map((c) => c.q))];
  bench.row(
    GROUP,
    'KB: reading slips before ranking, p50 / p99',
    `${fmtMs(slipped.p50Ms)} / ${fmtMs(slipped.p99Ms)}`,
    `${TYPO_CASES.length + HOMOPHONE_CASES.length} questions with one typo or homophone; typed right (${EVAL_SET.length}): ${fmtMs(typedRight.p50Ms)} / ${fmtMs(typedRight.p99Ms)}`,
  );

  const big = syntheticCorpus(kb.sections, 10_000);
  // BM25Retriever scans every document with regular expressions per query term; keep its rounds to one.
  // --quick: one build of each index at 10k, no warm-up build (a build takes seconds; the KB rows above warm the code).
  await compareAt(bench, '10k', big, kb.lexicon, bench.quick ? questions.slice(0, 20) : questions, { ours: bench.quick ? 1 : 5, lc: 1 }, bench.quick ? 1 : 3, bench.quick ? 0 : 1);
}
