import { describe, expect, it } from 'vitest';
import { summarizeExtractive } from '../../src/summary/extractive.js';
import { isQuestion } from '../../src/summary/questions.js';
import type { ChannelMessage } from '../../src/summary/types.js';

function msg(minute: number, user: string, text: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return { id: `m${minute}`, ts: new Date(Date.UTC(2026, 10, 2, 8, minute)), user, text, isBot: false, isSystem: false, ...extra };
}
const open = (messages: ChannelMessage[]): string[] => summarizeExtractive(messages, { length: 'full' }).unanswered.map((q) => q.id);

describe('isQuestion', () => {
  it('recognises questions in both languages', () => {
    for (const q of ['Does anyone know the new Haiku price', 'what changed?', '有人知道文心的价格吗', 'DeepSeek 会不会继续降价', '这次降价幅度是多少', '请问 GPU 租赁价格']) expect(isQuestion(q)).toBe(true);
    for (const s of ['DeepSeek cut prices today.', '豆包降价了。', 'Is', 'I will check the pricing page']) expect(isQuestion(s)).toBe(false);
  });
});

describe('open questions', () => {
  it('a thread reply by someone else answers; the asker and "+1"s do not', () => {
    expect(open([msg(0, 'a', 'What does Haiku batch cost now?'), msg(1, 'b', 'Half of the normal price since October.', { threadId: 'm0' })])).toEqual([]);
    expect(open([msg(0, 'a', 'What does Haiku batch cost now?'), msg(1, 'a', 'anyone?', { threadId: 'm0' }), msg(2, 'b', '+1 we need it too', { threadId: 'm0' })])).toEqual(['m0']);
  });

  it('at the top level, an adjacent reply or one sharing words answers', () => {
    expect(open([msg(0, 'a', 'Is the Qwen-Long price cut live?'), msg(2, 'b', 'yes since Tuesday, checked the console')])).toEqual([]);
    expect(open([msg(0, 'a', 'Is the Qwen-Long price cut live?'), msg(2, 'a', 'hello?'), msg(20, 'b', 'The Qwen-Long cut went live on Tuesday')])).toEqual([]);
    // Someone else talking about something else half an hour later is no answer.
    expect(open([msg(0, 'a', 'Is the Qwen-Long price cut live?'), msg(25, 'b', 'Lunch is pizza today in the kitchen')])).toEqual(['m0']);
  });

  it('a bot that says it has no answer leaves the question open for the bot block; a bot answer closes it', () => {
    const noAnswer = summarizeExtractive([msg(0, 'a', '<@UBOT> who won the price war?'), msg(1, 'UBOT', 'The knowledge base has no answer to that question.', { isBot: true, threadId: 'm0' })]);
    expect(noAnswer.unanswered).toEqual([]);
    expect(noAnswer.botActivity.faqUnanswered.map((f) => f.id)).toEqual(['m0']);
    const answered = summarizeExtractive([msg(0, 'a', '<@UBOT> why are prices falling?'), msg(1, 'UBOT', 'Cheaper hardware and competition. Source: FAQ › Why prices fall', { isBot: true, threadId: 'm0' })]);
    expect(answered.unanswered).toEqual([]);
    expect(answered.botActivity.faqAnswered.map((f) => f.id)).toEqual(['m0']);
  });
});

describe('bot activity, in the words this bot\'s modules use', () => {
  it('reads /train results, FAQ "no answer" replies to slash commands, and ignores progress and other bots', () => {
    const digest = summarizeExtractive([
      msg(0, 'UBOT', 'Training job #3: epoch 4 of 10\n`████░░░░ 40%`', { isBot: true }),
      msg(1, 'UBOT', 'Training job #3: done\nTest accuracy **0.930** after 10 epochs (tensorflow, 4.2 s).', { isBot: true }),
      msg(2, 'UBOT', 'Training job #4: failed\nFailed: out of memory', { isBot: true }),
      msg(3, 'UBOT', '知识库里没有这个问题的答案。\n我能回答的相近问题：…', { isBot: true }),
      msg(4, 'UCI', 'Deploy of pricewar-bot finished on staging', { isBot: true }),
    ]);
    expect(digest.botActivity.training.map((t) => ({ id: t.jobId, ok: t.ok, result: t.result }))).toEqual([
      { id: '3', ok: true, result: 'Test accuracy 0.930' },
      { id: '4', ok: false, result: undefined },
    ]);
    expect(digest.botActivity.faqUnanswered).toHaveLength(1);
    expect(digest.botActivity.faqUnanswered[0]?.question).toBe('');
    expect(digest.botActivity.faqUnanswered[0]?.reply).toMatch(/^知识库里没有/);
    expect(digest.quiet).toBe(false);
  });
});
