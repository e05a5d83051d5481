/**
 * A browser-less client of the web adapter, speaking its HTTP API the way the
 * page does: a session cookie, the CSRF header, the SSE stream. The contract
 * and the HTTP tests use it; the browser tests use Chromium instead.
 */
import type { WireMessage } from '../../../src/adapters/web/wire.js';

export interface WebClient {
  readonly base: string;
  readonly csrf: string;
  readonly cookie: string;
  /** Send a line (and optionally a file) as the page does; returns the HTTP status. */
  say(text: string, file?: { name: string; bytes: Uint8Array; mime?: string }): Promise<number>;
  /** The session's history as the event stream's first event delivers it. */
  history(): Promise<WireMessage[]>;
  get(path: string): Promise<Response>;
}

/** Open a session on `base` (`http://127.0.0.1:PORT/`): the first GET sets the cookie in loopback mode. */
export async function openClient(base: string, cookie?: string): Promise<WebClient> {
  let jar = cookie ?? '';
  if (jar === '') {
    const first = await fetch(new URL('/api/session', base), { redirect: 'manual' });
    const set = first.headers.get('set-cookie') ?? '';
    jar = set.split(';')[0] ?? '';
    await first.body?.cancel();
  }
  const session = (await (await fetch(new URL('/api/session', base), { headers: { cookie: jar } })).json()) as { csrf: string };
  const origin = new URL(base).origin;
  return {
    base,
    csrf: session.csrf,
    cookie: jar,
    async say(text, file) {
      const body = new FormData();
      body.set('text', text);
      if (file !== undefined) body.set('file', new Blob([file.bytes], { type: file.mime ?? 'application/octet-stream' }), file.name);
      const res = await fetch(new URL('/api/messages', base), { method: 'POST', body, headers: { cookie: jar, origin, 'x-csrf-token': session.csrf } });
      await res.body?.cancel();
      return res.status;
    },
    async history() {
      const controller = new AbortController();
      const res = await fetch(new URL('/api/events', base), { headers: { cookie: jar }, signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) throw new Error('the event stream ended before its history event');
          buffer += decoder.decode(value, { stream: true });
          const end = buffer.indexOf('\n\n');
          if (end === -1) continue;
          const event = buffer.slice(0, end);
          const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (!event.includes('event: history')) throw new Error(`expected the history event first, got ${event}`);
          return JSON.parse(data) as WireMessage[];
        }
      } finally {
        controller.abort();
      }
    },
    get: (path) => fetch(new URL(path, base), { headers: { cookie: jar }, redirect: 'manual' }),
  };
}

/** All visible text of a stored bot reply, flattened (as a person reads the page). */
export function visibleText(message: WireMessage): string {
  if (message.from === 'user') return message.text ?? '';
  const r = message.reply;
  if (r === undefined) return '';
  return [
    r.title,
    r.text,
    ...(r.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(r.table === undefined ? [] : [r.table.columns.join(' '), ...r.table.rows.map((row) => row.join(' '))]),
    ...(r.charts ?? []).map((c) => c.title),
    ...(r.citations ?? []).map((c) => c.title),
    ...(r.actions ?? []).map((a) => a.label),
    ...message.files.map((f) => f.title ?? f.name),
  ]
    .filter((x) => x !== undefined && x !== '')
    .join('\n');
}
