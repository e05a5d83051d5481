// Which section answers each of a document's typical questions (`questions:`
// in the front matter). A question is indexed with the section it belongs
// to, not with every section of its document: otherwise "What profit margin
// did DeepSeek disclose?" would match the Llama-405B section of the same page
// as well as the DeepSeek one, and the two would swap.
//
// The section whose own text (headings and body) shares the most of the
// question's words wins, each word weighted by how rare it is among the
// document's sections and by how rare it is in the whole knowledge base
// (its idf): 风险 in "医疗大模型有哪些风险？" says which section answers it,
// 大模型, in nearly every section of the knowledge base but only one of this
// page, does not. A word in the section's own heading counts twice. Ties go
// to the earlier section. A question pinned to a section (`{#anchor} …` in
// the front matter) is placed there without a vote.

import type { Section } from './types.js';

/** A word of the question in a section's own heading says more than one in its body: the heading is what the section is about. */
const HEADING_FACTOR = 2;

/**
 * For each section (same order as `sections`), the typical questions it
 * answers. `sectionWords[i]` is the set of terms of section i's own text.
 */
export function assignQuestions(sections: readonly Section[], sectionWords: readonly ReadonlySet<string>[], words: (question: string) => readonly string[]): string[][] {
  const out: string[][] = sections.map(() => []);
  // A section's own headings (not the document's title), analysed as questions are.
  const headingWords = sections.map((s) => new Set(words(s.titlePath.slice(1).join('\n'))));
  const n = sections.length;
  const globalDf = new Map<string, number>();
  for (const set of sectionWords) for (const w of set) globalDf.set(w, (globalDf.get(w) ?? 0) + 1);
  const idf = (w: string) => {
    const df = globalDf.get(w) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const byDoc = new Map<string, number[]>();
  sections.forEach((s, i) => {
    const key = `${s.docId}.${s.lang}`;
    const list = byDoc.get(key);
    if (list === undefined) byDoc.set(key, [i]);
    else list.push(i);
  });
  for (const members of byDoc.values()) {
    const first = sections[members[0]!]!;
    // A question pinned with `{#anchor}` (./loader.ts) belongs where its author put it.
    const pinnedTo = new Map<string, number>();
    for (const i of members) for (const q of sections[i]!.pinnedQuestions ?? []) pinnedTo.set(q, i);
    for (const question of first.questions) {
      let target = pinnedTo.get(question);
      if (target !== undefined) {
        out[target]!.push(question);
        continue;
      }
      {
        let best = -1;
        for (const i of members) {
          let value = 0;
          for (const w of new Set(words(question))) {
            if (!sectionWords[i]!.has(w)) continue;
            const df = members.filter((j) => sectionWords[j]!.has(w)).length;
            value += Math.log(1 + members.length / df) * idf(w) * (headingWords[i]!.has(w) ? HEADING_FACTOR : 1);
          }
          if (value > best + 1e-9) {
            best = value;
            target = i;
          }
        }
      }
      out[target ?? members[0]!]!.push(question);
    }
  }
  return out;
}

/** Where one section's typical questions are indexed (./search-index.ts). */
export interface QuestionPlaces {
  /** The questions it answers: placed on it by their words, or pinned to it. */
  readonly own: readonly string[];
  /** Those of `own` pinned to it with `{#anchor}`. */
  readonly pinned: ReadonlySet<string>;
  /**
   * Its document's other questions, except those pinned to another section:
   * what the whole document is about. A pinned question is one section's
   * phrasing; read with every section, a page's dozens of them would pull
   * any question with one of their words to that page.
   */
  readonly others: readonly string[];
}

/** For each section (same order as `sections`), its questions' places, given `own` from assignQuestions. */
export function questionPlaces(sections: readonly Section[], own: readonly (readonly string[])[]): QuestionPlaces[] {
  const pinnedInDoc = new Map<string, Set<string>>();
  for (const s of sections) {
    const key = `${s.docId}.${s.lang}`;
    const set = pinnedInDoc.get(key) ?? new Set<string>();
    for (const q of s.pinnedQuestions ?? []) set.add(q);
    pinnedInDoc.set(key, set);
  }
  return sections.map((s, i) => {
    const mine = new Set(own[i]);
    const pinnedAnywhere = pinnedInDoc.get(`${s.docId}.${s.lang}`)!;
    return { own: own[i]!, pinned: new Set(s.pinnedQuestions ?? []), others: s.questions.filter((q) => !mine.has(q) && !pinnedAnywhere.has(q)) };
  });
}
