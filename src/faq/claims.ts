// How the knowledge base words a correction of the source article: a
// sentence that reports what the article claims ("The source article calls
// him…", 原文称…), and the words that say a claim is wrong. Used to keep a
// quoted false claim out of an answer's opening (./engine.ts) and out of the
// statements that can answer a question about a name (./statements.ts).

/** A sentence that reports what the source article claims. */
export const REPORTS_ARTICLE_CLAIM = /\b(?:the (?:source )?article (?:calls|says|claims|states|writes|describes|credits|attributes|lists|puts|gives)|the article's (?:claim|version))\b|原文(?:称|说|写|认为|把|将|给出|提到|列出)|文章(?:称|说|写道)/iu;

/** Words with which the knowledge base says that a claim is wrong. */
export const CORRECTION = /\b(?:false|wrong|incorrect|not true|no (?:verifiable )?source|correction)\b|不对|错误|有误|更正|并非|没有找到|没有任何来源/iu;

/** Whether sentence `i` reports a claim of the article that it, or the sentence after it, says is wrong. */
export function isCorrectedClaim(sentences: readonly string[], i: number): boolean {
  const s = sentences[i] ?? '';
  return REPORTS_ARTICLE_CLAIM.test(s) && CORRECTION.test(`${s} ${sentences[i + 1] ?? ''}`);
}
