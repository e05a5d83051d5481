/**
 * A stored message as the page receives it (JSON over SSE). The reply keeps
 * its Markdown and its chart specs (the page draws them with vega-embed and
 * sanitises the Markdown's HTML); `data` (what `--json` prints) stays on the
 * server, and citation links that are not http(s) are dropped to plain titles.
 */
import type { Citation, Reply } from '../../core/reply.js';
import type { WebMessage } from './sessions.js';

export interface WireMessage {
  readonly id: string;
  readonly from: 'user' | 'bot';
  readonly text?: string;
  readonly attachment?: string;
  readonly edits: number;
  readonly at: string;
  readonly reply?: Omit<Reply, 'data' | 'charts' | 'citations'> & {
    readonly charts?: readonly { readonly title: string; readonly alt: string; readonly filename: string; readonly spec: unknown; readonly png: string }[];
    readonly citations?: readonly Citation[];
  };
  readonly files: readonly { readonly name: string; readonly title?: string; readonly mime: string; readonly url: string }[];
}

function safeCitation(citation: Citation): Citation {
  if (citation.url === undefined) return { title: citation.title };
  try {
    const protocol = new URL(citation.url).protocol;
    return protocol === 'http:' || protocol === 'https:' ? { title: citation.title, url: citation.url } : { title: citation.title };
  } catch {
    return { title: citation.title };
  }
}

export function toWire(message: WebMessage): WireMessage {
  const base = `/api/messages/${encodeURIComponent(message.id)}`;
  const reply = message.reply;
  let wireReply: WireMessage['reply'];
  if (reply !== undefined) {
    const { data: _data, charts, citations, ...rest } = reply;
    wireReply = {
      ...rest,
      ...(charts === undefined ? {} : { charts: charts.map((c, i) => ({ title: c.title, alt: c.alt, filename: c.filename, spec: c.spec, png: `${base}/charts/${i}` })) }),
      ...(citations === undefined ? {} : { citations: citations.map(safeCitation) }),
    };
  }
  return {
    id: message.id,
    from: message.from,
    ...(message.text === undefined ? {} : { text: message.text }),
    ...(message.attachment === undefined ? {} : { attachment: message.attachment }),
    edits: message.edits,
    at: message.at,
    ...(wireReply === undefined ? {} : { reply: wireReply }),
    files: message.files.map((f, i) => ({ name: f.name, mime: f.mime, url: `${base}/files/${i}`, ...(f.title === undefined ? {} : { title: f.title }) })),
  };
}
