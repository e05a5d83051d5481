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

import { MAIN_SHARE, MAIN_TOPICALITY, unitMatch, type WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { AMOUNT_TERM, DATE_TERM } from './evidence.js';
import type { SectionStatements } from './statements.js';

/** Concepts an amount answers (prices, costs, cuts, margins, rates). */
const AMOUNT_CONCEPTS = new Set(['§price', '§cost', '§price-cut', '§price-rise', '§profit', '§decline-rate', '§per-hour', '§rent', '§free']);
/** Concepts a date answers. */
const DATE_CONCEPTS = new Set(['§release', '§duration']);

/**
 * Verbs (结婚, 成立, "married") are what is asked of a name when nothing else
 * is: 贾扬清结婚了吗, kimi是哪年成立的. Beside a topic word they frame it
 * ("cost per GPU-hour DeepSeek *assumed*"), as in the main-word rule
 * (./coverage.ts). Below this topicality a word only frames (去年, 国家).
 */
const VERB_TOPICALITY = 0.4;

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
 * A question that asks for a date: "when did/was/will…", "what year", 哪年, 哪天. Not "when" as a conjunction
 * ("rotate text when prepping data"), nor "when should I…", 什么时候该…: those ask for a condition.
 */
const WHEN = /\bwhen (?:did|was|were|will|is|are|does)\b|\b(?:what|which) (?:year|date|day|month)\b|哪一?年|哪一?天|何时|几月几|几号|哪个月/i;

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
  for (const has of sayingWindows(section)) {
    if (has(DATE_TERM) && about.some((u) => u.terms.some(has))) return [];
  }
  return ['when'];
}
