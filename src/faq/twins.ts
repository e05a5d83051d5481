// People write English terms in Chinese questions ("learning rate在公式里是
// 啥", "jia yangqing现在还在英伟达吗") and Chinese ones in mostly English
// questions ("dense(1) sigmoid 输出层"), while a section says them in its own
// language (学习率, "output layer"). Its twin in the other language (same
// document, same anchor) says the same thing in the other script, so the
// twin's words of that script join the section's context: they explain the
// question's words written in the other language (./coverage.ts).

import type { Section } from './types.js';

/** A Latin word or a number ("9x", "405b", "2024"): written the same in both languages. */
const LATIN_OR_NUMBER = /^[a-z0-9][a-z0-9.]*$/;
const HAN = /\p{Script=Han}/u;

/** Adds to each section's `context` its twin's terms in the other script (`sectionTerms`: each section's own terms). */
export function addTwinTerms(sections: readonly Section[], sectionTerms: readonly ReadonlySet<string>[], context: readonly Set<string>[]): void {
  const byKey = new Map<string, number>();
  sections.forEach((s, i) => byKey.set(`${s.docId}#${s.anchor}.${s.lang}`, i));
  sections.forEach((s, i) => {
    const twin = byKey.get(`${s.docId}#${s.anchor}.${s.lang === 'zh' ? 'en' : 'zh'}`);
    if (twin === undefined) return;
    const otherScript = s.lang === 'zh' ? LATIN_OR_NUMBER : HAN;
    for (const t of sectionTerms[twin]!) if (otherScript.test(t)) context[i]!.add(t);
  });
}
