// Words that people put around a question in chat but that say nothing
// about its topic: interrogatives, fillers and politeness ("到底", "干嘛",
// "请问", "please", "tell me"). They are dropped from questions before
// scoring, on top of the shared stopword list in src/text (which is kept
// short on purpose because summaries use it too). Without this, "贾扬清现在
// 在干嘛" would look only one-third answered by the page about him, because
// "现在" and "干嘛" carry as much weight as his name. The second line holds
// the frame of a question (常见的…有哪几种, 一般…), the last two chat slang
// ("tbh", "rn", "u") and interrogatives typed without an apostrophe
// ("whos", "hows" reach this list stemmed, as "who", "how"; "one" as "on"),
// and "vs": words that say how something is asked, not what.

export const QUESTION_FILLER: ReadonlySet<string> = new Set(
  `啥 为啥 干嘛 干什么 干啥 咋 咋样 回事 怎么回事 咋回事 意思 啥意思 什么意思 到底 究竟 是不是 能不能 会不会 有没有 可不可以 要不要 请问 请 麻烦 一下 下 吧 呗
  现在 目前 如今 当时 那个 这件 这件事 事 事儿 谁 哪 哪儿 是否 么 呢 吗 讲讲 说说 介绍 介绍一下 知道 告诉 告诉我 帮我 问
  常见 一般 通常 主要 几种 哪几种 会往 往 哪家 哪些地方 几个 哪几个 有些 哪些方面 方面 情况 问题 东西 具体 大概 来着 一般来说 得到 带来 得 了解 想问 能干
  please tell know explain describ anyon someon thing stuff realli actual
  big biggest main major key basic simpl quick quickli fast best most exactli current nowaday now
  lol tbh imo imho btw pls plz thx thank rn ur u r ya yeah hey hi gonna wanna kinda sorta ok okay guy mean
  who how why where when what which there cant wont tho lemm gimm everyth anyth someth noth vs versu on`
    .split(/\s+/)
    .filter(Boolean),
);
