/**
 * A reply's Markdown for a terminal: **bold**, _italic_ and `code` as ANSI
 * styles on a colour terminal (plain words in a pipe, never raw `**`),
 * links as "text <url>", lists with bullets, headings, quotes, code blocks,
 * and tables aligned by display width (so Chinese columns line up), through
 * the shared table renderer. Parsing is marked's lexer; this file only says
 * how each token looks in a terminal.
 */
import { marked, type Token, type Tokens } from 'marked';
import { renderTable } from '../shared/text.js';

export interface TerminalStyle {
  /** ANSI styles (a TTY); plain text otherwise. */
  readonly color: boolean;
}

const ANSI = { bold: ['\x1b[1m', '\x1b[22m'], italic: ['\x1b[3m', '\x1b[23m'], code: ['\x1b[36m', '\x1b[39m'], link: ['\x1b[4m', '\x1b[24m'], dim: ['\x1b[2m', '\x1b[22m'] } as const;

function styled(style: TerminalStyle, kind: keyof typeof ANSI, text: string): string {
  return style.color ? `${ANSI[kind][0]}${text}${ANSI[kind][1]}` : text;
}

/** Decode the entities marked leaves in text tokens (`&amp;`, `&#39;`). */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m);
}

function inline(tokens: readonly Token[] | undefined, style: TerminalStyle): string {
  return (tokens ?? []).map((t) => inlineToken(t, style)).join('');
}

function inlineToken(token: Token, style: TerminalStyle): string {
  switch (token.type) {
    case 'strong':
      return styled(style, 'bold', inline((token as Tokens.Strong).tokens, style));
    case 'em':
      return styled(style, 'italic', inline((token as Tokens.Em).tokens, style));
    case 'codespan':
      return styled(style, 'code', decode((token as Tokens.Codespan).text));
    case 'del':
      return inline((token as Tokens.Del).tokens, style);
    case 'br':
      return '\n';
    case 'link': {
      const link = token as Tokens.Link;
      const text = inline(link.tokens, style);
      return text === link.href || `mailto:${text}` === link.href ? styled(style, 'link', link.href) : `${text} <${styled(style, 'link', link.href)}>`;
    }
    case 'image': {
      const image = token as Tokens.Image;
      return `[${image.text}] <${image.href}>`;
    }
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens, style) : decode(text.text);
    }
    case 'escape':
      return decode((token as Tokens.Escape).text);
    default:
      return decode('raw' in token ? String(token.raw) : '');
  }
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

function block(tokens: readonly Token[], style: TerminalStyle, loose = true): string {
  const out: string[] = [];
  for (const token of tokens) {
    const text = blockToken(token, style);
    if (text !== undefined) out.push(text);
  }
  return out.join(loose ? '\n\n' : '\n');
}

function blockToken(token: Token, style: TerminalStyle): string | undefined {
  switch (token.type) {
    case 'space':
      return undefined;
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens, style);
    case 'heading':
      return styled(style, 'bold', inline((token as Tokens.Heading).tokens, style));
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens, style) : decode(text.text);
    }
    case 'code':
      return indent((token as Tokens.Code).text, '    ', '    ');
    case 'blockquote':
      return indent(block((token as Tokens.Blockquote).tokens, style), '│ ', '│ ');
    case 'hr':
      return '───';
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const marker = list.ordered ? `${start + i}. ` : '• ';
          return indent(block(item.tokens, style, false), marker, ' '.repeat(marker.length));
        })
        .join(list.loose ? '\n\n' : '\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      return renderTable({ columns: table.header.map((c) => inline(c.tokens, style)), rows: table.rows.map((r) => r.map((c) => inline(c.tokens, style))) });
    }
    case 'html':
      return (token as Tokens.HTML).text.trimEnd();
    default:
      return 'raw' in token ? String(token.raw).trimEnd() : undefined;
  }
}

/** Markdown → terminal text. Line breaks inside a paragraph are kept (replies use them as lines). */
export function markdownForTerminal(markdown: string, style: TerminalStyle): string {
  return block(marked.lexer(markdown, { gfm: true, breaks: true }), style);
}
