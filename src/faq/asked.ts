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
// A price or a date asked of one model variant (Qwen-Max, 文心4.0) needs a
// sentence stating it of that variant; a price asked of a name, an amount
// beside it; a year, one sentence with the name; one side of a price, that
// side; the value of a setting (a learning rate), a number beside it. The
// kinds of question that name what their answer holds (when, who, why,
// before, after) are in ./question-kinds.ts; how sections are read, in
// ./sayings.ts.

import { MAIN_SHARE, MAIN_TOPICALITY, type WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { AMOUNT_TERM, CHANGE_TERM, DATE_TERM, MONEY_TERM, NUMBER_TERM, PRIOR_TERM } from './evidence.js';
import type { SectionStatements } from './statements.js';
import { DATE_CONCEPTS, MODEL_VERSION, PRICE_ASKED, PRICE_CONCEPTS, WHEN, asksAmount, asksMoney, clauseOrNextWith, explains, sayingWindows, sayingWithHeadings } from './sayings.js';

/**
 * Verbs (结婚, 成立, "married") are what is asked of a name when nothing else
 * is: 贾扬清结婚了吗, kimi是哪年成立的. Beside a topic word they frame it
 * ("cost per GPU-hour DeepSeek *assumed*"), as in the main-word rule
 * (./coverage.ts). Below this topicality a word only frames (去年, 国家).
 */
const VERB_TOPICALITY = 0.4;

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
const AFTER_CUT = /(?:降价|降|下调|涨价|涨)\S{0,3}?(?:之后|以后|后|完)|后来|降到|降至|涨到|新价格|现价|\bafter (?:\S+ ){0,3}?(?:cuts?|drops?|hikes?|increases?|moves?|changes?|rounds?)\b|\bnew price|\b(?:cut|dropped|lowered|raised) to\b/iu;

/**
 * A question asking the price before a change (涨价之前, 降价前, "before the cut", 原价): only a sentence giving
 * the old price answers it ("from 5 yuan to 1", 原价, "was 8 yuan"), not one giving the new price alone.
 */
const BEFORE_CHANGE = /(?:降价|降|下调|涨价|涨|上调)\S{0,2}?(?:之前|以前|前)|原价|原来的?价|\bbefore (?:\S+ ){0,3}?(?:cuts?|drops?|hikes?|increases?|changes?)\b|\b(?:old|original|previous) price/iu;

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
  const prior = price && BEFORE_CHANGE.test(question);
  const money = price && asksMoney(question, units);
  const missing: string[] = [];
  for (const { name, version } of variantsIn(question, lexicon)) {
    const parts = partsOf(name);
    if (version === undefined && (parts.length < 2 || !(lexicon.kindOf(parts[0]!.terms[0]!) === 'name' || /\d/.test(name)))) continue;
    // Neither a price nor a date: the concepts asked (an off-peak discount, a cache price) in the variant's sentence.
    const own = new Set(parts.flatMap((p) => p.terms));
    const concepts = price || date ? [] : units.filter((u) => isAskedConcept(u.terms[0]!, lexicon) && !own.has(u.terms[0]!));
    if (!price && !date && concepts.length === 0) continue;
    const stated = section.sayings.some((s, i) => {
      const has = sayingWithHeadings(section, s);
      const named = (x: ReadonlySet<string>) => (version === undefined || holdsVersion(x, version)) && parts.every((p) => p.terms.some(sayingWithHeadings(section, x)));
      return (
        concepts.every((u) => explains(u, has)) &&
        (!price || s.has(AMOUNT_TERM)) &&
        // A sum asked ("in yuan", 多少钱): a clause naming the variant with a sum in it or in the next clause ("DeepSeek
        // released V2, priced at 1 yuan"), not a cut's percentage between another's price and the next model's.
        (!money || clauseOrNextWith(section.clauses[i]!, named, MONEY_TERM)) &&
        (!change || s.has(CHANGE_TERM)) &&
        (!prior || s.has(PRIOR_TERM)) &&
        (!date || s.has(DATE_TERM)) &&
        named(s)
      );
    });
    if (!stated) missing.push(version === undefined ? name : `${name} ${version}`);
  }
  return missing;
}

/** A price asked in words the lexicon leaves to their parts (输出价, 单价, "pricing"). */
const PRICE_WORD = /价|多少钱|\bhow much\b|\bpric(?:e|es|ing)\b|\bcosts?\b/i;

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
  if (!asksAmount(units) && !PRICE_WORD.test(question)) return [];
  const asked = ASKED_SIDE.filter((a) => a.pattern.test(question));
  if (asked.length !== 1) return [];
  const { side, terms } = asked[0]!;
  const stated = section.sayings.some(
    (s) => s.has(AMOUNT_TERM) && terms.some((t) => s.has(t)) && (names.length === 0 || names.some((u) => u.terms.some(sayingWithHeadings(section, s)))),
  );
  return stated ? [] : [side];
}

/**
 * A price asked of a name ("kimi api price may 2024", 百川多少钱) needs a
 * window holding the name and an amount: "Moonshot AI, Baichuan and 01.AI
 * did not join the May-2024 cuts" names Kimi's maker and the cuts, not a
 * price. Returns ["price"] when no window does.
 */
export function unpricedNames(question: string, section: SectionStatements, names: readonly WeightedUnit[], units: readonly WeightedUnit[]): string[] {
  if (names.length === 0) return [];
  if (!units.some((u) => u.terms.some((t) => PRICE_CONCEPTS.has(t))) && !PRICE_ASKED.test(question)) return [];
  for (const has of sayingWindows(section)) {
    if (has(AMOUNT_TERM) && names.some((u) => u.terms.some(has))) return [];
  }
  return ['price'];
}

const YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/g;

/**
 * A year written in a question that names something ("阿里2025年又降价了吗",
 * "kimi api price may 2024") is said of that name: one sentence must hold
 * both. A page of dated events gives every year to some company; Alibaba's
 * September-2024 cut is no answer about 2025. Returns the years no sentence
 * says of a name.
 */
export function unyearedNames(question: string, section: SectionStatements, names: readonly WeightedUnit[]): string[] {
  if (names.length === 0) return [];
  const years = [...new Set(question.match(YEAR) ?? [])];
  return years.filter((year) => !section.sayings.some((s) => s.has(year) && names.some((u) => u.terms.some(sayingWithHeadings(section, s)))));
}

/** Settings and results a question can ask the value of (the learning rate, the accuracy, the parameter count). */
const QUANTITY_CONCEPTS = new Set(['§learning-rate', '§accuracy', '§parameters']);
/** Asking a value: 多少, 几, "how high", "default", 设的. */
const VALUE_ASKED = /多少|几(?!乎)|\bhow (?:high|much|many|big|large)\b|\bvalue\b|默认|\bdefault\b|设的|设成|设为|\bset to\b/i;

/**
 * The value of a setting or a result asked ("what learning rate does /train
 * use by default", test accuracy 能到多少) needs a clause holding it with a
 * number: "/help train lists what you can change (epochs, learning rate…)"
 * names the setting, not its value. Returns the quantities no clause gives.
 */
export function unvaluedQuantities(question: string, section: SectionStatements, units: readonly WeightedUnit[]): string[] {
  const quantities = units.filter((u) => u.terms.some((t) => QUANTITY_CONCEPTS.has(t)));
  // "What learning rate does it use" asks its value; "what is the learning rate" what it is.
  const whatValue = (u: WeightedUnit) => new RegExp(`\\b(?:what|which)\\s+(?:(?!(?:is|are|was|were|does|do)\\s)[a-z]+\\s+)?${u.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(question);
  const asked = VALUE_ASKED.test(question) ? quantities : quantities.filter(whatValue);
  // Its number in the same clause or the next, as for a variant's price ("test accuracy, 0.92").
  const valued = (u: WeightedUnit) => section.clauses.some((cs) => clauseOrNextWith(cs, (c) => u.terms.some((t) => c.has(t)), NUMBER_TERM));
  return asked.filter((u) => !valued(u)).map((u) => u.text);
}

