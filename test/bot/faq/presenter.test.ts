// The replies the commands' tests do not reach: a reload that skipped files,
// a gaps report with only down-voted answers, a changed vote.
import { describe, expect, it } from 'vitest';
import { composingReply, feedbackReply, gapsReply, reloadReply } from '../../../src/bot/faq/presenter.js';

describe('FAQ presenter', () => {
  it('a reload that skipped files names them and is error-toned; a clean one is not', () => {
    const bad = reloadReply({ docs: 2, sections: 5, problems: [{ file: 'broken.md', message: 'id: is required (a string)' }], ms: 12 });
    expect(bad).toMatchObject({ tone: 'error', data: { docs: 2, sections: 5, ms: 12 } });
    expect(bad.text).toBe('Reloaded 2 documents (5 sections) in 12 ms.\nSkipped 1 file(s):\n• broken.md: id: is required (a string)');
    const clean = reloadReply({ docs: 2, sections: 5, problems: [], ms: 3 });
    expect(clean.tone).toBeUndefined();
    expect(clean.text).toBe('Reloaded 2 documents (5 sections) in 3 ms.');
  });

  it('gaps: nothing to report, or only down-voted answers (no table), worded for the period', () => {
    expect(gapsReply([], [], 7).text).toBe('No unanswered or down-voted questions in the last 7 day(s).');
    const reply = gapsReply([], [{ question: 'Why?', sectionId: 'why.en#a', up: 0, down: 2 }], undefined);
    expect(reply.table).toBeUndefined();
    expect(reply.text).toBe('Every question got a confident answer.\n\nAnswers voted unhelpful:\n• “Why?” → why.en#a (👍 0 / 👎 2)');
  });

  it('a vote is acknowledged to the voter alone; a changed vote says so', () => {
    const reply = feedbackReply({ answerId: 7, vote: -1, changed: true, up: 0, down: 1 });
    expect(reply).toMatchObject({ ephemeral: true, data: { answerId: 7, vote: -1, changed: true } });
    expect(reply.text).toBe('Changed your vote to 👎 for answer #7. Maintainers see it in /faq gaps.');
    expect(feedbackReply({ answerId: 7, vote: 1, changed: false, up: 1, down: 0 }).text).toBe('Thanks, recorded 👍 for answer #7.');
  });

  it('the composing line is in the question’s language', () => {
    expect(composingReply('zh').text).toBe('正在根据知识库组织答案…');
    expect(composingReply('en').text).toBe('Composing an answer from the knowledge base…');
  });
});
