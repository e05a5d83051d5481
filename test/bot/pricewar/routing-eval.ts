/**
 * The plain-words routing evaluation set: lines a user might type, with
 * where they should go — a /pricewar line (the price store answers) or the
 * FAQ. Half Chinese, half English; it includes FAQ questions that talk
 * about prices without asking for one (why prices fall, the article's
 * claims, effects on companies), which must stay with the FAQ.
 */
export interface RoutingCase {
  readonly text: string;
  /** `faq`, or the exact command line expected. */
  readonly expected: string;
}

export const ROUTING_EVAL: readonly RoutingCase[] = [
  // ── price look-ups, English ─────────────────────────────────────────────
  { text: 'how much is gpt-4o now', expected: '/pricewar compare gpt-4o' },
  { text: 'How much does gpt-4o-mini cost per million tokens?', expected: '/pricewar compare gpt-4o-mini' },
  { text: 'what is the price of claude-3-5-sonnet', expected: '/pricewar compare claude-3-5-sonnet' },
  { text: 'deepseek-chat price?', expected: '/pricewar compare deepseek-chat' },
  { text: 'Is gpt-4o cheaper than claude-3-5-sonnet?', expected: '/pricewar compare gpt-4o claude-3-5-sonnet' },
  { text: 'which is cheaper, gpt-4o-mini or gemini-1.5-flash', expected: '/pricewar compare gpt-4o-mini gemini-1.5-flash' },
  { text: 'compare the price of qwen-long and gpt-4o-mini', expected: '/pricewar compare qwen-long gpt-4o-mini' },
  { text: 'How expensive is gpt-4-turbo today?', expected: '/pricewar compare gpt-4-turbo' },
  { text: 'price of ernie-speed-8k vs glm-4', expected: '/pricewar compare ernie-speed-8k glm-4' },
  { text: 'What does deepseek-reasoner cost now?', expected: '/pricewar compare deepseek-reasoner' },
  { text: 'current pricing for gpt-4o and DeepSeek', expected: '/pricewar compare gpt-4o deepseek' },
  { text: 'how much is hunyuan-lite', expected: '/pricewar compare hunyuan-lite' },
  { text: 'Is doubao-pro-32k cheap?', expected: '/pricewar compare doubao-pro-32k' },
  { text: 'how much is qwen-turbo per 1M tokens', expected: '/pricewar compare qwen-turbo' },
  { text: 'gpt-4o-mini vs claude-3-haiku price', expected: '/pricewar compare gpt-4o-mini claude-3-haiku' },
  { text: 'how much did gpt-4o price fall per year', expected: '/pricewar trend --model gpt-4o' },
  // ── cheapest at a level ─────────────────────────────────────────────────
  { text: 'What is the cheapest GPT-4-level model now?', expected: '/pricewar trend --tier gpt-4' },
  { text: 'cheapest gpt-4 class model', expected: '/pricewar trend --tier gpt-4' },
  { text: 'cheapest GPT-3.5 level model?', expected: '/pricewar trend --tier gpt-3.5' },
  { text: 'GPT-4 级别最便宜的模型是哪个', expected: '/pricewar trend --tier gpt-4' },
  { text: '现在最便宜的 GPT-4 水平模型', expected: '/pricewar trend --tier gpt-4' },
  // ── price look-ups, Chinese ─────────────────────────────────────────────
  { text: 'qwen-turbo 现在多少钱？', expected: '/pricewar compare qwen-turbo' },
  { text: 'GPT-4o 和 DeepSeek 哪个便宜', expected: '/pricewar compare gpt-4o deepseek' },
  { text: 'gpt-4o 的价格是多少', expected: '/pricewar compare gpt-4o' },
  { text: 'qwen-long 多少钱一百万token', expected: '/pricewar compare qwen-long' },
  { text: 'ernie-speed-8k 现在收费吗', expected: '/pricewar compare ernie-speed-8k' },
  { text: 'deepseek-chat 和 gpt-4o-mini 谁更便宜？', expected: '/pricewar compare deepseek-chat gpt-4o-mini' },
  { text: 'claude-3-5-sonnet 价格', expected: '/pricewar compare claude-3-5-sonnet' },
  { text: 'doubao-lite 的定价', expected: '/pricewar compare doubao-lite' },
  { text: 'glm-4 贵不贵', expected: '/pricewar compare glm-4' },
  { text: 'spark-lite 现在价格多少', expected: '/pricewar compare spark-lite' },
  { text: 'gpt-4o-mini 多少钱', expected: '/pricewar compare gpt-4o-mini' },
  { text: '比较一下 qwen-long、ernie-speed-8k 和 glm-4 的价格', expected: '/pricewar compare qwen-long ernie-speed-8k glm-4' },
  { text: 'hunyuan-lite 和 doubao-lite 哪个便宜', expected: '/pricewar compare hunyuan-lite doubao-lite' },
  { text: 'deepseek-reasoner 的报价', expected: '/pricewar compare deepseek-reasoner' },
  // ── FAQ, English (prices mentioned, no look-up) ─────────────────────────
  { text: 'Why are LLM API prices falling so fast?', expected: 'faq' },
  { text: 'How much did prices fall per year according to Epoch AI?', expected: 'faq' },
  { text: 'What did the article say about the price war?', expected: 'faq' },
  { text: 'What is the impact of the price war on small companies?', expected: 'faq' },
  { text: 'Why did gpt-4o get cheaper?', expected: 'faq' },
  { text: 'Is a price war good for users?', expected: 'faq' },
  { text: 'what is inference cost made of', expected: 'faq' },
  { text: 'who is Jia Yangqing', expected: 'faq' },
  { text: 'explain the pricing of tokens', expected: 'faq' },
  { text: 'What are the pros and cons of cutting prices?', expected: 'faq' },
  { text: 'how do I train a model with keras', expected: 'faq' },
  { text: 'should we switch to a cheaper model?', expected: 'faq' },
  { text: 'What caused the May 2024 price cuts in China?', expected: 'faq' },
  { text: 'How does GPU rental cost affect API prices?', expected: 'faq' },
  // ── FAQ, Chinese ────────────────────────────────────────────────────────
  { text: '为什么大模型价格下降这么快？', expected: 'faq' },
  { text: '价格战对中小企业有什么影响', expected: 'faq' },
  { text: '文章里怎么说降价的', expected: 'faq' },
  { text: '贾扬清是谁', expected: 'faq' },
  { text: '2024年5月中国的大模型降价潮是怎么回事', expected: 'faq' },
  { text: '降价的原因是什么', expected: 'faq' },
  { text: '价格战的利弊', expected: 'faq' },
  { text: '为什么 deepseek 这么便宜', expected: 'faq' },
  { text: '推理成本由哪些部分组成', expected: 'faq' },
  { text: '大模型在医疗上有什么应用', expected: 'faq' },
  { text: '神经网络的数学原理', expected: 'faq' },
  { text: '价格下降意味着什么', expected: 'faq' },
  { text: '怎么看待免费的大模型', expected: 'faq' },
  { text: '每年价格下降多少倍', expected: 'faq' },
];
