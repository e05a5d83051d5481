// `npm run eval:faq`: retrieval quality of the FAQ, for each part of the
// evaluation separately: the tuning part (what retrieval may be tuned on),
// the same with one typo per question, the issue's examples, the held-out
// test part and the blind sets. Prints recall@1, MRR,
// answered-right and false-confident rates per part, then the misses of the
// test part (and of the others with `--all-misses`). `--all` lists every
// question of every part; `--json` prints the reports as JSON. The blind
// parts (held-out sets #2, #3 and #4) show figures only: their questions are listed only
// with `--show-blind`, never by `--all` or `--all-misses`. KNOWLEDGE_DIR
// picks the documents, FAQ_MIN_SCORE the threshold (read through
// src/config.ts, as the bot does).

import { loadConfig } from '../../src/config.js';
import { loadKnowledgeBase, FaqEngine } from '../../src/faq/index.js';
import { BLIND_PARTS, EVAL_PARTS, evaluate, isMiss, type CaseResult, type EvalReport } from './eval-lib.js';

const args = process.argv.slice(2);
const config = loadConfig(process.env, undefined);
const kb = await loadKnowledgeBase(config.KNOWLEDGE_DIR);
for (const p of kb.problems) process.stderr.write(`skipped ${p.file}: ${p.message}\n`);
const engine = new FaqEngine(kb, config.FAQ_MIN_SCORE === undefined ? {} : { minConfidence: config.FAQ_MIN_SCORE });
const reports = Object.fromEntries(Object.entries(EVAL_PARTS).map(([name, cases]) => [name, evaluate(engine, cases)])) as Record<keyof typeof EVAL_PARTS, EvalReport>;

if (args.includes('--json')) {
  // The blind parts' figures only, unless asked by name.
  const shown = Object.fromEntries(Object.entries(reports).map(([name, r]) => [name, BLIND_PARTS.has(name) && !args.includes('--show-blind') ? { ...r, cases: [] } : r]));
  process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
} else {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  const lines = [`FAQ evaluation: ${kb.docs.length} documents, ${kb.sections.length} sections, lexicon of ${kb.lexicon?.size ?? 0} groups; threshold ${engine.minConfidence}`, ''];
  lines.push(`${'part'.padEnd(11)} ${'in/out(near)'.padEnd(13)} recall@1  recall@3  MRR    answered-right  confident-wrong  false-confident (near)`);
  for (const [name, r] of Object.entries(reports)) {
    lines.push(
      `${name.padEnd(11)} ${`${r.inScope}/${r.outOfScope}(${r.near})`.padEnd(13)} ${r.recallAt1.toFixed(3)}     ${r.recallAt3.toFixed(3)}     ${r.mrr.toFixed(3)}  ${pct(r.answeredRight)}          ${pct(r.confidentWrong)}           ${pct(r.falseConfident)} (${pct(r.falseConfidentNear).trim()})`,
    );
  }
  lines.push('', 'answered-right: confident and from the expected document (and section, where the case names one).');
  const verdict = (c: CaseResult): string =>
    c.expect === null ? (c.confident ? 'OUT-OF-SCOPE CONFIDENT' : 'declined ok') : c.right ? 'ok' : c.rank === 1 ? 'right, unsure' : c.confident ? `WRONG (rank ${c.rank || '-'})` : `rank ${c.rank || '-'}, unsure`;
  const show = (name: string, cases: readonly CaseResult[], all: boolean) => {
    const shown = cases.filter((c) => all || isMiss(c));
    lines.push('', `${name}: ${all ? 'all questions' : `${shown.length} miss(es)`}`);
    for (const c of shown) {
      lines.push(`  [${verdict(c)}] ${c.q}  → ${c.section ?? '(nothing)'}; docs ${c.ranked.slice(0, 3).join(', ') || '-'}${c.expect ? `  (expected ${c.expect})` : ''}  score ${c.score.toFixed(2)}`);
    }
  };
  const all = args.includes('--all');
  for (const [name, r] of Object.entries(reports)) {
    if (BLIND_PARTS.has(name)) {
      if (args.includes('--show-blind')) show(name, r.cases, all);
    } else if (name === 'test' || all || args.includes('--all-misses')) show(name, r.cases, all);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
