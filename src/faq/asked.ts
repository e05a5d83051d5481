// What a question asks about the names it mentions. A question about a name
// (a company, model or person: the lexicon's `[name]` groups) is "name +
// what is asked about it": "who founded DeepSeek", "is Doubao open source",
// 豆包是用什么GPU训练的. The knowledge base mentions DeepSeek and Doubao all
// over, so the name alone explains much of such a question; a confident
// answer needs the answering section to say the asked thing *about that
// name*: the name and most of the main asked words within one window of two
// consecutive sentences (or a typical question the section answers), not the
// name in one place and the asked word in the document's title or elsewhere.
//
// Amounts and dates are what price and date questions ask for: a sentence
// holding "$700M", "0.8 yuan", "97.5%" or "free" explains "how much", 多少钱
// or "cost", one holding "2024-05-21" or "April 2025" a release date, even
// when it does not repeat the word "price".
//
// Unlike the attribute rule (./statements.ts), negated clauses count here:
// "Moonshot AI did not join the cuts" answers "did Moonshot cut prices".
//
// Three kinds of question name what their answer must hold: "when" a date
// of the event asked, "who" the deed beside what it is asked of, and a price
// or date asked of one model variant (Qwen-Max, 文心4.0) a sentence stating
// it of that variant.

import { MAIN_SHARE, MAIN_TOPICALITY, unitMatch, type WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { AMOUNT_TERM, CHANGE_TERM, DATE_TERM } from './evidence.js';
import type { SectionStatements } from './statements.js';

/** Concepts an amount answers (prices, costs, cuts, margins, rates). */
const AMOUNT_CONCEPTS = new Set(['§price', '§cost', '§price-cut', '§price-rise', '§profit', '§decline-rate', '§per-hour', '§rent', '§free']);
/** Whether a question asks a price, cost, cut, margin or rate (an amount answers it). */
function asksAmount(units: readonly WeightedUnit[]): boolean {
  return units.some((u) => u.terms.some((t) => AMOUNT_CONCEPTS.has(t)));
}

/** Concepts a date answers. */
const DATE_CONCEPTS = new Set(['§release', '§duration']);

/**
 * Verbs (结婚, 成立, "married") are what is asked of a name when nothing else
 * is: 贾扬清结婚了吗, kimi是哪年成立的. Beside a topic word they frame it
 * ("cost per GPU-hour DeepSeek *assumed*"), as in the main-word rule
 * (./coverage.ts). Below this topicality a word only frames (去年, 国家).
 */
const VERB_TOPICALITY = 0.4;

/** Below this topicality a word of a date question is no event (去年, 国家); 成立 (0.4) is one. */
const EVENT_TOPICALITY = 0.3;

/** A version beside a name (R1, 405B, V3, 4.0) says which one, not what is asked; a year (2024) is asked. */
const MODEL_VERSION = /^(?!(?:19|20)\d\d$)[a-z]{0,2}\d[\d.]*[a-z]?$/i;

/**
 * Words that say what kind of thing the answer is ("what company did he found", 哪家公司, "what job"), not what
 * is asked. Those that are never topic words anywhere (title, role, 职位) are question filler (./query-words.ts).
 */
const ANSWER_KINDS = new Set(['compani', 'firm', 'model', 'person', 'job', '公司', '企业', '模型', '机构', '人']);

/** The question's asked units: its topic words and concepts that are not names; its verbs when it has none. */
export function askedUnits(units: readonly WeightedUnit[], lexicon: Lexicon): WeightedUnit[] {
  const asked = units.filter(
    (u) => lexicon.kindOf(u.terms[0]!) !== 'name' && !MODEL_VERSION.test(u.text) && u.topicality >= VERB_TOPICALITY && !u.terms.some((t) => ANSWER_KINDS.has(t)),
  );
  const topics = asked.filter((u) => u.topicality >= MAIN_TOPICALITY);
  const chosen = topics.length > 0 ? topics : asked;
  // A word the knowledge base never uses ("mil", "legit") can be stated of no name anywhere: beside words it
  // does use, it is left to coverage (./coverage.ts), where it already weighs the most. Alone, it is what is
  // asked ("how many employees does Lepton have").
  const known = chosen.filter((u) => u.known);
  return known.length > 0 ? known : chosen;
}

function explains(u: WeightedUnit, has: (term: string) => boolean): boolean {
  if (unitMatch(u, has) >= 0.5) return true;
  if (has(AMOUNT_TERM) && u.terms.some((t) => AMOUNT_CONCEPTS.has(t))) return true;
  return has(DATE_TERM) && u.terms.some((t) => DATE_CONCEPTS.has(t));
}

/** One saying of a section read with its headings, as a term test. */
function sayingWithHeadings(section: SectionStatements, saying: ReadonlySet<string>): (term: string) => boolean {
  return (t) => saying.has(t) || section.headings.has(t);
}

/** Each window of two consecutive sayings of a section, read with its headings, as a term test. */
function* sayingWindows(section: SectionStatements): Generator<(term: string) => boolean> {
  const { sayings, headings } = section;
  for (let i = 0; i < sayings.length; i++) {
    const a = sayings[i]!;
    const b = sayings[i + 1];
    yield (t) => headings.has(t) || a.has(t) || (b !== undefined && b.has(t));
  }
}

/**
 * The main asked units (weighing at least MAIN_SHARE of the heaviest) that
 * no window of two consecutive sayings of the section explains, most of
 * them, together with one of the names; empty when the question names
 * nothing, asks nothing beyond its names, or some window does. Headings
 * count: a section headed "DeepSeek fires first" is about DeepSeek in every
 * sentence. Two of the question's names in one window state how they relate
 * (贾扬清写过caffe吗, "was Jia at Baidu"), when nothing but a verb is asked.
 */
export function unaskedOfNames(section: SectionStatements, names: readonly WeightedUnit[], asked: readonly WeightedUnit[]): string[] {
  if (names.length === 0 || asked.length === 0) return [];
  const heaviest = Math.max(...asked.map((u) => u.weight));
  const main = asked.filter((u) => u.weight >= MAIN_SHARE * heaviest);
  const onlyVerbs = asked.every((u) => u.topicality < MAIN_TOPICALITY);
  for (const has of sayingWindows(section)) {
    const namesHeld = names.filter((u) => u.terms.some(has)).length;
    if (namesHeld === 0) continue;
    if (namesHeld >= 2 && onlyVerbs) return [];
    const explained = main.filter((u) => explains(u, has)).length;
    if (explained > main.length - explained) return [];
  }
  return main.map((u) => u.text);
}

/**
 * A question that asks for a date: "when did/was/will…", "what year", 哪年, 哪天, 什么时候出. Not "when" as a
 * conjunction ("rotate text when prepping data"), nor "when should I…", 什么时候该/用/适合…: those ask for a condition.
 */
const WHEN = /\bwhen (?:\w+ly )?(?:did|was|were|will|is|are|does)\b|\b(?:what|which) (?:year|date|day|month)\b|哪一?年|哪一?天|何时|几月几|几号|哪个月|(?:什么|啥)时候(?!该|应该|应|用|使用|需要|要|适合|可以|能|才能|最好)/i;

/**
 * A question asking when something happened needs a date said of it: some
 * window of two consecutive sayings holding a date and what the question is
 * about (its names, or else its heaviest word). "When did Keras 3 come out"
 * is not answered by a section that mentions Keras 3 and TensorFlow
 * "releases" but no date. Returns ["when"] when no window does.
 */
export function undatedWhen(question: string, section: SectionStatements, names: readonly WeightedUnit[], units: readonly WeightedUnit[]): string[] {
  if (!WHEN.test(question)) return [];
  const topics = units.filter((u) => !u.terms.some((t) => DATE_CONCEPTS.has(t)));
  const heaviest = topics.reduce<WeightedUnit | undefined>((best, u) => (best === undefined || u.weight > best.weight ? u : best), undefined);
  const about = names.length > 0 ? names : heaviest === undefined ? [] : [heaviest];
  if (about.length === 0) return [];
  // With names, the date must also be of the event asked (成立, "released"): "kimi是哪年成立的" is not answered by
  // "Moonshot AI did not join the May-2024 cuts".
  const events = names.length === 0 ? [] : topics.filter((u) => !names.includes(u) && !MODEL_VERSION.test(u.text) && u.topicality >= EVENT_TOPICALITY);
  for (const has of sayingWindows(section)) {
    if (has(DATE_TERM) && about.some((u) => u.terms.some(has)) && (events.length === 0 || events.some((u) => unitMatch(u, has) >= 0.5))) return [];
  }
  return ['when'];
}

/**
 * A model name with its variant joined by hyphens (Qwen-Max, ERNIE-Speed-128K, V3.2-Exp): a name of the
 * lexicon or a part with a digit, and one more part at least.
 */
const HYPHENED_NAME = /(?<![\p{L}\p{N}])\p{Script=Latin}[\p{Script=Latin}\p{N}.]*(?:-[\p{Script=Latin}\p{N}.]+)+/gu;
/**
 * A version written after a name, with or without a space: 文心4.0, "ernie 4", qwen 2.5, deepseek v2, deepseek r1;
 * not an amount ("deepseek 1元", "545%") nor a date (千问5月).
 */
const VERSION_AFTER = /^[\s-]?((?:[a-z]\d+(?:\.\d+)?|\d+\.\d+|\d)[a-z]?)(?![\p{Script=Latin}\p{N}.%元块美月日号年天])/iu;

/** A variant a question names: its name and, when written apart or too short to be a word, its version (文心 + 4.0, glm + 4). */
interface Variant {
  readonly name: string;
  readonly version?: string;
}

/** The variants a question names: hyphened names, and a lexicon name with the version written after it. */
function variantsIn(question: string, lexicon: Lexicon): Variant[] {
  const text = question.normalize('NFKC');
  const out: Variant[] = [...text.matchAll(HYPHENED_NAME)].map((m) => {
    // A one-digit part (GLM-4) is no word of the question's units: it is checked as a version.
    const digit = /-(\d)(?:-|$)/.exec(m[0]);
    return digit === null ? { name: m[0] } : { name: m[0].replace(/-\d(?=-|$)/, ''), version: digit[1]! };
  });
  for (const m of lexicon.match(text)) {
    if (lexicon.kindOf(m.concept) !== 'name') continue;
    const version = VERSION_AFTER.exec(text.slice(m.end))?.[1]?.toLowerCase();
    const known = (v: Variant) => v.version === version || v.name.toLowerCase().includes(version!);
    if (version !== undefined && !out.some(known)) out.push({ name: text.slice(m.start, m.end), version });
  }
  return out;
}

/** Whether a sentence's terms hold a version: "4" is written 4.0 too. */
function holdsVersion(terms: ReadonlySet<string>, version: string): boolean {
  if (terms.has(version)) return true;
  for (const t of terms) if (t.startsWith(version + '.')) return true;
  return false;
}

/**
 * A question asking the price after a change (降价之后, 后来降到, 降完, "after the cut", "new price"): a price
 * quoted alone does not answer it, a changed one does ("from 20 yuan to 0.5", "−85%", （原价 4/8 元）). Not
 * "how hard did V2 undercut everyone at launch", which its launch price and the others' answer.
 */
const AFTER_CUT = /(?:降价|降|下调|涨价|涨)\S{0,3}?(?:之后|以后|后|完)|后来|降到|降至|涨到|新价格|现价|\bafter (?:\w+ ){0,3}?(?:cuts?|drops?|hikes?|increases?)\b|\bnew price|\b(?:cut|dropped|lowered|raised) to\b/iu;

/** A concept of the lexicon that a question asks of a variant (an off-peak discount, a month): not a name, nor a date's kind. */
function isAskedConcept(term: string, lexicon: Lexicon): boolean {
  return term.startsWith('§') && !DATE_CONCEPTS.has(term) && lexicon.kindOf(term) !== 'name';
}

/**
 * A price or a date asked of one variant of a model needs a sentence that
 * states it of that variant (a changed amount when the price after a cut is
 * asked): "qwen-max 降价后多少钱" is not answered by a window where
 * Qwen-Long's price stands next to "Qwen-Turbo, Qwen-Plus, Qwen-Max were cut
 * too", 文心4.0 降价之后多少钱 by "ERNIE-4.0 at about 120 yuan" in DeepSeek's
 * launch table, nor "when did baidu release ernie 4" by the date DeepSeek
 * released V2 on, one sentence before. Two sentences are too wide here, as a
 * page of price cuts gives every model a price and a date. Returns the
 * variants no sentence says it of.
 */
export function unstatedOfVariants(question: string, section: SectionStatements, units: readonly WeightedUnit[], partsOf: (name: string) => readonly WeightedUnit[], lexicon: Lexicon): string[] {
  const price = asksAmount(units);
  const date = WHEN.test(question);
  const change = price && AFTER_CUT.test(question);
  const missing: string[] = [];
  for (const { name, version } of variantsIn(question, lexicon)) {
    const parts = partsOf(name);
    if (version === undefined && (parts.length < 2 || !(lexicon.kindOf(parts[0]!.terms[0]!) === 'name' || /\d/.test(name)))) continue;
    // Neither a price nor a date: the concepts asked (an off-peak discount, a cache price) in the variant's sentence.
    const own = new Set(parts.flatMap((p) => p.terms));
    const concepts = price || date ? [] : units.filter((u) => isAskedConcept(u.terms[0]!, lexicon) && !own.has(u.terms[0]!));
    if (!price && !date && concepts.length === 0) continue;
    const stated = section.sayings.some((s) => {
      const has = sayingWithHeadings(section, s);
      return (
        concepts.every((u) => explains(u, has)) &&
        (!price || s.has(AMOUNT_TERM)) &&
        (!change || s.has(CHANGE_TERM)) &&
        (!date || s.has(DATE_TERM)) &&
        (version === undefined || holdsVersion(s, version)) &&
        parts.every((p) => p.terms.some(has))
      );
    });
    if (!stated) missing.push(version === undefined ? name : `${name} ${version}`);
  }
  return missing;
}

/** Below this topicality a word of a who-question frames it (后来, "actually"): no deed. */
const DONE_TOPICALITY = 0.5;

/** A question that asks who did something: 谁, "who", 哪家公司, "which company". */
const WHO = /谁|\bwho\b|哪家公司|哪个公司|哪家厂|哪位|\bwhich (?:company|companies|firm|vendor|vendors|person|people)\b/i;

/**
 * A question asking who did something needs a window of two consecutive
 * sayings holding one of its names and one thing done (发明, "founded",
 * 降价), or, when it names nothing, two things it asks of: "梯度下降是谁发明的"
 * is not answered by the section explaining gradient descent, which never
 * says who invented it. Returns ["who"] when no window does.
 */
export function unsaidWho(question: string, section: SectionStatements, names: readonly WeightedUnit[], units: readonly WeightedUnit[]): string[] {
  if (!WHO.test(question)) return [];
  const done = units.filter((u) => !names.includes(u) && !MODEL_VERSION.test(u.text) && u.topicality >= DONE_TOPICALITY);
  const needed = names.length > 0 ? 1 : Math.min(2, done.length);
  if (done.length === 0) return [];
  for (const has of sayingWindows(section)) {
    if (names.length > 0 && !names.some((u) => u.terms.some(has))) continue;
    if (done.filter((u) => explains(u, has)).length >= needed) return [];
  }
  return ['who'];
}

/** Which side of a price a question asks: the word beside its price word ("output price", 输出多少钱, 那输出呢). */
const ASKED_SIDE: ReadonlyArray<{ side: string; pattern: RegExp; terms: readonly string[] }> = [
  { side: 'output', pattern: /\boutput (?:price|pricing|cost|rate)|\bprice (?:for|of) (?:the )?output|\bwhat about (?:the )?output|输出(?:价|的价|多少|单价|呢|要多少)|那输出/i, terms: ['output', '输出'] },
  { side: 'input', pattern: /\binput (?:price|pricing|cost|rate)|\bprice (?:for|of) (?:the )?input|\bwhat about (?:the )?input|输入(?:价|的价|多少|单价|呢|要多少)|那输入/i, terms: ['input', '输入'] },
];

/**
 * A price question asking one side of a price (the output price, 输出多少钱)
 * needs a sentence with an amount that names that side: "doubao-pro-32k at
 * 0.8 yuan input" does not say what its output cost. Names, when the
 * question has some, must be in that sentence too. Returns the side when no
 * sentence says it.
 */
export function unstatedPriceSide(question: string, section: SectionStatements, names: readonly WeightedUnit[], units: readonly WeightedUnit[]): string[] {
  if (!asksAmount(units)) return [];
  const asked = ASKED_SIDE.filter((a) => a.pattern.test(question));
  if (asked.length !== 1) return [];
  const { side, terms } = asked[0]!;
  const stated = section.sayings.some(
    (s) => s.has(AMOUNT_TERM) && terms.some((t) => s.has(t)) && (names.length === 0 || names.some((u) => u.terms.some(sayingWithHeadings(section, s)))),
  );
  return stated ? [] : [side];
}

/**
 * "What did X do before (joining) Y", X 去/加入/创办 Y 之前在哪工作: what someone did before the step the
 * question names. Group 1 or 2 is Y.
 */
const BEFORE_STEP =
  /\bbefore (?:joining |becoming |founding |co-?founding |starting |going to |moving to )?(?:the )?([\p{L}\p{N}.\s-]+?)(?:[?,.!]|$)|(?:去|加入|创办|创立|进|到)\s?([\p{L}\p{N}.\s-]{1,16}?)\s?(?:之前|以前)/iu;

/** Asking what someone did or where they worked before: not "clean data before training". */
const CAREER_BEFORE = /\b(?:what did|where did|what was|where was)\b[^?]{0,40}\b(?:do|work|working|job)\b[^?]{0,20}\bbefore\b|(?:之前|以前)(?:在哪|在什么|做什么|做啥|干什么|干啥|是做)/i;

/**
 * A question about what someone did before a step (joining a16z, becoming
 * Volcano Engine's president, founding Lepton) needs a window that names
 * somewhere else too: a company of the lexicon other than the step's ("Google,
 * Facebook, Alibaba" in Jia Yangqing's path). "a16z's Guido Appenzeller
 * finds…" says where he is, not where he was. Returns ["before"] when no
 * window does.
 */
export function unsaidBefore(question: string, section: SectionStatements, partsOf: (text: string) => readonly WeightedUnit[], lexicon: Lexicon): string[] {
  if (!CAREER_BEFORE.test(question)) return [];
  const m = BEFORE_STEP.exec(question.normalize('NFKC'));
  const step = (m?.[1] ?? m?.[2])?.trim();
  const company = (t: string) => t.startsWith('§') && lexicon.kindOf(t) === 'name';
  // No step named ("what did X do before", X以前是做什么的): a sentence naming two companies, a path.
  if (step === undefined || step === '') return section.sayings.some((s) => [...s].filter(company).length >= 2) ? [] : ['before'];
  const stepTerms = new Set(partsOf(step).flatMap((u) => u.terms));
  const said = section.sayings.some((s) => [...s].some((t) => company(t) && !stepTerms.has(t)));
  return said ? [] : ['before'];
}
