/**
 * Is this message a question someone wants answered? Chinese and English,
 * by the forms people use in chat, clause by clause:
 *
 *  - a clause that ends in ？/? (a URL's "?id=" or a code span is not one);
 *  - Chinese sentence-final particles: 吗/么/嘛 always, 呢 and 吧 when the
 *    clause also asks (an interrogative, or 是/对/会/能…吧: "是真的吧"),
 *    and the A-not-A ending 了没/过没有 ("支持了没");
 *  - interrogatives: 怎么, 如何, 为什么, 谁, 哪…, 是否, 有没有, 能不能,
 *    会不会, 是不是, 要不要… anywhere in the clause; 几/多少/什么 only at
 *    the clause's end ("价格是多少") since mid-clause they are often plain
 *    quantities ("只剩几家大厂");
 *  - English: a clause that opens with an auxiliary (is/does/can/should…) or
 *    a wh-word followed by an auxiliary ("who owns", "how do we");
 *  - requests phrased as questions: 有人知道…, 有没有人…, 求…, 请问…,
 *    "anyone know…", "can someone…", "any idea…", "I'm looking for…".
 *
 * And not:
 *  - quoted text: "> …" lines, and a question inside quotation marks
 *    (“这个价格是不是写错了？”——用户的反馈) is reported speech;
 *  - rhetorical forms: 难道…, 怎么可能, 谁不想…, 何必, 不是吗, "who cares",
 *    "what's not to like", "why not", "asking for a friend", a "?!" of
 *    surprise, and a question the same message answers at once
 *    ("Why? Because …");
 *  - statements and opinions: "我觉得会有一波整合，只剩几家大厂" has a
 *    几 in it and is not a question.
 */

const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
const URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"'）)\]】\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+|<(?:https?|mailto):[^>]*>/giu;
const QUOTE_LINE = /^\s*(?:>|&gt;).*$/gmu;
// Paired quotation marks around something that reads as reported speech.
const QUOTED = /“[^”]{1,200}”|「[^」]{1,200}」|『[^』]{1,200}』|"[^"\n]{1,200}"/gu;

const ZH_STRONG = /多少钱|怎么|怎样|如何|为什么|为啥|为何|咋|谁|哪(?!怕|儿都|里都|里哪里)|是否|有没有|有木有|能不能|能否|可不可以|可以不|会不会|是不是|要不要|用不用|需不需要|行不行|对不对|好不好|多久|什么时候|啥时候|何时|几点|多长时间/u;
const ZH_WEAK_AT_END = /(?:几|多少|什么|啥|哪些|几个|多少钱|什么量级|什么样)(?:[\p{L}\p{N}]{0,2})?\s*$/u;
// A clause that ends in a question particle (trailing emoji, tildes and punctuation aside).
const ZH_PARTICLE = /([吗嘛么呢吧])[\s~～…。.!！,，]*$/u;
const ZH_BA_ASKS = /(?:是|对|的|会|能|行|可以|没问题|不会|没错|够|了)吧[\s~～…。.!！]*$/u;
// Interrogatives used as indefinites or in fixed phrases: no question in them.
const ZH_NOT_INTERROGATIVE = /(?:不管|无论|不论)[^，,。；;]*|随便|怎么说呢|怎么样都|怎么都|谁都|谁也|什么都|什么也|哪都|哪儿都|为什么呢[，,]?因为|不知道为什么|说不清为什么|几乎|多少有点|多少也|多多少少|没什么|没多少|不怎么/gu;
const ZH_REQUEST = /^(?:@\S+\s*)?(?:有人|有没有人|有谁|谁能|谁有|请问|求(?:助|问|教|推荐|一个|个|链接|分享|文档|资料)|想问(?:一下|下)?|问一下|问下|打听一下|麻烦问)/u;
const ZH_RHETORICAL = /^难道|怎么可能|怎么会(?!不会)|谁不想|谁不(?:喜欢|要)|谁还|何必|何苦|有什么用|有啥用|又能怎样|不是吗|岂不是|还用说吗|有什么好/u;
// 太…了吧 / 也太…吧 is an exclamation, not a guess to confirm.
const ZH_EXCLAIM_BA = /太\S{1,8}了?吧[\s~～…。.!！]*$/u;
const ZH_OPINION = /^(?:我|我们)?(?:觉得|认为|猜|估计|感觉|相信|看来)/u;

// Characters without which no Chinese clause asks (particles, interrogatives, request verbs).
const ZH_MATERIAL = /[吗嘛么呢吧怎如为谁哪否没能可会要用需行对好久时点几多什啥何咋求请想问打麻不]/u;
// First words an English question or request can start with (after greetings and @mentions).
const EN_STARTERS = new Set([
  'is', "isn't", 'are', "aren't", 'am', 'was', "wasn't", 'were', "weren't", 'do', "don't", 'does', "doesn't", 'did', "didn't", 'can', "can't", 'could', "couldn't",
  'should', "shouldn't", 'would', "wouldn't", 'will', "won't", 'has', "hasn't", 'have', "haven't", 'had', 'may', 'might', 'shall', 'must',
  'what', "what's", 'whats', 'why', 'how', "how's", 'when', 'where', "where's", 'who', "who's", 'whom', 'whose', 'which',
  'any', 'anyone', 'anybody', "i'm", 'im', 'i', 'quick', 'dumb', 'random', 'question', 'wondering', 'need', 'help',
]);
const EN_AUX = String.raw`(?:is|isn't|are|aren't|am|was|wasn't|were|weren't|do|don't|does|doesn't|did|didn't|can|can't|could|couldn't|should|shouldn't|would|wouldn't|will|won't|has|hasn't|have|haven't|had|may|might|shall|must)`;
// Question order: the auxiliary, then its subject ("Is the Haiku endpoint…"); "Should be fine" states.
const EN_AUX_START = new RegExp(String.raw`^${EN_AUX}\s+(?:it|this|that|these|those|there|we|you|they|he|she|i|anyone|anybody|someone|somebody|everyone|the|our|your|their|my|a|an|any|[A-Z0-9][\w.-]*)\b`, 'u');
// Wh-word then auxiliary ("how do we…", "which region is…"); "When we were on spot, …" states.
const EN_WH_START = new RegExp(String.raw`^(?!which\s+(?:is|was)\s+why|which\s+means)(?:(?:what|why|how|when|where|who|whom|whose|which)\s+${EN_AUX}\b|(?:what|which|whose)\s+\w+\s+${EN_AUX}\b|(?:what's|whats|how's|where's|who's)\s|how\s+(?:much|many|long|often|come)\b|who\s+(?:owns|knows\s+how|handles|signs|runs|approves|decides|maintains|manages|has)\b)`, 'iu');
const EN_REQUEST = /^(?:@\S+\s*)?(?:(?:does\s+)?any(?:one|body)\s+(?:know|have|has|tried|tested|using|seen|got|compared|measured|checked|tracking)|(?:can|could|would)\s+(?:someone|somebody|anyone|you)\b|any\s+(?:idea|ideas|pointers|recommendations|tips|news|update)s?\b|is\s+there\s+(?:a|an|any)\b|i'?m\s+(?:looking|searching)\s+for|i\s+(?:wonder|was wondering)\s+(?:if|whether)|(?:quick|dumb|random)\s+question\b|question\s*:|do\s+(?:we|you)\s+(?:know|have)\b|wondering\s+(?:if|whether)|need\s+help\s+with|help\s+needed)/iu;
const EN_RHETORICAL = /^(?:who\s+cares|who\s+knows|why\s+not|what's\s+not\s+to\s+like|what\s+could\s+(?:possibly\s+)?go\s+wrong|how\s+(?:cool|great|nice|crazy|wild|cheap|awesome)\s+is\s+that|guess\s+what|you\s+know\s+what|isn't\s+it\s+(?:obvious|great|funny)|is\s+it\s+even\s+worth|do\s+you\s+even|am\s+i\s+the\s+only\s+one|why\s+(?:pay|spend|bother)\b[^?]*\bwhen\b|why\s+pay\s+more|why\s+would\s+anyone|who\s+(?:would|wouldn't)\s+want|who\s+doesn't|what\s+else\s+is\s+new|how\s+hard\s+can\s+it\s+be|isn't\s+that\s+the\s+(?:point|idea)|could\s+(?:it|this)\s+be\s+any)/iu;
const EN_RHETORICAL_ANYWHERE = /\?!|？！|!\?|！？/u;
// Marks the whole message as a remark, whichever clause carries the question mark.
const RHETORICAL_MESSAGE = /asking\s+for\s+a\s+friend|what's\s+not\s+to\s+like|just\s+saying|rhetorical\s+question|明知故问|反问/iu;
const EN_OPINION = /^(?:i\s+(?:think|guess|believe|feel|suspect|bet)|imo|imho|in\s+my\s+opinion|honestly)\b/iu;
const ANSWER_FOLLOWS = /^(?:because|since|answer\s*:|simple\s*:|probably\s+not|not\s+really|nope|of\s+course|absolutely|obviously|no[,.]|yes[,.]|因为|答案是|很简单|当然|显然|不会的|并没有)/iu;

/** Text as the question reader sees it: no code, links, quoted lines; reported speech becomes a noun ("quote is the wrong question"). */
function askedText(text: string): string {
  let t = text;
  // Each pass only when its marker is there: most messages have none of them.
  if (t.includes('`')) t = t.replace(CODE, ' ');
  if (t.includes('http') || t.includes('www.') || t.includes('<')) t = t.replace(URL, ' ').replace(/<[@#!][^>]*>/g, ' ');
  if (t.includes('>')) t = t.replace(QUOTE_LINE, ' ');
  if (/[“「『"]/u.test(t)) t = t.replace(QUOTED, ' quote ');
  return t;
}

// Sentence ends (the terminator stays with its sentence) and line breaks; links are gone already, so a plain split is enough.
const CLAUSE_SPLIT = /(?<=[。！？!?；\n]+)(?![。！？!?；”」』"'）)\]])|(?<=[a-z0-9%)\]]\.)\s+(?=\S)/iu;

/** Clauses with their terminator kept ("…吗？" / "…." / "…"). */
function clauses(text: string): string[] {
  return text.split(CLAUSE_SPLIT).map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** The message asks something of its readers. */
export function isQuestion(text: string): boolean {
  const t = askedText(text);
  if (RHETORICAL_MESSAGE.test(t)) return false;
  const parts = clauses(t);
  for (const [k, clause] of parts.entries()) {
    if (!clauseAsks(clause)) continue;
    // "Why does it matter? Because …": the same message answers at once.
    const next = parts[k + 1];
    if (next !== undefined && ANSWER_FOLLOWS.test(next)) continue;
    return true;
  }
  return false;
}

/** One clause (a sentence, or a line) asks. */
export function clauseAsks(clause: string): boolean {
  const c = clause
    .replace(/^[\s,，、:：\-–—]+/u, '')
    .replace(/^(?:hi|hey|hello|嗨|大家好|各位)[\s,，!！.。]+(?:all|everyone|team|folks)?[\s,，!！.。]*/iu, '')
    .replace(/^(?:@\S+[\s,，:：]*)+/u, '');
  if (c === '') return false;
  const bare = c.replace(/[\s~～…]+$/u, '');
  const marked = /[?？][^\p{L}\p{N}]*$/u.test(bare);
  const zh = /\p{Script=Han}/u.test(c);
  // Most clauses are statements with nothing a question is made of: leave them early.
  if (!marked && !(zh ? ZH_MATERIAL.test(c) : EN_STARTERS.has(/^(?:@\S+\s*)?([a-z']+)/iu.exec(c)?.[1]?.toLowerCase() ?? ''))) return false;
  if (EN_RHETORICAL_ANYWHERE.test(c)) return false;
  if (EN_RHETORICAL.test(c) || ZH_RHETORICAL.test(c)) return false;
  if (zh && ZH_EXCLAIM_BA.test(bare)) return false;
  // An opinion with a question mark ("我觉得会涨价？") still asks; without one it states.
  if (!marked && (ZH_OPINION.test(c) || EN_OPINION.test(c))) return false;
  if (marked) return true;
  if (ZH_REQUEST.test(c) || EN_REQUEST.test(c)) return true;
  if (zh) return zhAsks(bare);
  return EN_AUX_START.test(c.replace(/^\w+/u, (w) => w.toLowerCase())) || EN_WH_START.test(c);
}

function zhAsks(clause: string): boolean {
  const plain = clause.replace(ZH_NOT_INTERROGATIVE, ' ').replace(/[。.!！,，、]+$/u, '');
  // "支持了没", "上线了没有", "吃过没": the A-not-A question with 没 at the end.
  if (/(?:了|过)没(?:有)?$/u.test(plain)) return true;
  const particle = ZH_PARTICLE.exec(plain)?.[1];
  if (particle === '吗' || particle === '嘛' || particle === '么') return !/什么$|怎么$|这么$|那么$|多么$/u.test(plain);
  const interrogative = ZH_STRONG.test(plain) || ZH_WEAK_AT_END.test(plain.replace(/[呢吧]$/u, ''));
  // "那 batch 接口呢", "Claude 呢": asking about one more thing; "还在测呢" states.
  if (particle === '呢') return interrogative || /^(?:那|那么|还有|你们?|他们?|其他|别的|另外).{0,20}呢$|[A-Za-z0-9]\s*呢$/u.test(plain);
  if (particle === '吧') return interrogative || ZH_BA_ASKS.test(plain);
  // A clause that ends in a full stop or "!" states or exclaims, even with 怎么 in it.
  if (/[。！!]\s*$/u.test(clause)) return false;
  return interrogative;
}
