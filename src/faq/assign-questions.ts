// Which section answers each of a document's typical questions (`questions:`
// in the front matter). A question is indexed with the section it belongs
// to, not with every section of its document: otherwise "What profit margin
// did DeepSeek disclose?" would match the Llama-405B section of the same page
// as well as the DeepSeek one, and the two would swap.
//
// The section whose own text (headings and body) shares the most of the
// question's words wins, each word weighted by how rare it is among the
// document's sections; ties go to the earlier section.

import type { Section } from './types.js';

/**
 * For each section (same order as `sections`), the typical questions it
 * answers. `sectionWords[i]` is the set of terms of section i's own text.
 */
export function assignQuestions(sections: readonly Section[], sectionWords: readonly ReadonlySet<string>[], words: (question: string) => readonly string[]): string[][] {
  const out: string[][] = sections.map(() => []);
  const byDoc = new Map<string, number[]>();
  sections.forEach((s, i) => {
    const key = `${s.docId}.${s.lang}`;
    const list = byDoc.get(key);
    if (list === undefined) byDoc.set(key, [i]);
    else list.push(i);
  });
  for (const members of byDoc.values()) {
    const first = sections[members[0]!]!;
    for (const question of first.questions) {
      let target: number | undefined;
      {
        let best = -1;
        for (const i of members) {
          let value = 0;
          for (const w of new Set(words(question))) {
            if (!sectionWords[i]!.has(w)) continue;
            const df = members.filter((j) => sectionWords[j]!.has(w)).length;
            value += Math.log(1 + members.length / df);
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
