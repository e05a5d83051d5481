// Markdown body → sections. A section is the text under one heading (## or
// deeper); the document's own `# Title` line is not a section. Anchors are
// stable: an explicit `{#anchor}` after the heading wins (the Chinese and
// English versions of a topic share them, which is how an answer finds its
// translation), otherwise a GitHub-style slug of the heading text.

export interface RawSection {
  readonly heading: string;
  /** Enclosing headings, outermost first, ending with `heading` (document title not included). */
  readonly headingPath: readonly string[];
  readonly anchor: string;
  readonly body: string;
}

export class MarkdownError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'MarkdownError';
  }
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const EXPLICIT_ANCHOR = /[ \t]*\{#([A-Za-z0-9][\w-]*)\}$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/** GitHub-style slug: lower case, punctuation dropped, spaces → "-". Han characters are kept. */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * Split a Markdown body into sections. `firstLine` is the file line the body
 * starts on, so errors point into the file. Sections with an empty body
 * (a heading directly followed by a sub-heading) are left out, but their
 * heading still appears in their children's path.
 */
export function splitSections(body: string, firstLine = 1): RawSection[] {
  const lines = body.split('\n');
  const out: RawSection[] = [];
  const usedAnchors = new Map<string, number>();
  const explicitAnchors = new Set<string>();
  const stack: Array<{ level: number; text: string }> = [];
  let current: { heading: string; path: string[]; anchor: string; lines: string[] } | undefined;
  let intro: string[] = [];
  let fence: string | undefined;
  let sawTitle = false;
  let sawContent = false;

  const flush = (): void => {
    if (current === undefined) return;
    const text = current.lines.join('\n').trim();
    if (text !== '') out.push({ heading: current.heading, headingPath: current.path, anchor: current.anchor, body: text });
  };

  for (const [i, line] of lines.entries()) {
    const lineNo = firstLine + i;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch !== null) {
      const marker = fenceMatch[1] as string;
      if (fence === undefined) fence = marker;
      else if (fence === marker) fence = undefined;
    }
    const heading = fence === undefined && fenceMatch === null ? HEADING.exec(line) : null;
    if (heading === null) {
      if (current !== undefined) current.lines.push(line);
      else {
        intro.push(line);
        if (line.trim() !== '') sawContent = true;
      }
      continue;
    }
    const level = (heading[1] as string).length;
    let text = heading[2] as string;
    if (level === 1 && !sawTitle && current === undefined && !sawContent) {
      // The document's own title line: the front matter's `title` is authoritative.
      sawTitle = true;
      intro = [];
      continue;
    }
    const explicit = EXPLICIT_ANCHOR.exec(text);
    if (explicit !== null) text = text.slice(0, explicit.index).trim();
    if (text === '') throw new MarkdownError('empty heading', lineNo);

    let anchor: string;
    if (explicit !== null) {
      anchor = explicit[1] as string;
      if (explicitAnchors.has(anchor) || usedAnchors.has(anchor)) throw new MarkdownError(`anchor "#${anchor}" is used twice`, lineNo);
      explicitAnchors.add(anchor);
      usedAnchors.set(anchor, 0);
    } else {
      const base = slugify(text) || 'section';
      const seen = usedAnchors.get(base);
      anchor = seen === undefined ? base : `${base}-${seen + 1}`;
      usedAnchors.set(base, (seen ?? -1) + 1);
      if (seen !== undefined) usedAnchors.set(anchor, 0);
    }

    flush();
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level >= level) stack.pop();
    stack.push({ level, text });
    current = { heading: text, path: stack.map((s) => s.text), anchor, lines: [] };
  }
  if (fence !== undefined) throw new MarkdownError(`code block opened with ${fence} is never closed`);
  flush();

  const introText = intro.join('\n').trim();
  if (introText !== '') {
    if (usedAnchors.has('intro')) throw new MarkdownError('anchor "#intro" is reserved for the text before the first heading');
    out.unshift({ heading: '', headingPath: [], anchor: 'intro', body: introText });
  }
  return out;
}

/**
 * The text of a section as it should be indexed: link targets and bare URLs
 * removed (their host names would otherwise become search terms), link
 * texts and everything else kept.
 */
export function indexableText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/<?\bhttps?:\/\/[^\s<>)\]]+>?/g, ' ');
}

/** Links in a section body, in order, de-duplicated by URL: `[text](url)` and bare URLs. */
export function extractLinks(markdown: string): Array<{ title: string; url: string }> {
  const out: Array<{ title: string; url: string }> = [];
  const seen = new Set<string>();
  const add = (title: string, url: string): void => {
    const clean = url.replace(/[.,;:)]+$/, '');
    if (seen.has(clean)) return;
    seen.add(clean);
    out.push({ title: title.trim() || hostOf(clean), url: clean });
  };
  const withoutLinks = markdown.replace(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g, (_m, title: string, url: string) => {
    add(title, url);
    return ' ';
  });
  for (const m of withoutLinks.matchAll(/\bhttps?:\/\/[^\s<>)\]]+/g)) add('', m[0]);
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
