/**
 * `npm run eval:summary`: the digest against the labelled transcripts in
 * ./transcripts. Prints, per transcript and in total (tuned and held-out
 * apart), precision and recall of the open questions and topic coverage,
 * with every miss and false alarm so a regression can be read, not guessed.
 * Options: --verbose (topic titles too).
 */
import { loadLabels, scoreTranscript, totals, type TranscriptScore } from './score.js';

const verbose = process.argv.includes('--verbose');
const labels = loadLabels();
const scores = labels.map(scoreTranscript);
const pct = (x: number): string => x.toFixed(3);

for (const s of scores) {
  const t = totals([s], labels);
  console.log(`${s.heldOut ? '[held-out] ' : ''}${s.name}: open questions P ${pct(t.precision)} R ${pct(t.recall)} (${s.truePositives} right, ${s.falsePositives.length} wrong, ${s.missed.length} missed) · topics ${s.topicsCovered}/${s.topicsLabelled}`);
  for (const f of s.falsePositives) console.log(`    listed but ${f.label}: ${f.text}`);
  for (const m of s.missed) console.log(`    missed: ${m.text}`);
  if (verbose) for (const title of s.titles) console.log(`    topic: ${title}`);
}

const line = (label: string, group: readonly TranscriptScore[]): void => {
  if (group.length === 0) return;
  const t = totals(group, labels);
  console.log(`${label}: ${t.transcripts} transcripts, ${t.messages} messages · open questions precision ${pct(t.precision)} recall ${pct(t.recall)} · topic coverage ${pct(t.topicCoverage)}`);
};
console.log('');
line('tuned   ', scores.filter((s) => !s.heldOut));
line('held-out', scores.filter((s) => s.heldOut));
line('all     ', scores);
