import { afterEach, describe, expect, it } from 'vitest';
import { parseFrontMatter, FrontMatterError } from '../../src/faq/frontmatter.js';
import { loadKnowledgeBase, parseDocument } from '../../src/faq/loader.js';
import { extractLinks, slugify, splitSections } from '../../src/faq/markdown.js';
import { docSource, KETTLE_EN, KETTLE_ZH, tempDir, writeDocs } from './helpers.js';

describe('front matter', () => {
  it('reads scalars, quoted values, inline and block lists', () => {
    const { data, body, bodyLine } = parseFrontMatter(
      ['---', 'id: x', 'title: "A: title, quoted"', "lang: 'en'", 'tags: [a, "b, c", d]', '# a comment', 'questions:', '  - first?', '  - "second: yes"', '---', 'Body'].join('\n'),
    );
    expect(data).toEqual({ id: 'x', title: 'A: title, quoted', lang: 'en', tags: ['a', 'b, c', 'd'], questions: ['first?', 'second: yes'] });
    expect(body).toBe('Body');
    expect(bodyLine).toBe(11);
  });

  it('rejects what it cannot read, with the line number', () => {
    expect(() => parseFrontMatter('no front matter')).toThrow(/must start with a line "---"/);
    expect(() => parseFrontMatter('---\nid: x\n')).toThrow(/not closed/);
    expect(() => parseFrontMatter('---\nid: x\n  nested: y\n---\n')).toThrow(/line 3: unexpected indentation/);
    expect(() => parseFrontMatter('---\n  - orphan\n---\n')).toThrow(/line 2: a "- item" line must follow/);
    expect(() => parseFrontMatter('---\ntitle: "open\n---\n')).toThrow(FrontMatterError);
    expect(() => parseFrontMatter('---\nid: a\nid: b\n---\n')).toThrow(/"id" is given twice/);
  });
});

describe('sections', () => {
  it('splits by heading with title paths, explicit anchors and slugs; skips the # title and empty parents', () => {
    const sections = splitSections(
      ['# Doc title', '', 'Intro text.', '', '## Part one {#one}', 'Body one.', '', '## Part two', '### Sub part', 'Body sub.', '', '```', '## not a heading', '```'].join('\n'),
    );
    expect(sections.map((s) => [s.anchor, s.headingPath.join(' / ')])).toEqual([
      ['intro', ''],
      ['one', 'Part one'],
      ['sub-part', 'Part two / Sub part'],
    ]);
    expect(sections[2]?.body).toContain('## not a heading');
  });

  it('slugs keep Chinese and number repeated headings', () => {
    expect(slugify('价格战的利与弊（Pros & Cons）')).toBe('价格战的利与弊pros-cons');
    const s = splitSections('## Same\na\n## Same\nb');
    expect(s.map((x) => x.anchor)).toEqual(['same', 'same-1']);
  });

  it('rejects duplicate explicit anchors and unclosed code blocks', () => {
    expect(() => splitSections('## A {#x}\na\n## B {#x}\nb')).toThrow(/anchor "#x" is used twice/);
    expect(() => splitSections('## A\n```\ncode')).toThrow(/never closed/);
  });

  it('extracts links for citations', () => {
    expect(extractLinks('See [Epoch AI](https://epoch.ai/x) and https://a16z.com/y. Again [dup](https://epoch.ai/x)')).toEqual([
      { title: 'Epoch AI', url: 'https://epoch.ai/x' },
      { title: 'a16z.com', url: 'https://a16z.com/y' },
    ]);
  });
});

describe('documents', () => {
  it('builds sections with stable ids, title path and the document questions', () => {
    const doc = parseDocument('kettle.en.md', docSource(KETTLE_EN));
    expect(doc.sections.map((s) => s.id)).toEqual(['kettle.en#heating', 'kettle.en#descaling']);
    expect(doc.sections[1]).toMatchObject({ docId: 'kettle', lang: 'en', titlePath: ['Electric kettles', 'Descaling'], anchor: 'descaling', order: 1, questions: KETTLE_EN.questions });
  });

  it('pins a question written "{#anchor} …" to that section, without the prefix', () => {
    const doc = parseDocument('kettle.en.md', docSource({ ...KETTLE_EN, questions: [...KETTLE_EN.questions, '"{#descaling} white crust inside, what do i do"'] }));
    expect(doc.questions).toEqual(['How does an electric kettle work?', 'white crust inside, what do i do']);
    expect(doc.sections.map((s) => s.pinnedQuestions)).toEqual([[], ['white crust inside, what do i do']]);
    expect(doc.sections[0]!.questions).toEqual(doc.questions);
  });

  it('rejects a pinned question whose anchor the document does not have, naming the anchors it has', () => {
    const source = docSource({ ...KETTLE_EN, questions: ['"{#descale} white crust?"'] });
    expect(() => parseDocument('x.md', source)).toThrow(/"\{#descale\}" names no section of this document \(its anchors: heating, descaling\)/);
    expect(() => parseDocument('x.md', docSource({ ...KETTLE_EN, questions: ['"{#heating}  "'] }))).toThrow(/has no question after it/);
    expect(() => parseDocument('x.md', docSource({ ...KETTLE_EN, questions: ['"{#heating} hot?"', '"{#descaling} hot?"'] }))).toThrow(/"hot\?" is pinned to both \{#heating\} and \{#descaling\}/);
  });

  it('validates the front matter with messages that say what is accepted', () => {
    const bad = docSource(KETTLE_EN).replace('lang: en', 'lang: fr').replace('questions:', 'colour: red\nquestions:');
    expect(() => parseDocument('x.md', bad)).toThrow(/lang: must be zh or en/);
    expect(() => parseDocument('x.md', bad)).toThrow(/unknown key\(s\) colour/);
    expect(() => parseDocument('x.md', docSource({ ...KETTLE_EN, questions: [] }).replace('questions:\n', 'questions: []\n'))).toThrow(/questions: needs at least one/);
    expect(() => parseDocument('x.md', docSource({ ...KETTLE_EN, body: '# Only a title' }))).toThrow(/no content/);
  });
});

describe('loadKnowledgeBase', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());

  it('loads good files, reports each bad one by file name, and ignores sub-folders and README', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    writeDocs(t.dir, {
      'kettle.en.md': docSource(KETTLE_EN),
      'kettle.zh.md': docSource(KETTLE_ZH),
      'broken.md': '---\nid: Broken Id\ntitle: x\n---\n## A\ntext',
      'z-dup.md': docSource({ ...KETTLE_EN, title: 'Again' }),
      'README.md': 'not a document',
      'notes.txt': 'ignored',
    });
    const kb = await loadKnowledgeBase(t.dir);
    expect(kb.docs.map((d) => d.file)).toEqual(['kettle.en.md', 'kettle.zh.md']);
    expect(kb.sections).toHaveLength(4);
    expect(kb.problems.map((p) => p.file).sort()).toEqual(['broken.md', 'z-dup.md']);
    expect(kb.problems.find((p) => p.file === 'broken.md')?.message).toMatch(/id: must be lower-case/);
    expect(kb.problems.find((p) => p.file === 'z-dup.md')?.message).toMatch(/already used by kettle.en.md/);
  });

  it('a missing directory is a problem, not a crash', async () => {
    const kb = await loadKnowledgeBase('/nonexistent/knowledge');
    expect(kb.docs).toHaveLength(0);
    expect(kb.problems[0]?.message).toMatch(/does not exist/);
  });

  it('every shipped knowledge document loads, in both languages, with its sources linked', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    expect(kb.problems).toEqual([]);
    const ids = new Set(kb.docs.map((d) => d.id));
    for (const id of ids) {
      expect(kb.docs.filter((d) => d.id === id).map((d) => d.lang).sort(), id).toEqual(['en', 'zh']);
      // Twins share their anchors, so an answer can switch language.
      const anchors = (lang: string) => kb.sections.filter((s) => s.docId === id && s.lang === lang).map((s) => s.anchor).sort();
      expect(anchors('zh'), id).toEqual(anchors('en'));
    }
    expect(ids.size).toBeGreaterThanOrEqual(14);
    const text = kb.sections.map((s) => s.body).join('\n');
    for (const url of ['https://epoch.ai/data-insights/llm-inference-price-trends', 'https://a16z.com/llmflation-llm-inference-cost', 'https://github.com/deepseek-ai/DeepSeek-V2', 'https://atlascloud.ai/post/the-math-behind-inference-for-llama31-405b']) {
      expect(text).toContain(url);
    }
  });
});
