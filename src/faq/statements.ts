// Does a section *state* an attribute of a name? A question that joins a
// name (a company, person or model) to an attribute of it (CEO, founder,
// headquarters, stock price, release date: the lexicon's `[name]` and
// `[attribute]` groups) is answered only by a statement that holds both: one
// sentence of the section, or one of the typical questions it answers, read
// with its headings. "Who is the CEO of Baidu?" is not answered by a page
// that says "he never worked at Baidu" in one sentence and "Zhipu's CEO is
// Zhang Peng" in the next, nor by the sentence quoting the article's false
// claim that he was a Baidu director and Zhipu's CEO.
//
// Two things do not count as stating: what a clause negates ("not Zhipu
// AI", "从未在百度工作过") and a quoted claim of the article that the
// knowledge base corrects (./claims.ts).

import type { WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { isCorrectedClaim } from './claims.js';
import { evidenceTerms } from './evidence.js';

/** The terms of each statement of a section, and of its headings (which every statement is read with). */
export interface SectionStatements {
  readonly headings: ReadonlySet<string>;
  readonly statements: readonly ReadonlySet<string>[];
  /** The same with negated clauses kept, each with its amount and date markers (./asked.ts). */
  readonly sayings: readonly ReadonlySet<string>[];
  /**
   * Each saying cut at its commas and semicolons, with the same markers: "Qwen-Turbo input −85% to 0.3 yuan,
   * Qwen-Plus input −80%" prices one model, not two.
   */
  readonly clauses: readonly (readonly ReadonlySet<string>[])[];
  /** How many of the sayings are the body's sentences (the typical questions follow them). */
  readonly sentenceCount: number;
}


const SOURCES_LINE = /^\s*(?:sources?|来源)\s*[:：]/iu;
const CLAUSE_BREAK = /[，,；;]/u;
const NEGATION = /不是|并非|从未|从没|未曾|不曾|并不|没有|\b(?:not|never|no|neither|nor)\b|n't\b/iu;

/**
 * `sentences` as statements: corrected claims dropped, and in each clause
 * what follows a negation cut off ("he never worked at Baidu", "they would
 * not do it": the rest of the clause still states what it states).
 */
export function statementTexts(sentences: readonly string[], keepNegated = false): string[] {
  const out: string[] = [];
  sentences.forEach((s, i) => {
    if (isCorrectedClaim(sentences, i)) return;
    // What a name did not do still answers whether it did ("Moonshot did not join the cuts": ./asked.ts).
    if (keepNegated) return void out.push(s);
    const clauses = s.split(CLAUSE_BREAK).map((clause) => {
      const at = clause.search(NEGATION);
      return at < 0 ? clause : clause.slice(0, at);
    });
    out.push(clauses.filter((c) => c.trim() !== '').join(' , '));
  });
  return out;
}

/**
 * A section's statements from its heading path, its sentences and the
 * typical questions it answers; `terms` analyses a text (words and n-grams).
 */
export function sectionStatements(titlePath: readonly string[], allSentences: readonly string[], questions: readonly string[], terms: (text: string) => Set<string>): SectionStatements {
  // A list of sources ("Source: …", 来源：…) states nothing: its outlets and dates are no facts of the section.
  const sentences = allSentences.filter((x) => !SOURCES_LINE.test(x));
  // Statements and sayings share the typical questions and every sentence without a negation: analysed once.
  const analysed = new Map<string, Set<string>>();
  const termsOnce = (text: string): Set<string> => {
    let found = analysed.get(text);
    if (found === undefined) analysed.set(text, (found = terms(text)));
    return found;
  };
  const withEvidence = (text: string) => new Set([...termsOnce(text), ...evidenceTerms(text)]);
  const said = [...statementTexts(sentences, true), ...questions];
  return {
    headings: terms(titlePath.join('\n')),
    statements: [...statementTexts(sentences), ...questions].map(termsOnce),
    sayings: said.map(withEvidence),
    // A saying without a comma is its own one clause: analysed once, like the sayings.
    clauses: said.map((text) => text.split(CLAUSE_BREAK).filter((c) => c.trim() !== '').map(withEvidence)),
    sentenceCount: said.length - questions.length,
  };
}

/** The question's name units and the attribute units asked of them (attributes the knowledge base knows). */
export function namesAndAttributes(units: readonly WeightedUnit[], lexicon: Lexicon): { names: WeightedUnit[]; attributes: WeightedUnit[] } {
  const kind = (u: WeightedUnit) => lexicon.kindOf(u.terms[0]!);
  return { names: units.filter((u) => kind(u) === 'name'), attributes: units.filter((u) => kind(u) === 'attribute') };
}

/**
 * The attributes the section does not state for the question's names
 * (empty when the question joins no name to an attribute, or when one
 * statement holds them all).
 */
export function unstatedAttributes(section: SectionStatements, names: readonly WeightedUnit[], attributes: readonly WeightedUnit[]): string[] {
  if (names.length === 0 || attributes.length === 0) return [];
  const holds = (statement: ReadonlySet<string>) => (u: WeightedUnit) => u.terms.some((t) => statement.has(t) || section.headings.has(t));
  for (const statement of section.statements) {
    if (names.every(holds(statement)) && attributes.every(holds(statement))) return [];
  }
  return attributes.map((u) => u.text);
}
