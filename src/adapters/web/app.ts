/**
 * The HTTP side of the web adapter, as a Hono app: pages, static files, the
 * session's event stream (SSE), sending a line (with an optional file), the
 * charts' PNGs and uploaded files, and the /prices data. Routing, body
 * limits, the Origin check, cookies and secure headers are Hono's; this file
 * only says which route does what.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { chartPng } from '../shared/chart-png.js';
import { PUBLIC_DIR, vendorAsset } from './assets.js';
import { CSRF_HEADER, loopbackHostOnly, sameSecret, securityHeaders, SESSION_COOKIE } from './security.js';
import type { SessionStore, WebSession } from './sessions.js';
import { toWire } from './wire.js';

/** What the /prices page shows; produced by the wiring's provider (JSON only). */
export type DashboardProvider = () => Promise<object>;

export interface WebAppOptions {
  readonly store: SessionStore;
  /** Set: every visitor must log in with it. Unset: loopback mode (a session per visitor, Host checked). */
  readonly token?: string | undefined;
  /** The user id of a loopback-mode visitor. */
  readonly localUser: string;
  readonly maxUploadBytes: number;
  /** A line from the page: the adapter hands it to the bot. */
  readonly onLine: (session: WebSession, text: string, file: File | undefined) => void;
  readonly dashboard?: DashboardProvider | undefined;
  /** Logs an unexpected failure and returns the text the user sees (with its ref). */
  readonly onError: (error: unknown) => string;
}

type Env = { Variables: { session: WebSession } };

const lineSchema = z.object({ text: z.string().max(8_000) });
const loginSchema = z.object({ token: z.string().min(1).max(512), name: z.string().trim().regex(/^[\w.@-]{1,40}$/).optional().or(z.literal('')) });

const page = (name: string): Promise<string> => readFile(join(PUBLIC_DIR, name), 'utf8');

function cookieOptions(c: Context): Parameters<typeof setCookie>[3] {
  return { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' };
}

export function createWebApp(options: WebAppOptions): Hono<Env> {
  const { store } = options;
  const app = new Hono<Env>();

  app.use('*', securityHeaders());
  if (options.token === undefined) app.use('*', loopbackHostOnly());
  // Form posts (the login) must come from this origin; API calls also carry the session's CSRF token.
  app.use('*', csrf());

  app.get('/healthz', (c) => c.text('ok'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/vendor/:name', async (c) => {
    const asset = vendorAsset(c.req.param('name'));
    if (asset === undefined) return c.notFound();
    return c.body(await asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
  });
  app.use('/static/*', serveStatic({ root: PUBLIC_DIR, rewriteRequestPath: (path) => path.replace(/^\/static/, '') }));

  app.get('/login', async (c) => c.html(await page('login.html')));
  app.post('/login', bodyLimit({ maxSize: 4_096 }), async (c) => {
    const parsed = loginSchema.safeParse(await c.req.parseBody());
    if (options.token === undefined) return c.redirect('/', 303);
    if (!parsed.success || !sameSecret(parsed.data.token, options.token)) return c.redirect('/login?failed=1', 303);
    const session = store.create(parsed.data.name || 'guest');
    setCookie(c, SESSION_COOKIE, session.secret, cookieOptions(c));
    return c.redirect('/', 303);
  });

  // Everything below needs a session: made on the spot in loopback mode, from the login otherwise.
  app.use('*', async (c, next) => {
    let session = store.bySecretId(getCookie(c, SESSION_COOKIE));
    if (session === undefined && options.token === undefined && c.req.method === 'GET') {
      session = store.create(options.localUser);
      setCookie(c, SESSION_COOKIE, session.secret, cookieOptions(c));
    }
    if (session === undefined) {
      return c.req.path.startsWith('/api/') ? c.json({ error: 'Log in first (the page at /login).' }, 401) : c.redirect('/login', 303);
    }
    c.set('session', session);
    // State changes need the token only this session's page knows.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameSecret(c.req.header(CSRF_HEADER) ?? '', session.csrf)) {
      return c.json({ error: 'The page is out of date: reload it and try again.' }, 403);
    }
    await next();
  });

  app.get('/', async (c) => c.html(await page('index.html')));
  app.get('/prices', async (c) => c.html(await page('prices.html')));

  app.get('/api/session', (c) => {
    const session = c.get('session');
    return c.json({ user: session.userId, csrf: session.csrf, channel: session.channel, maxUploadBytes: options.maxUploadBytes });
  });

  app.get('/api/events', (c) => {
    const session = c.get('session');
    return streamSSE(c, async (stream) => {
      let queue: Promise<void> = Promise.resolve();
      const send = (event: string, data: unknown): void => {
        queue = queue.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => undefined);
      };
      // The whole history first: a reload or a reconnect starts from the truth, with no gap.
      send('history', session.messages.map(toWire));
      const unsubscribe = store.subscribe(session, (e) => send(e.type, toWire(e.message)));
      const ping = setInterval(() => send('ping', {}), 25_000);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(ping);
      unsubscribe();
    });
  });

  app.post(
    '/api/messages',
    bodyLimit({ maxSize: options.maxUploadBytes + 64 * 1024, onError: (c) => c.json({ error: `That request is too large: attachments may be at most ${options.maxUploadBytes.toLocaleString('en')} bytes (MAX_ATTACHMENT_BYTES).` }, 413) }),
    async (c) => {
      const session = c.get('session');
      const isForm = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
      const body: Record<string, unknown> = isForm ? await c.req.parseBody() : await c.req.json().catch(() => ({}));
      const parsed = lineSchema.safeParse(body);
      if (!parsed.success) return c.json({ error: 'Send {"text": "…"} (at most 8,000 characters).' }, 400);
      const file = body.file instanceof File && body.file.size > 0 ? body.file : undefined;
      if (parsed.data.text.trim() === '' && file === undefined) return c.json({ error: 'Type a question or a command.' }, 400);
      options.onLine(session, parsed.data.text, file);
      return c.json({ ok: true }, 202);
    },
  );

  app.get('/api/messages/:id/charts/:index{[0-9]+}', async (c) => {
    const message = store.findMessage(c.get('session'), c.req.param('id'));
    const chart = message?.reply?.charts?.[Number(c.req.param('index'))];
    if (chart === undefined) return c.notFound();
    try {
      return c.body(Buffer.from(await chartPng(chart)), 200, { 'content-type': 'image/png', 'content-disposition': `inline; filename="${safeName(chart.filename)}"` });
    } catch (error) {
      return c.json({ error: options.onError(error) }, 500);
    }
  });

  app.get('/api/messages/:id/files/:index{[0-9]+}', (c) => {
    const message = store.findMessage(c.get('session'), c.req.param('id'));
    const file = message?.files[Number(c.req.param('index'))];
    if (file === undefined) return c.notFound();
    // Only pictures are shown inline; anything else is a download the browser never interprets.
    const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.mime);
    return c.body(Buffer.from(file.bytes), 200, {
      'content-type': inline ? file.mime : 'application/octet-stream',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${safeName(file.name)}"`,
    });
  });

  app.get('/api/prices', async (c) => {
    if (options.dashboard === undefined) return c.json({ error: 'The price dashboard is not available in this bot.' }, 404);
    try {
      return c.json(await options.dashboard());
    } catch (error) {
      return c.json({ error: options.onError(error) }, 500);
    }
  });

  app.notFound((c) => c.text('Not found', 404));
  // Hono's own refusals (the Origin check's 403) are answers, not failures.
  app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.json({ error: options.onError(error) }, 500)));
  return app;
}

/** A file name safe inside a quoted Content-Disposition value. */
function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, '_').slice(0, 100) || 'file';
}
