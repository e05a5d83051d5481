/**
 * Scores the digest against labelled channel transcripts (./transcripts,
 * labels in ./labels.json): precision and recall of the open questions it
 * lists, and how many labelled topics one of its topics covers. Used by
 * `npm run eval:summary` (./run.ts) and by test/summary/eval.test.ts.
 *
 * What counts as listed open: the digest's "open questions" plus the
 * questions in its bot-activity block that the bot could not answer (a
 * question someone asked the bot in the channel and got "no answer" is
 * still open; the digest shows it there, once).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summarizeExtractive } from '../../../src/summary/extractive.js';
import { parseTranscript } from '../../../src/summary/transcript.js';
import type { Digest } from '../../../src/summary/types.js';

export const EVAL_DIR = fileURLToPath(new URL('./', import.meta.url));

export interface LabelledTranscript {
  readonly name: string;
  /** Not used while tuning: its figures are reported apart. */
  readonly heldOut: boolean;
  readonly messages: number;
  /** Ids (Slack ts) of questions nobody answered. */
  readonly open: readonly string[];
  /** Ids of questions that were answered (in the thread, another thread, later). */
  readonly answered: readonly string[];
  /** Ids of rhetorical questions (never to be listed). */
  readonly rhetorical: readonly string[];
  readonly topics: readonly { readonly name: string; readonly messages: readonly string[] }[];
}

export interface TranscriptScore {
  readonly name: string;
  readonly heldOut: boolean;
  readonly listed: readonly string[];
  readonly truePositives: number;
  /** Listed but not labelled open: with the label the id has, for the report. */
  readonly falsePositives: readonly { id: string; label: string; text: string }[];
  readonly missed: readonly { id: string; text: string }[];
  readonly topicsLabelled: number;
  readonly topicsCovered: number;
  readonly titles: readonly string[];
  readonly digest: Digest;
}

export function loadLabels(): LabelledTranscript[] {
  return (JSON.parse(readFileSync(`${EVAL_DIR}labels.json`, 'utf8')) as { transcripts: LabelledTranscript[] }).transcripts;
}

export function transcriptPath(name: string): string {
  return `${EVAL_DIR}transcripts/${name}.jsonl`;
}

/** A digest topic covers a labelled one when at least 2 of its messages, and at least half of them, are that topic's. */
function covers(topicIds: readonly string[], labelled: ReadonlySet<string>): boolean {
  const inside = topicIds.filter((id) => labelled.has(id)).length;
  return inside >= 2 && inside >= topicIds.length / 2;
}

export function scoreTranscript(labels: LabelledTranscript): TranscriptScore {
  const { messages, problems } = parseTranscript(readFileSync(transcriptPath(labels.name), 'utf8'));
  if (problems.length > 0) throw new Error(`${labels.name}: bad lines ${JSON.stringify(problems)}`);
  const digest = summarizeExtractive(messages, { length: 'full' });
  const listed = [...digest.unanswered.map((q) => q.id), ...digest.botActivity.faqUnanswered.filter((f) => f.question !== '').map((f) => f.id)];
  const open = new Set(labels.open);
  const text = (id: string): string => messages.find((m) => m.id === id)?.text ?? '';
  const labelOf = (id: string): string => (labels.answered.includes(id) ? 'answered' : labels.rhetorical.includes(id) ? 'rhetorical' : 'not a question');
  const truePositives = listed.filter((id) => open.has(id)).length;
  const falsePositives = listed.filter((id) => !open.has(id)).map((id) => ({ id, label: labelOf(id), text: text(id) }));
  const missed = labels.open.filter((id) => !listed.includes(id)).map((id) => ({ id, text: text(id) }));
  const topicsCovered = labels.topics.filter((t) => digest.topics.some((d) => covers(d.messageIds, new Set(t.messages)))).length;
  return { name: labels.name, heldOut: labels.heldOut, listed, truePositives, falsePositives, missed, topicsLabelled: labels.topics.length, topicsCovered, titles: digest.topics.map((t) => t.title), digest };
}

export interface Totals {
  readonly transcripts: number;
  readonly messages: number;
  readonly precision: number;
  readonly recall: number;
  readonly topicCoverage: number;
}

export function totals(scores: readonly TranscriptScore[], labels: readonly LabelledTranscript[]): Totals {
  const tp = scores.reduce((s, x) => s + x.truePositives, 0);
  const fp = scores.reduce((s, x) => s + x.falsePositives.length, 0);
  const fn = scores.reduce((s, x) => s + x.missed.length, 0);
  const names = new Set(scores.map((s) => s.name));
  return {
    transcripts: scores.length,
    messages: labels.filter((l) => names.has(l.name)).reduce((s, l) => s + l.messages, 0),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    topicCoverage: scores.reduce((s, x) => s + x.topicsCovered, 0) / Math.max(1, scores.reduce((s, x) => s + x.topicsLabelled, 0)),
  };
}
