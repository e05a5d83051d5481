// Small stopword lists for retrieval and extractive summaries. Deliberately
// short: every word removed here can never be matched, so only words that
// carry no topic are listed. Words that matter in a price-war conversation
// are kept on purpose: direction ("up", "down", "off" as in "50% off", 降/涨),
// negation ("not", "no", 不, 没有) and comparison ("more", "less", 最, 更).

/** English, lower-case surface forms (matched before stemming; apostrophes already removed). */
export const EN_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing during each for from further had has have having he her
  here hers herself him himself his how i if in into is it its itself just me my myself of on once only or
  other our ours ourselves out own same she should so some such than that the their theirs them themselves
  then there these they this those through to too under until very was we were what when where which while
  who whom why will with would you your yours yourself yourselves im ive id youre youve theyre thats whats
  dont doesnt didnt isnt arent wasnt lets shall may might must get got`
    .split(/\s+/)
    .filter(Boolean),
);

/** Chinese, as jieba segments them (function words, pronouns, particles). */
export const ZH_STOPWORDS: ReadonlySet<string> = new Set(
  `的 了 是 在 和 与 及 或 而 也 都 就 还 又 被 把 对 从 向 给 让 由 于 以 之 其 着 过 得 地 有 很 吗 呢 吧 啊 呀 哦 嗯 哈 啦 么 嘛
  这 那 这个 那个 这些 那些 这里 那里 这样 那样 这么 那么 我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己
  什么 怎么 怎样 怎么样 如何 为什么 为何 哪 哪个 哪些 哪里 一个 一些 一下 一样 一种 可以 能 会 要 想 应该 需要
  因为 所以 但是 但 然后 如果 虽然 而且 并且 或者 还是 就是 只是 已经 正在 关于 对于 等 等等 以及 之后 之前 其中 另外 此外`
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopword(token: string): boolean {
  return EN_STOPWORDS.has(token) || ZH_STOPWORDS.has(token);
}
