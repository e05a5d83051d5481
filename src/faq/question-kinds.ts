// Questions whose kind names what their answer must hold: "when" a date of
// the event asked, "who" the deed beside what it is asked of, "why" a reason
// given with the name, what someone did "before" a step (somewhere else
// named), and what came "after" someone left a company (the leaving and
// another company). Each rule returns what the answering section leaves
// unsaid (["when"], ["who"]…), empty when it says it or when the question is
// not of its kind; ./rank.ts runs them in turn with those of ./asked.ts.

import { unitMatch, type WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { DATE_TERM, REASON_TERM } from './evidence.js';
import type { SectionStatements } from './statements.js';
import { DATE_CONCEPTS, MODEL_VERSION, WHEN, explains, isCompany, sayingWindows, sayingWithHeadings } from './sayings.js';

/** Below this topicality a word of a date question is no event (去年, 国家); 成立 (0.4) is one. */
const EVENT_TOPICALITY = 0.3;

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

/**
 * "What did X do before (joining) Y", X 去/加入/创办 Y 之前在哪工作: what someone did before the step the
 * question names. Group 1 or 2 is Y.
 */
const BEFORE_STEP =
  /\bbefore (?:joining |becoming |founding |co-?founding |starting |going to |moving to )?(?:the )?([\p{L}\p{N}.\s-]+?)(?:[?,.!]|$)|(?:去|加入|创办|创立|进|到|当)\s?([\p{L}\p{N}.\s-]{1,16}?)\s?(?:之前|以前)/iu;

/** Asking what someone did or where they worked before: not "clean data before training". */
const CAREER_BEFORE = /\b(?:what did|where did|what was|where was)\b[^?]{0,40}\b(?:do|work|working|job)\b[^?]{0,20}\bbefore\b|\b(?:worked|work|job|jobs)\b[^?]{0,20}\bbefore\b|(?:之前|以前)(?:在哪|在什么|做什么|做啥|干什么|干啥|是做|做过|干过)/i;

/**
 * A question about what someone did before a step (joining a16z, becoming
 * Volcano Engine's president, founding Lepton) needs a window that names
 * somewhere else too: a company of the lexicon other than the step's ("Google,
 * Facebook, Alibaba" in Jia Yangqing's path), in a sentence that names the
 * person asked about too (or under a heading that does). "a16z's Guido
 * Appenzeller finds…" says where he is, not where he was; "Jia co-founded
 * Lepton with Bai Junjie" says nothing of where Bai worked before (a
 * person's name is no employer). Returns ["before"] when no sentence does.
 */
export function unsaidBefore(question: string, section: SectionStatements, units: readonly WeightedUnit[], partsOf: (text: string) => readonly WeightedUnit[], lexicon: Lexicon): string[] {
  if (!CAREER_BEFORE.test(question)) return [];
  const m = BEFORE_STEP.exec(question.normalize('NFKC'));
  const step = (m?.[1] ?? m?.[2])?.trim();
  const company = (t: string) => isCompany(t, lexicon);
  const stepTerms = new Set(step === undefined ? [] : partsOf(step).flatMap((u) => u.terms));
  // Whose path is asked: the heaviest word that is neither a company nor the step (白俊杰, "appenzeller").
  const person = units
    .filter((u) => !u.terms.some((t) => company(t) || stepTerms.has(t)) && u.topicality >= DONE_TOPICALITY)
    .reduce<WeightedUnit | undefined>((best, u) => (best === undefined || u.weight > best.weight ? u : best), undefined);
  const said = section.sayings.some((s) => {
    const has = sayingWithHeadings(section, s);
    if (person !== undefined && !person.terms.some(has)) return false;
    const companies = [...s].filter(company);
    // No step named ("what did X do before", X以前是做什么的): two companies, a path.
    return step === undefined || step === '' ? companies.length >= 2 : companies.some((t) => !stepTerms.has(t));
  });
  return said ? [] : ['before'];
}

/** A question that asks why: "why did…", "how come", "what's the reason", 为什么, 为啥, 凭啥, 咋回事. */
const WHY = /\bwhy\b|\bhow come\b|\bwhat(?:'?s| is| was) (?:the )?reasons?\b|\breasons? (?:for|why|behind)\b|为什么|为啥|为何|凭啥|凭什么|什么原因|啥原因|原因是|咋回事|怎么回事/i;

/**
 * A question asking why a name did something ("why did Baichuan hold out",
 * 月之暗面凭啥不跟降价) needs a window holding that name and a reason
 * (because, thanks to, 为了, 导致: ./evidence.ts): "Moonshot AI, Baichuan and
 * 01.AI did not join the cuts" says that they did not, not why. Questions
 * naming nothing ("why are prices falling") are left to coverage. Returns
 * ["why"] when no window does.
 */
export function unsaidWhy(question: string, section: SectionStatements, names: readonly WeightedUnit[]): string[] {
  if (names.length === 0 || !WHY.test(question)) return [];
  for (const has of sayingWindows(section)) {
    if (has(REASON_TERM) && names.some((u) => u.terms.some(has))) return [];
  }
  return ['why'];
}

/** Asking where someone went, or what they did, after leaving a place (离开英伟达后去哪了, "after he left nvidia"). */
const AFTER_LEAVING = /(?:离开|离职)\S{0,8}?(?:后|之后|以后)|\b(?:after|since|now that)\b[^?]{0,30}\b(?:left|leaving|quit|quitting)\b|\b(?:left|leaving|quit)\b[^?]{0,40}\b(?:next|after|then|now)\b/i;
/** Index terms of leaving: the lexicon's `leave` group (离开, 离职, "left", "resigned"), and its commonest words without it. */
const LEAVE_TERMS = ['§leave', '离开', '离职', 'left', 'leav', 'quit'];

/**
 * A question about what came after someone left a company ("where did jia
 * go after he left nvidia") needs the leaving said of that company and,
 * in the same sentence or the next, another company: "left Alibaba in
 * March 2023. He then co-founded Lepton AI" answers it for Alibaba; "he
 * left NVIDIA about a year after the acquisition", the page's last word on
 * him, does not for NVIDIA. Returns ["after"] when no sentence does.
 */
export function unsaidAfterLeaving(question: string, section: SectionStatements, names: readonly WeightedUnit[], lexicon: Lexicon): string[] {
  if (!AFTER_LEAVING.test(question)) return [];
  const company = (t: string) => isCompany(t, lexicon);
  const left = names.flatMap((u) => u.terms).filter(company);
  if (left.length === 0) return [];
  const { sayings } = section;
  const said = sayings.some((s, i) => {
    if (!LEAVE_TERMS.some((t) => s.has(t)) || !left.some((t) => s.has(t))) return false;
    // The next sentence, not a typical question after the last one.
    const next = i + 1 < section.sentenceCount ? sayings[i + 1] : undefined;
    return [...s, ...(next ?? [])].some((t) => company(t) && !left.includes(t));
  });
  return said ? [] : ['after'];
}
