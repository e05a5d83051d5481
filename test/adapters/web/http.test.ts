/**
 * The web adapter's defences over real HTTP: static files stay in their
 * folder, the CSP forbids inline script, state changes need the session's
 * CSRF token and this origin, bodies are capped, loopback mode refuses other
 * Host names, any other bind needs a token, and the token login sets an
 * HttpOnly SameSite cookie.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { Bot } from '../../../src/core/bot.js';
import { createLogger } from '../../../src/logging.js';
import { WebAdapter, type WebAdapterOptions } from '../../../src/adapters/web/index.js';
import { contractCommands } from '../contract.js';
import { openClient, visibleText } from './client.js';
import train from '../../../commands/train.js';
import { testBot } from '../../fakes/bot.js';
import { tempDir, testConfig } from '../../training/helpers.js';

let adapter: WebAdapter | undefined;
let bot: Bot | undefined;

const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  await bot?.shutdown();
  for (const c of cleanups.splice(0)) await c();
  await adapter?.stop();
  bot = undefined;
  adapter = undefined;
});

async function start(options: Partial<WebAdapterOptions> = {}, withBot: () => Bot = () => new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands: contractCommands() })): Promise<WebAdapter> {
  adapter = new WebAdapter({ host: '127.0.0.1', port: 0, maxUploadBytes: 10_000, ...options });
  bot = withBot();
  await bot.attach(adapter);
  return adapter;
}

/** A raw GET: the path goes on the wire exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web adapter over HTTP', () => {
  it('serves no file outside its public folder', async () => {
    const web = await start();
    const client = await openClient(web.url);
    for (const path of ['/..%2f..%2fetc/passwd', '/static/..%2f..%2f..%2f..%2fetc/passwd', '/static/../app.ts', '/static/..%2fapp.ts', '/static/%2e%2e/app.ts', '/vendor/..%2f..%2fpackage.json', '/vendor/package.json']) {
      const res = await rawGet(web.url, path, { cookie: client.cookie });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/root:|import |"name"/);
    }
    expect((await rawGet(web.url, '/static/style.css')).status).toBe(200);
    expect((await rawGet(web.url, '/vendor/vega-embed.js')).status).toBe(200);
  });

  it('sends a CSP without inline script or eval on every page', async () => {
    const web = await start();
    const client = await openClient(web.url);
    for (const path of ['/', '/prices', '/static/chat.js']) {
      const res = await client.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline\' ; script');
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toMatch(/unsafe-(inline|eval)/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      await res.body?.cancel();
    }
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const web = await start();
    const client = await openClient(web.url);
    const body = new FormData();
    body.set('text', '/echo forged');
    const noToken = await fetch(new URL('/api/messages', web.url), { method: 'POST', body, headers: { cookie: client.cookie, origin: new URL(web.url).origin } });
    expect(noToken.status).toBe(403);
    const otherOrigin = await fetch(new URL('/api/messages', web.url), { method: 'POST', body, headers: { cookie: client.cookie, origin: 'http://evil.example', 'x-csrf-token': client.csrf } });
    expect(otherOrigin.status).toBe(403);
    expect(await client.say('/echo genuine')).toBe(202);
    await web.idle();
    const texts = (await client.history()).map(visibleText).join('\n');
    expect(texts).toContain('echo: genuine');
    expect(texts).not.toContain('forged');
  });

  it('caps request bodies and uploads', async () => {
    const web = await start({ maxUploadBytes: 10_000 });
    const client = await openClient(web.url);
    expect(await client.say('/echo big', { name: 'big.csv', bytes: new Uint8Array(200_000) })).toBe(413);
    expect(await client.say('x'.repeat(8_001))).toBe(400);
    expect(await client.say('   ')).toBe(400);
  });

  it('answers only loopback Host names in loopback mode (DNS rebinding)', async () => {
    const web = await start();
    expect((await rawGet(web.url, '/healthz', { host: 'attacker.example:8787' })).status).toBe(421);
    expect((await rawGet(web.url, '/healthz', { host: `127.0.0.1:${new URL(web.url).port}` })).status).toBe(200);
    // Any local user can reach 127.0.0.1: the visitor is no local operator even here.
    expect(web.capabilities.localOperator).toBe(false);
  });

  it('will not bind beyond loopback without a token', () => {
    expect(() => new WebAdapter({ host: '0.0.0.0', port: 0, maxUploadBytes: 1 })).toThrow(/WEB_TOKEN/);
    expect(() => loadConfig({ WEB_HOST: '0.0.0.0' }, undefined)).toThrow(/WEB_TOKEN/);
  });

  it('with a token: nothing without logging in; the login sets an HttpOnly SameSite cookie; visitors are web:<name>, not local operators', async () => {
    const web = await start({ token: 'correct horse battery staple' });
    expect(web.capabilities.localOperator).toBe(false);
    const anonymous = await fetch(new URL('/', web.url), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login');
    expect((await fetch(new URL('/api/session', web.url))).status).toBe(401);
    const origin = new URL(web.url).origin;
    const login = (token: string): Promise<Response> =>
      fetch(new URL('/login', web.url), { method: 'POST', redirect: 'manual', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, name: 'ana' }) });
    const wrong = await login('wrong');
    expect(wrong.headers.get('location')).toBe('/login?failed=1');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await login('correct horse battery staple');
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const client = await openClient(web.url, cookie.split(';')[0]);
    expect(((await (await client.get('/api/session')).json()) as { user: string }).user).toBe('ana');
    // A cross-site form post cannot log anyone in.
    const forged = await fetch(new URL('/login', web.url), { method: 'POST', redirect: 'manual', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' });
    expect(forged.status).toBe(403);
  });

  it('keeps the history server-side: a second connection of the same session sees the whole conversation', async () => {
    const web = await start();
    const client = await openClient(web.url);
    await client.say('/steps');
    await web.idle();
    const again = await openClient(web.url, client.cookie);
    const history = await again.history();
    expect(history.map((m) => m.from)).toEqual(['user', 'bot']);
    expect(history[1]?.edits).toBeGreaterThanOrEqual(1);
    expect(visibleText(history[1]!)).toBe('all steps done');
  });

  it('lets a logged-in visitor train only when TRAIN_ALLOWED_USERS lists web:<name>', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const attempt = async (allowed: string): Promise<string> => {
      const web = await start({ token: 'tok' }, () => testBot([train], { config: testConfig(dir.path, { TRAIN_ALLOWED_USERS: allowed }) }));
      const origin = new URL(web.url).origin;
      const login = await fetch(new URL('/login', web.url), { method: 'POST', redirect: 'manual', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: 'tok', name: 'ana' }) });
      const client = await openClient(web.url, (login.headers.get('set-cookie') ?? '').split(';')[0]);
      expect(await client.say('/train --epochs 1')).toBe(202);
      await web.idle();
      const text = (await client.history()).filter((m) => m.from === 'bot').map(visibleText).join('\n');
      await bot?.shutdown();
      await web.stop();
      return text;
    };
    expect(await attempt('slack:U1')).toContain('web:ana is not one of them');
    expect(await attempt('web:ana')).toMatch(/Training job #\d+/);
  });
});
