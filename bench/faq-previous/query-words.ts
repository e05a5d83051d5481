// The FAQ retrieval as it was before issue #12 (BM25F over jieba words and
// single Han characters, whole-section coverage), kept only so that
// bench/faq.bench.ts can time the new retrieval against it in the same run.

// Words that people put around a question in chat but that say nothing
// about its topic: interrogatives, fillers and politeness ("到底", "干嘛",
// "请问", "please", "tell me"). They are dropped from questions before
// scoring, on top of the shared stopword list in src/text (which is kept
// short on purpose because summaries use it too). Without this, "贾扬清现在
// 在干嘛" would look only one-third answered by the page about him, because
// "现在" and "干嘛" carry as much weight as his name.

export const QUESTION_FILLER: ReadonlySet<string> = new Set(
  `啥 为啥 干嘛 干什么 咋 咋样 到底 究竟 是不是 能不能 会不会 有没有 可不可以 要不要 请问 请 麻烦 一下 下 吧 呗
  现在 目前 如今 当时 那个 这件 这件事 事 事儿 谁 哪 哪儿 是否 么 呢 吗 讲讲 说说 介绍 介绍一下 知道 告诉 告诉我 帮我 问
  please tell know explain describ anyon someon thing stuff realli actual`
    .split(/\s+/)
    .filter(Boolean),
);
