import { describe, expect, it } from 'vitest';
import { assignQuestions, questionPlaces } from '../../src/faq/assign-questions.js';
import type { Section } from '../../src/faq/types.js';

const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

function section(docId: string, order: number, heading: string, body: string, questions: string[] = [], pinnedQuestions: string[] = []): Section {
  return { id: `${docId}.en#s${order}`, docId, lang: 'en', docTitle: docId, heading, titlePath: [docId, heading], anchor: `s${order}`, body, file: `${docId}.en.md`, order, questions, pinnedQuestions, tags: [] };
}

const sectionWords = (sections: readonly Section[]) => sections.map((s) => new Set(words(`${s.titlePath.slice(1).join(' ')} ${s.body}`)));

describe('assignQuestions', () => {
  it('weighs a word by its rarity in the whole knowledge base, not only within the document', () => {
    // "model" is in only one section of the kettle page but in every other section of the knowledge base;
    // "risks" is in one section of the kettle page and nowhere else: it says which section answers.
    const q = 'What are the model risks of kettles?';
    const sections = [
      section('kettle', 0, 'Overview', 'A kettle model boils water.', [q]),
      section('kettle', 1, 'Caveats', 'Kettle risks: scalds and limescale.', [q]),
      ...Array.from({ length: 6 }, (_, i) => section(`other${i}`, 0, 'Intro', `Every model here is about something else ${i}.`)),
    ];
    const own = assignQuestions(sections, sectionWords(sections), words);
    expect(own[1]).toEqual([q]);
    expect(own[0]).toEqual([]);
  });

  it('places a pinned question on its section even where another section shares more of its words', () => {
    const pinned = 'kettle descale overview?';
    const sections = [
      section('kettle', 0, 'Overview', 'A kettle: boil, pour, descale now and then.', [pinned]),
      section('kettle', 1, 'Descale', 'Vinegar and water, then rinse.', [pinned], [pinned]),
    ];
    const own = assignQuestions(sections, sectionWords(sections), words);
    expect(own[1]).toEqual([pinned]);
    expect(own[0]).toEqual([]);
    // Unpinned, its words would have placed it on the overview.
    const unpinned = assignQuestions([sections[0]!, { ...sections[1]!, pinnedQuestions: [] }], sectionWords(sections), words);
    expect(unpinned[0]).toEqual([pinned]);
  });

  it('counts a word in the section heading more than the same word in another section body', () => {
    const q = 'How do I descale a kettle?';
    const sections = [
      section('kettle', 0, 'Overview', 'Boil, pour, descale now and then.', [q]),
      section('kettle', 1, 'Descale', 'Vinegar and water, then rinse.', [q]),
    ];
    const own = assignQuestions(sections, sectionWords(sections), words);
    expect(own[1]).toEqual([q]);
  });
});

describe('questionPlaces', () => {
  it("keeps a question pinned to one section out of the document's other sections, and unpinned ones in", () => {
    const general = 'How does a kettle work?';
    const pinned = 'white crust inside?';
    const sections = [
      section('kettle', 0, 'Overview', 'A kettle boils water.', [general, pinned]),
      section('kettle', 1, 'Descale', 'Vinegar and water, then rinse.', [general, pinned], [pinned]),
      section('teapot', 0, 'Overview', 'A teapot steeps tea.', ['How do I use a teapot?']),
    ];
    const places = questionPlaces(sections, [[general], [pinned], ['How do I use a teapot?']]);
    expect(places[0]).toEqual({ own: [general], pinned: new Set(), others: [] });
    expect(places[1]).toEqual({ own: [pinned], pinned: new Set([pinned]), others: [general] });
    expect(places[2]!.others).toEqual([]);
  });
});
