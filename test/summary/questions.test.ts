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

describe('isQuestion: the forms people use, and what only looks like a question', () => {
  const asks = [
    // Sentence-final particles and marks.
    'Claude 的 batch 接口在国内能用吗', '这个接口支持流式输出么', '这次降价是真的吧', '那 batch 接口呢', 'DeepSeek 的 API 稳定吗？最近老超时',
    // Interrogatives, anywhere in the clause (几/多少/什么 at its end).
    '欧洲区的数据驻留他们现在支持了没', '火山引擎的企业折扣怎么申请', '为啥账单突然涨了这么多', '谁负责续费', '你们用的是哪家的 embedding', '是否需要提前报备', '会不会影响线上', '现在 GPT-4o 多少钱一百万 token', '价格是多少', '要等几天',
    // Requests phrased as questions.
    '有人知道火山引擎的企业折扣怎么申请吗？我们预算卡得很紧', '有没有人用过 Kimi 的长文本', '求推荐一个便宜的向量数据库', '求一个文心 4.0 和混元 pro 的效果对比报告，有的话发我一下', '我想问一下，发票怎么开', '请问 GPU 租赁价格',
    'anyone know if the Azure commitment discount applies to GPT-4o mini', 'can someone review my PR for the price table', 'any idea why the bill doubled', 'I was wondering if we could get a volume discount', 'Quick question: does Haiku support vision',
    // English question order, with or without the mark.
    'who owns the cost dashboard? the October numbers look wrong', 'how are we handling customers on the old grandfathered plan', 'Is the Haiku batch endpoint available in eu-west', 'which provider has the cheapest embeddings',
    'how much does fine-tuning cost now', '@Maya is the dashboard fixed', 'Should we switch to batch for the nightly jobs',
  ];
  const states = [
    // Statements, opinions and interrogatives used as quantities or indefinites.
    '我觉得会有一波整合，只剩几家大厂和开源方案', '周三晚上集群维护，训练任务会停几个小时，请大家提前保存 checkpoint', '这个价格几乎是免费的', '谁都没想到降价这么快', '不管怎么样，先上线再说', '无论如何下周要给结论',
    '我不知道为什么他们要降这么多，但对我们是好事', '我们先用 DeepSeek 吧', '豆包也太便宜了吧', 'I think the price will drop again', 'When we were on spot, it was cheap', 'Should be fixed in the next release', 'Can confirm, it works now', 'Which is why we moved.',
    // Rhetorical questions.
    '谁不想要便宜的模型呢？关键还是效果', '难道开源模型就不要钱吗？GPU 也是钱啊', '怎么可能一周就把一万条标完，标注团队才三个人', '这么便宜，谁还自己部署啊？', 'Who cares about a 2% difference on the embeddings bill, honestly.',
    "Why pay for GPT-4o when mini does the job? It doesn't make sense for triage.", "Cheaper AND better? What's not to like.", 'Does anyone actually read pricing footnotes? Asking for a friend.', 'Does it matter? Not really, the difference is 2%.',
    'DeepSeek cut prices again?!', 'How cool is that!', 'Who knows, maybe next year.',
    // Quoted and reported questions, links and code.
    '“这个价格是不是写错了？”——用户上周的反馈，就是因为缓存价没标清楚', 'From the vendor deck: "Why pay more for the same tokens?" Cute slogan.', '> how do we rotate the keys?\nDone now, see the runbook', 'see https://example.com/pricing?plan=team for the table', 'run `curl "$URL?x=1"` to check',
  ];
  it.each(asks)('asks: %s', (text) => expect(isQuestion(text)).toBe(true));
  it.each(states)('does not ask: %s', (text) => expect(isQuestion(text)).toBe(false));
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

describe('answered or not', () => {
  const day = (d: number, minute: number, user: string, text: string, extra: Partial<ChannelMessage> = {}): ChannelMessage => ({ id: `d${d}m${minute}`, ts: new Date(Date.UTC(2026, 10, 2 + d, 8, minute)), user, userName: user, text, isBot: false, isSystem: false, ...extra });

  it('an answer in another thread, days later, that addresses the asker closes the question', () => {
    const q = day(0, 0, 'lena', 'Do we have a contract renewal date with OpenAI? Procurement asked me.');
    const other = day(2, 0, 'nora', 'Started the renewal forecast thread with procurement');
    expect(open([q, day(0, 40, 'raj', 'Gemini Flash is half the price of mini now'), other])).toEqual(['d0m0']);
    expect(open([q, other, day(2, 5, 'nora', '<@lena> re your renewal date question: it is December 15, in the signed order form', { threadId: 'd2m0' })])).toEqual([]);
    // A mention about something else entirely, a day later, answers nothing.
    expect(open([q, day(1, 0, 'nora', '<@lena> lunch tomorrow at the usual place')])).toEqual(['d0m0']);
  });

  it('a platform reply or a quote answers whenever it comes', () => {
    const q = day(0, 0, 'a', 'What is the Vertex quota for Gemini Flash in europe-west4?');
    expect(open([q, day(3, 0, 'b', 'It is 300 requests a minute by default', { replyTo: 'd0m0' })])).toEqual([]);
    expect(open([q, day(3, 0, 'b', '> What is the Vertex quota for Gemini Flash\n300 a minute, ask support for more')])).toEqual([]);
  });

  it('"+1 who owns …?" is a vote for the first asker, not a question of its own', () => {
    const digest = summarizeExtractive([
      day(0, 0, 'jon', 'who owns the cost dashboard? the October numbers look wrong'),
      day(0, 40, 'kemi', 'Anthropic halved Claude Haiku batch pricing'),
      day(0, 45, 'priya', '+1 who owns the cost dashboard?'),
    ], { length: 'full' });
    expect(digest.unanswered.map((q) => ({ user: q.user, votes: q.sameQuestion }))).toEqual([{ user: 'jon', votes: 1 }]);
  });

  it('"no idea", a counter-question and a CI bot are no answers; the asker\'s "found it" is', () => {
    const q = day(0, 0, 'a', 'How do we rotate the OpenAI keys without downtime?');
    expect(open([q, day(0, 2, 'b', 'no idea, sorry', { threadId: 'd0m0' })])).toEqual(['d0m0']);
    // (The counter-question, unanswered itself, is listed too.)
    expect(open([q, day(0, 2, 'b', 'which keys, prod or staging?', { threadId: 'd0m0' })])).toEqual(['d0m0', 'd0m2']);
    expect(open([q, day(0, 1, 'ci', 'Build #880 passed on main', { isBot: true })])).toEqual(['d0m0']);
    expect(open([q, day(0, 30, 'a', 'found it: the runbook has a two-key rotation', { threadId: 'd0m0' })])).toEqual([]);
  });

  it('the next message answers only when it reads as a reply, not when it opens its own subject', () => {
    const q = day(0, 0, 'a', '有人知道火山引擎的企业折扣怎么申请吗？我们预算卡得很紧');
    const statement = day(0, 4, 'b', '我觉得会有一波整合，只剩几家大厂和开源方案');
    expect(open([q, statement, day(0, 6, 'c', '同意，小厂很难扛住', { threadId: 'd0m4' })])).toEqual(['d0m0']);
    expect(open([day(0, 0, 'a', '训练日志保存多久？'), day(0, 2, 'b', '保留 30 天，之后自动归档')])).toEqual([]);
    expect(open([day(0, 0, 'a', 'what currency do we show for users in Japan?'), day(0, 2, 'b', 'USD for now, JPY is on the roadmap for Q1.')])).toEqual([]);
    // A remark on something else a while later, or one that opens its own thread, answers nothing.
    expect(open([day(0, 0, 'a', 'what currency do we show for users in Japan?'), day(0, 9, 'b', 'Going to lunch, back soon')])).toEqual(['d0m0']);
  });
});
