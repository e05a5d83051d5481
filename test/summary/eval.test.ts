/**
 * The digest on the labelled transcripts (test/summary/eval): open-question
 * precision and recall of at least 0.9 over all of them (held-out ones
 * included, and reported apart by `npm run eval:summary`), every labelled
 * topic covered, titles that read as phrases, and the three cases that
 * started this work.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeExtractive } from '../../src/summary/extractive.js';
import { parseTranscript } from '../../src/summary/transcript.js';
import { loadLabels, scoreTranscript, totals, transcriptPath } from './eval/score.js';

const labels = loadLabels();
const scores = labels.map(scoreTranscript);

describe('the labelled evaluation set', () => {
  it('is what the evaluation needs: at least 5 transcripts, 250 messages, zh, en and mixed, held-out ones apart', () => {
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels.reduce((s, l) => s + l.messages, 0)).toBeGreaterThanOrEqual(250);
    expect(labels.some((l) => l.heldOut)).toBe(true);
    for (const l of labels) expect(l.open.length + l.answered.length).toBeGreaterThan(3);
  });

  it('open questions: precision and recall at least 0.9', () => {
    const all = totals(scores, labels);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.9);
    // No transcript is far off on its own either.
    for (const s of scores) expect(s.missed.length + s.falsePositives.length, s.name).toBeLessThanOrEqual(1);
  });

  it('rhetorical questions are never listed', () => {
    const tuned = scores.filter((s) => !s.heldOut);
    for (const s of tuned) expect(s.falsePositives.filter((f) => f.label === 'rhetorical'), s.name).toEqual([]);
  });

  it('every labelled topic is covered, and titled with a phrase, not a keyword list', () => {
    expect(totals(scores, labels).topicCoverage).toBeGreaterThanOrEqual(0.9);
    for (const s of scores) {
      for (const title of s.titles) {
        expect(title, s.name).not.toMatch(/ · /);
        expect(title.length, title).toBeLessThanOrEqual(70);
        expect(title.length, title).toBeGreaterThan(5);
      }
    }
  });
});

describe('the cases from the report that started this', () => {
  const load = (name: string) => parseTranscript(readFileSync(transcriptPath(name), 'utf8')).messages;

  it('lists the plain unanswered Chinese question, and not the statement with 几家 in it', () => {
    const digest = summarizeExtractive(load('01-zh-pricing-ops'), { length: 'full' });
    const texts = digest.unanswered.map((q) => q.text);
    expect(texts.some((t) => t.startsWith('有人知道火山引擎的企业折扣怎么申请吗'))).toBe(true);
    expect(texts.some((t) => t.includes('我觉得会有一波整合'))).toBe(false);
    // Its title reads as a sentence.
    expect(digest.topics.map((t) => t.title)).toContain('DeepSeek 又降价了：缓存命中的输入价格降到 0.2 元/百万 tokens');
  });

  it('credits "+1 who owns the cost dashboard?" to the person who asked it first, as a vote', () => {
    const digest = summarizeExtractive(load('02-en-infra'), { length: 'full' });
    const dashboard = digest.unanswered.filter((q) => /cost dashboard/.test(q.text));
    expect(dashboard).toHaveLength(1);
    expect(dashboard[0]).toMatchObject({ user: 'Jon', sameQuestion: 1 });
    expect(dashboard[0]?.text).toMatch(/^who owns the cost dashboard\?/);
  });

  it('titles the training topics with what was said (数据增强…, 周三…维护), not keyword triples', () => {
    const titles = summarizeExtractive(load('04-zh-training-ops'), { length: 'full' }).topics.map((t) => t.title);
    expect(titles.some((t) => t.startsWith('数据增强做完了'))).toBe(true);
    expect(titles.some((t) => t.startsWith('周三晚上集群维护'))).toBe(true);
  });
});
