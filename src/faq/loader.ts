// Knowledge directory → documents → sections. Each `*.md` file directly in
// the directory is one document (sub-directories such as `knowledge/data/`
// belong to other features and are not read). A file that cannot be used
// is reported with its name and the reason and skipped; the others load.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FrontMatterError, parseFrontMatter } from './frontmatter.js';
import { Lexicon } from './lexicon.js';
import { MarkdownError, splitSections } from './markdown.js';
import type { KnowledgeDoc, LoadProblem, Section } from './types.js';

/** Larger files are almost certainly not hand-written knowledge documents. */
const MAX_FILE_BYTES = 1_000_000;

/** "is required" when the key is missing, otherwise what is accepted. */
const required = (accepted: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `is required (${accepted})` : `must be ${accepted}`);

const listOf = (what: string) => z.array(z.string().trim().min(1, `${what} must not be empty`), { error: required('a list: [a, b] or "- item" lines') });

export const frontMatterSchema = z
  .object({
    id: z.string({ error: required('a string') }).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (at most 64)'),
    title: z.string({ error: required('a string') }).trim().min(1, 'must not be empty'),
    lang: z.enum(['zh', 'en'], { error: required('zh or en') }),
    tags: listOf('a tag'),
    questions: listOf('a question').min(1, 'needs at least one typical question'),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-21').optional(),
  })
  .strict();

export interface KnowledgeBase {
  readonly dir: string;
  readonly docs: readonly KnowledgeDoc[];
  readonly sections: readonly Section[];
  readonly problems: readonly LoadProblem[];
  readonly loadedAt: Date;
  /** Synonyms and abbreviations from LEXICON_FILE (empty when there is none). */
  readonly lexicon?: Lexicon;
}

/** The lexicon's file name inside the knowledge directory (not a document: it is not Markdown). */
export const LEXICON_FILE = 'lexicon.txt';

/** The lexicon, or an empty one when the file is missing; a malformed file is a problem, and no lexicon. */
async function loadLexicon(dir: string, problems: LoadProblem[]): Promise<Lexicon> {
  let source: string;
  try {
    source = await readFile(join(dir, LEXICON_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ file: LEXICON_FILE, message: `cannot read it: ${(error as Error).message}` });
    return Lexicon.empty;
  }
  try {
    return Lexicon.parse(source);
  } catch (error) {
    problems.push({ file: LEXICON_FILE, message: (error as Error).message });
    return Lexicon.empty;
  }
}

/** Is this directory entry a knowledge document? (README and _drafts are not.) */
export function isKnowledgeFile(name: string): boolean {
  return name.endsWith('.md') && !name.startsWith('.') && !name.startsWith('_') && name.toLowerCase() !== 'readme.md';
}

/** Parse one document. Throws an Error whose message says what is wrong (without the file name). */
export function parseDocument(file: string, source: string): KnowledgeDoc {
  const { data, body, bodyLine } = parseFrontMatter(source);
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : 'front matter';
      const message = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')} (allowed: id, title, lang, tags, questions, updated)` : issue.message;
      return issue.code === 'unrecognized_keys' ? message : `${key}: ${message}`;
    });
    throw new FrontMatterError(`front matter: ${issues.join('; ')}`);
  }
  const meta = parsed.data;
  const raw = splitSections(body, bodyLine);
  if (raw.length === 0) throw new MarkdownError('no content: add at least one "## Section" with text');
  const { questions, pinned } = pinnedQuestions(meta.questions, raw.map((r) => r.anchor));
  const sections: Section[] = raw.map((r, order) => {
    const heading = r.heading === '' ? meta.title : r.heading;
    return {
      id: `${meta.id}.${meta.lang}#${r.anchor}`,
      docId: meta.id,
      lang: meta.lang,
      docTitle: meta.title,
      heading,
      titlePath: [meta.title, ...r.headingPath],
      anchor: r.anchor,
      body: r.body,
      file,
      order,
      questions,
      pinnedQuestions: pinned.get(r.anchor) ?? [],
      tags: meta.tags,
    };
  });
  return { id: meta.id, title: meta.title, lang: meta.lang, tags: meta.tags, questions, file, sections };
}

/** `{#anchor} question`: a typical question pinned to the section with that anchor. */
const PIN = /^\{#([^}\s]+)\}\s*(.*)$/s;

/**
 * The typical questions without their `{#anchor}` prefixes, and for each
 * anchor the questions pinned to it. Pinning says which section answers a
 * question when its words alone would not (./assign-questions.ts places the
 * others). An anchor the document does not have is an error, not a question
 * silently indexed elsewhere.
 */
function pinnedQuestions(raw: readonly string[], anchors: readonly string[]): { questions: string[]; pinned: Map<string, string[]> } {
  const known = new Set(anchors);
  const pinned = new Map<string, string[]>();
  const pinnedTo = new Map<string, string>();
  const questions = raw.map((q) => {
    const m = PIN.exec(q);
    if (m === null) return q;
    const [, anchor, text] = m as unknown as [string, string, string];
    const question = text.trim();
    if (!known.has(anchor)) throw new FrontMatterError(`front matter: questions: "{#${anchor}}" names no section of this document (its anchors: ${anchors.join(', ')})`);
    if (question === '') throw new FrontMatterError(`front matter: questions: "{#${anchor}}" has no question after it`);
    const other = pinnedTo.get(question);
    if (other !== undefined && other !== anchor) throw new FrontMatterError(`front matter: questions: "${question}" is pinned to both {#${other}} and {#${anchor}}`);
    pinnedTo.set(question, anchor);
    pinned.set(anchor, [...(pinned.get(anchor) ?? []), question]);
    return question;
  });
  return { questions, pinned };
}

/**
 * Load every document in `dir`. Never throws for a bad file or a missing
 * directory: those become `problems`, so one broken file (or an empty
 * checkout) cannot take the whole FAQ down.
 */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const problems: LoadProblem[] = [];
  const docs: KnowledgeDoc[] = [];
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isKnowledgeFile(e.name)).map((e) => e.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file: dir, message: code === 'ENOENT' ? 'the knowledge directory does not exist (set KNOWLEDGE_DIR)' : `cannot read the directory: ${(error as Error).message}` });
    return { dir, docs, sections: [], problems, loadedAt: new Date() };
  }

  const seen = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (info.size > MAX_FILE_BYTES) throw new Error(`file is too large (${info.size} bytes; at most ${MAX_FILE_BYTES})`);
      const doc = parseDocument(name, await readFile(path, 'utf8'));
      const key = `${doc.id}.${doc.lang}`;
      const previous = seen.get(key);
      if (previous !== undefined) throw new Error(`id "${doc.id}" with lang ${doc.lang} is already used by ${previous}`);
      seen.set(key, name);
      docs.push(doc);
    } catch (error) {
      problems.push({ file: name, message: (error as Error).message });
    }
  }
  const lexicon = await loadLexicon(dir, problems);
  return { dir, docs, sections: docs.flatMap((d) => d.sections), problems, loadedAt: new Date(), lexicon };
}
