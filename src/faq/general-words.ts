// How topical a Chinese word is in general language, from jieba's own
// corpus statistics (the idf.txt that ships with @node-rs/jieba, as the
// dictionary does). The knowledge base's idf alone cannot tell a frame word
// of a question (经过, 以前, 行业, 地方: rare in these documents, common
// everywhere) from a topic the documents do not cover (天气, 火锅, 机票):
// both are rare here. In general Chinese, frame words are common (idf ≈ 4–5)
// and topics are not (≈ 6–10), so a word's weight in a question is scaled by
// its general idf (./search-index.ts, ./coverage.ts). The dictionary's
// part-of-speech tags add one more hint: what a question asks about is
// mostly a noun (天气, 总部, 损失函数); its verbs and adverbs (评价, 理解,
// 经过) frame it.
//
// English has no such table among the project's dependencies, so the same
// job is done by a list of very common English words (verbs, nouns and
// adjectives of everyday speech, no domain words): "what did a16z *say*",
// "what *happened* to it", "is it *real*" are frames, not topics. So are the
// particles of phrasal verbs ("prices go *down*", "drives vendors *out*"):
// as rare words of these documents they had pulled "what drove llm prices
// down" to the one section that says "prices do not only go down".

import { createRequire } from 'node:module';
import { tokenize } from '../text/index.js';

let table: Map<string, number> | undefined;
let posCap: Map<string, number> | undefined;
/** Words the dictionary tags as person names (nr, nrfg, nrt: 李彦宏, 马化腾; also some companies, 华为). */
let personNames: Set<string> | undefined;
/** Single characters whose dictionary tag is a function word: particle, adverb, pronoun, preposition, measure word… */
let functionChars: Set<string> | undefined;

function loadTables(): void {
  const require = createRequire(import.meta.url);
  const { idf, dict } = require('@node-rs/jieba/dict') as { idf: Uint8Array; dict: Uint8Array };
  table = new Map<string, number>();
  for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) table.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  // dict.txt: "word frequency tag"; the tag is the part of speech.
  posCap = new Map<string, number>();
  functionChars = new Set<string>();
  personNames = new Set<string>();
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, , tag] = line.split(' ');
    if (word === undefined || tag === undefined) continue;
    posCap.set(word, NOUN_TAGS.test(tag) ? 1 : VERB_TAGS.test(tag) ? VERB_CAP : ADJECTIVE_TAGS.test(tag) ? ADJECTIVE_CAP : OTHER_CAP);
    if ([...word].length === 1 && FUNCTION_TAGS.test(tag)) functionChars.add(word);
    if (tag.startsWith('nr')) personNames.add(word);
  }
  for (const c of MODAL_CHARS) functionChars.add(c);
}

/** Whether jieba's dictionary lists `word` (a word of general Chinese, not a typo: ./homophones.ts). */
export function isChineseWord(word: string): boolean {
  if (posCap === undefined) loadTables();
  return posCap!.has(word);
}

/**
 * Whether a Chinese word is a person's name: tagged as one in jieba's
 * dictionary (李彦宏), or a three-character word it does not list (jieba's
 * model made it up from the characters) that starts with a common surname
 * (黄仁勋, 王小川, 梁文锋: people newer than the dictionary). Surnames that
 * also start many ordinary words (高, 金, 方, 白, 石…) are left out.
 */
export function isChineseName(word: string): boolean {
  if (posCap === undefined) loadTables();
  if (personNames!.has(word)) return true;
  return [...word].length === 3 && !posCap!.has(word) && SURNAMES.has(word[0]!);
}

const SURNAMES = new Set('王李张刘陈杨黄赵吴徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕丁沈姚卢姜崔钟谭汪廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺顾郝龚邵覃戴莫孔汤');

/** Nouns (common, person, place, organisation, other proper), verbal nouns, abbreviations. */
const NOUN_TAGS = /^(n[rstz]?|ng|vn|nrt|nrfg|j|eng)$/;
const VERB_TAGS = /^v[dgi]?$/;
const ADJECTIVE_TAGS = /^a[dgn]?$/;
/**
 * Most a word keeps by part of speech: what a question asks *about* is
 * mostly a thing; an activity (减肥) can be; a quality (最快) rarely is; an
 * adverb, pronoun, preposition or numeral (同样, 经过, 多少) frames it.
 */
const VERB_CAP = 0.7;
const ADJECTIVE_CAP = 0.5;
const OTHER_CAP = 0.35;
/** Most a word jieba's dictionary does not have keeps when it glues a function character to a word (待过, 哪篇, 先降). */
const UNLISTED_CAP = 0.6;
/** Particles, adverbs, pronouns, prepositions, conjunctions, measure words, modal and interjection characters. */
const FUNCTION_TAGS = /^(u[a-z]*|d|r[a-z]*|p|c|q|y|e|zg|o)$/;
/** Modal verbs, a closed class the dictionary tags as plain verbs (能改 is "can change", not a term). */
const MODAL_CHARS = '能会要想可该应愿肯敢';

/** General idf at or below which a word counts as a frame word (weight × FLOOR). */
const FRAME_IDF = 4.5;
/** General idf at or above which a word is fully topical. */
const TOPIC_IDF = 7;
const FLOOR = 0.2;

/**
 * 0.2–1: the share of its weight a Chinese word keeps in a question. Words
 * jieba's corpus does not know (new terms, names) are fully topical.
 */
export function topicality(word: string): number {
  if (table === undefined) loadTables();
  // A word the dictionary does not list is a term it lacks (查重, 营收: fully topical) unless jieba glued a
  // function character to a word (待过, 哪篇, 先降).
  const cap = posCap!.get(word) ?? ([...word].some((c) => functionChars!.has(c)) ? UNLISTED_CAP : 1);
  const idf = table!.get(word);
  if (idf === undefined) return cap;
  return Math.min(cap, Math.max(FLOOR, FLOOR + ((1 - FLOOR) * (idf - FRAME_IDF)) / (TOPIC_IDF - FRAME_IDF)));
}

/** Weight share kept by a very common English word. */
const COMMON_ENGLISH_SHARE = 0.3;

const COMMON_ENGLISH_WORDS = `
  say said says tell told ask asked work works worked working real really true actual happen happened happens
  like likes liked people person someone somebody guy guys man men woman women folks worry worried worries
  up down out off over back away behind ahead above below kick kicked kill kills killed think thought believe feel felt seem seems look looks
  looking want wants wanted need needs needed try tried trying mean means meant come came coming go goes going
  went gone give gave given take took taken make makes made making see saw seen find found keep kept let put
  bring brought show showed shown hear heard leave left call called move moved live lived hold held stand stood
  turn turned start started begin began end ended help helped play played pay paid meet met lead led understand
  understood follow followed stop stopped speak spoke read allow allowed spend spent win won offer offered
  remember love loved consider appear wait waited stay stayed reach reached remain remained suggest raise
  pass passed sell sold require reported decide decided pull pulled thing things stuff way ways time times
  year day week month today tomorrow yesterday world life hand part place case point group number numbers fact
  lot lots bit kind kinds sort sorts type types example examples good better bad worse worst great small large
  little long short high low old new young early late right wrong different same important sure possible
  whole certain clear hard easy able free full special whole recent nice okay fine huge tiny enough
  anyway maybe probably actually basically literally seriously honestly definitely generally usually often
  always never ever still already yet also even much many more less lot lots some any every each other another
  question questions answer answers idea ideas problem problems reason reasons result results way deal stuff
`;

let commonEnglish: Set<string> | undefined;

/**
 * 0.3 for a very common English word (stemmed); at most VERB_CAP, as for a
 * Chinese verb, for one the question writes as a verb form ("calculated",
 * "pushing"); 1 for anything else.
 */
export function englishTopicality(stem: string, verbForm = false): number {
  commonEnglish ??= new Set(tokenize(COMMON_ENGLISH_WORDS, { stopwords: false }));
  if (commonEnglish.has(stem)) return COMMON_ENGLISH_SHARE;
  return verbForm ? VERB_CAP : 1;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z][a-z0-9]*$/;

/** How much of a topic word an index term of a question is: 1 for lexicon concepts and anything not a word. */
export function queryTermTopicality(term: string): number {
  if (term.startsWith('§')) return 1;
  if (HAN.test(term)) return topicality(term);
  return LATIN_WORD.test(term) ? englishTopicality(term) : 1;
}
