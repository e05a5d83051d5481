// The held-out TEST part of the FAQ evaluation: questions typed the way
// people really write in a chat (colloquial, typos, mixed Chinese/English,
// fragments), written before any tuning and never tuned against: the first
// batch by an earlier session, the second (marked below) when the work on
// issue #12 began, before the retrieval was changed. Exact or near copies of
// tuning questions were replaced in that same step, also before tuning.
// The tuning part is ./eval-set.ts. When a question here is missed, fix the
// retrieval from what the tuning part shows, never this file; the misses are
// printed by `npm run eval:faq` so they stay visible.
//
// `expect` is `docId` or `docId#anchor` (the section must match too), or
// null (out of scope: the bot must decline). `near` marks out-of-scope
// questions that name a company, model or topic the knowledge base touches on.

import type { EvalCase } from './eval-set.js';

export const EVAL_TEST_SET: readonly EvalCase[] = [
  // jia-yangqing
  { q: '贾扬清后来去哪了', expect: 'jia-yangqing' },
  { q: 'jia yangqing现在在哪家公司', expect: 'jia-yangqing' },
  { q: 'Lepton AI被谁收购了', expect: 'jia-yangqing' },
  { q: 'is jia yangqing the zhipu guy?', expect: 'jia-yangqing' },
  { q: 'caffe作者是谁', expect: 'jia-yangqing' },

  // why-prices-fall
  { q: 'api为什么越来越便宜啊', expect: 'why-prices-fall' },
  { q: 'why r llm prices droping so fast', expect: 'why-prices-fall' },
  { q: '硬件进步对降价有多大作用', expect: 'why-prices-fall#hardware' },
  { q: 'token price going down, whats the reason', expect: 'why-prices-fall' },

  // price-decline-rates
  { q: '每年降价几倍来着', expect: 'price-decline-rates' },
  { q: 'epoch ai说价格每年降多少', expect: 'price-decline-rates#epoch-ai' },
  { q: 'llmflation什么意思', expect: 'price-decline-rates' },
  { q: 'how fast r inference prices falling per yr', expect: 'price-decline-rates' },

  // price-cuts-may-2024
  { q: 'qwen降了多少', expect: 'price-cuts-may-2024#alibaba' },
  { q: '豆包多少钱一千tokens', expect: 'price-cuts-may-2024#bytedance' },
  { q: '智谱那次降价降到多少', expect: 'price-cuts-may-2024#zhipu' },
  { q: 'deepseek v2 price per million tokens?', expect: 'price-cuts-may-2024#deepseek' },
  { q: '文心哪些模型免费了', expect: 'price-cuts-may-2024#baidu' },
  { q: '讯飞星火也降价了吗', expect: 'price-cuts-may-2024#iflytek-tencent' },
  { q: 'which vendors didnt cut prices', expect: 'price-cuts-may-2024#non-participants' },
  { q: '价格战是谁先挑起来的', expect: 'price-cuts-may-2024' },
  { q: 'bytedance doubao launch price', expect: 'price-cuts-may-2024#bytedance' },

  // inference-economics
  { q: 'deepseek说自己利润率545%是真的吗', expect: 'inference-economics#deepseek-2025' },
  { q: '卖这么便宜是不是在亏本', expect: 'inference-economics' },
  { q: '推理成本怎么算啊', expect: 'inference-economics#formula' },

  // price-war-pros-cons
  { q: '价格战的坏处有哪些', expect: 'price-war-pros-cons' },
  { q: 'price war good or bad for the industry tbh?', expect: 'price-war-pros-cons' },
  { q: '降价有啥好处', expect: 'price-war-pros-cons' },

  // innovation
  { q: '降价会不会影响创新', expect: 'innovation' },
  { q: 'price war = less research money?', expect: 'innovation' },

  // smes
  { q: '小公司用大模型api要注意啥风险', expect: 'smes#risks' },
  { q: 'startup should i rely on cheap llm apis', expect: 'smes' },
  { q: '初创公司怎么利用便宜的大模型', expect: 'smes' },

  // trends-challenges
  { q: 'federated learnig是什么', expect: 'trends-challenges' },
  { q: 'what are the main challenges facing LLMs rn', expect: 'trends-challenges#challenges' },
  { q: '多模态是什么意思', expect: 'trends-challenges' },

  // llm-training
  { q: 'sft和预训练有啥区别', expect: 'llm-training' },
  { q: '训练前数据要怎么预处理', expect: 'llm-training#data' },

  // neural-network-math
  { q: '梯度下降怎么理解', expect: 'neural-network-math#gradient-descent' },
  { q: 'whats the formula for mse loss', expect: 'neural-network-math#loss' },

  // keras-example
  { q: 'keras那段代码要装什么环境', expect: 'keras-example#setup' },
  { q: 'can i reproduce the 0.92 accuracy', expect: 'keras-example' },

  // applications / healthcare
  { q: '银行能用llm做什么', expect: 'applications' },
  { q: '图像识别能用大模型吗', expect: 'applications' },
  { q: 'AI看病靠谱吗', expect: 'healthcare' },
  { q: '大模型在医疗影像上有什么用', expect: 'healthcare' },

  // tools-and-papers / about-article
  { q: '深度学习入门有啥书推荐不', expect: 'tools-and-papers' },
  { q: 'which papers should i read on transformers', expect: 'tools-and-papers' },
  { q: '原文最后的结论是啥', expect: 'about-article' },
  { q: 'what mistakes did the article make', expect: 'about-article' },

  // Added before any tuning (second batch): short fragments, typos, mixed zh/en.
  { q: 'deepseek毛利多少', expect: 'inference-economics#deepseek-2025' },
  { q: '405b跑一天成本多少', expect: 'inference-economics#llama-405b' },
  { q: 'kimi有没有跟着降价', expect: 'price-cuts-may-2024#non-participants' },
  { q: 'a16z llmflation 10x?', expect: 'price-decline-rates#a16z' },
  { q: '交叉熵和mse区别', expect: 'neural-network-math#loss' },
  { q: 'sme要不要all in大模型', expect: 'smes' },
  { q: '贾扬清在nvidia干啥', expect: 'jia-yangqing#biography' },
  { q: 'whos zhang peng', expect: 'jia-yangqing' },
  { q: '文心一言免费了？', expect: 'price-cuts-may-2024#baidu' },
  { q: 'rlhf干嘛用的', expect: 'llm-training' },
  { q: 'how does backprop calc gradients', expect: 'neural-network-math#gradient-descent' },
  { q: 'competition pushing prices down?', expect: 'why-prices-fall' },

  // --- out of scope (far) ---
  { q: '北京明天下雨吗', expect: null },
  { q: '推荐一家好吃的火锅店', expect: null },
  { q: 'how do i cook rice in a microwave', expect: null },
  { q: '股票明天会涨吗', expect: null },
  { q: 'whats the capital of canada', expect: null },
  { q: '怎么学好英语口语', expect: null },
  { q: 'best laptop for gaming 2024', expect: null },
  { q: '周末去哪玩比较好', expect: null },
  { q: 'how to fix a flat bike tire', expect: null },
  { q: 'nba总冠军是谁', expect: null },
  { q: 'tell me a funny story lol', expect: null },
  { q: '失眠了怎么办', expect: null },
  { q: 'how much is a ticket to tokyo', expect: null },
  { q: '猫能吃巧克力吗', expect: null },
  { q: 'what is the meaning of life', expect: null },
  { q: '房价会跌吗', expect: null },
  { q: 'how do i renew my passport', expect: null },
  { q: '手机充不进电咋办', expect: null },
  { q: 'whats a good name for a dog', expect: null },

  { q: 'how to lose weight fast', expect: null },
  { q: '怎么退订视频会员', expect: null },

  // --- out of scope, near-domain (names the KB touches on, asks what it does not answer) ---
  { q: 'anthropic的ceo是谁', expect: null, near: true },
  { q: 'how much does gpt-4o cost per million tokens', expect: null, near: true },
  { q: '阿里巴巴股价多少', expect: null, near: true },
  { q: 'deepseek总部在哪个城市', expect: null, near: true },
  { q: 'how many employees does bytedance have', expect: null, near: true },
  { q: '百度的创始人是谁', expect: null, near: true },
  { q: 'when was tensorflow 1.0 released', expect: null, near: true },
  { q: 'claude 3 opus 多少钱', expect: null, near: true },
  { q: 'how do i get an H100 cheaply', expect: null, near: true },
  { q: '腾讯今年营收多少', expect: null, near: true },
  { q: 'is pytorch faster than jax', expect: null, near: true },
  { q: 'gemini 2.5 pro多少钱', expect: null, near: true },
  { q: 'how many parameters does deepseek r1 have', expect: null, near: true },
  { q: 'moonshot ai valuation 2024', expect: null, near: true },
];
