// `npm run eval:faq`: retrieval quality of the FAQ on the evaluation set.
// Prints recall@1, recall@3, MRR and the rate of confident answers to
// out-of-scope questions, then every miss. `--all` lists every question;
// `--json` prints the report as JSON. KNOWLEDGE_DIR picks the documents,
// FAQ_MIN_SCORE the threshold (read through src/config.ts, as the bot does).

import { loadConfig } from '../../src/config.js';
import { loadKnowledgeBase, FaqEngine } from '../../src/faq/index.js';
import { evaluate } from './eval-lib.js';

const args = process.argv.slice(2);
const config = loadConfig(process.env, undefined);
const kb = await loadKnowledgeBase(config.KNOWLEDGE_DIR);
for (const p of kb.problems) process.stderr.write(`skipped ${p.file}: ${p.message}\n`);
const engine = new FaqEngine(kb, config.FAQ_MIN_SCORE === undefined ? {} : { minConfidence: config.FAQ_MIN_SCORE });
const report = evaluate(engine);

if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `FAQ evaluation: ${kb.docs.length} documents, ${kb.sections.length} sections; ${report.inScope} in-scope + ${report.outOfScope} out-of-scope questions; threshold ${engine.minConfidence}`,
    `  recall@1                 ${report.recallAt1.toFixed(3)}`,
    `  recall@3                 ${report.recallAt3.toFixed(3)}`,
    `  MRR                      ${report.mrr.toFixed(3)}`,
    `  confident out-of-scope   ${pct(report.confidentOutOfScope)}  (confident answers to questions the KB cannot answer)`,
    `  confident & correct      ${pct(report.confidentCorrect)}  (in-scope questions answered confidently from the right document)`,
    `  confident & wrong        ${pct(report.confidentWrong)}  (in-scope questions answered confidently from another document)`,
  ];
  const all = args.includes('--all');
  const shown = report.cases.filter((c) => all || (c.expect !== null ? c.rank !== 1 || !c.confident : c.confident));
  if (shown.length > 0) {
    lines.push('', all ? 'All questions:' : 'Misses (wrong document first, not confident, or confident out of scope):');
    for (const c of shown) {
      const verdict = c.expect === null ? (c.confident ? 'OOS-CONFIDENT' : 'oos ok') : c.rank === 1 ? (c.confident ? 'ok' : 'ok, unsure') : `rank ${c.rank || '-'}`;
      lines.push(`  [${verdict}] ${c.q}  → ${c.ranked.slice(0, 3).join(', ') || '(nothing)'}${c.expect ? `  (expected ${c.expect})` : ''}  score ${c.score.toFixed(2)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
