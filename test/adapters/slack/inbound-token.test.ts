/**
 * The bot token goes to Slack's file origins and the configured SLACK_API_URL
 * origin only: exact scheme, host and port, never to a look-alike, and never
 * along a redirect to another origin. Real HTTP servers on 127.0.0.1 record
 * which Authorization header each request carried.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mayCarryToken, slackInboundFile, trustedFileOrigins } from '../../../src/adapters/slack/inbound.js';

interface Recorder {
  readonly origin: string;
  readonly seen: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

const servers: Recorder[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that answers `/file` with bytes and `/go?to=URL` with a 302 to URL. */
async function recorder(): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server: Server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = req.headers;
    seen.push({ path: req.url ?? '', authorization: headers.authorization });
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/go') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const rec: Recorder = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
  servers.push(rec);
  return rec;
}

const TOKEN = 'xoxb-secret-token';

function file(url: string, apiUrl: string) {
  return slackInboundFile({ name: 'f.csv', url_private_download: url }, { token: TOKEN, maxBytes: 10_000, trustedOrigins: trustedFileOrigins(apiUrl) });
}

describe('which URLs may carry the bot token', () => {
  const origins = trustedFileOrigins('http://127.0.0.1:4010/api/');
  it.each([
    ['https://files.slack.com/files-pri/T1-F1/f.csv', true],
    ['https://files.slack.com:443/files-pri/T1-F1/f.csv', true],
    ['http://127.0.0.1:4010/files/f.csv', true],
    // another port of the configured host (the finding: the token went to any port)
    ['http://127.0.0.1:4011/files/f.csv', false],
    // plain http or another port to Slack's own domain
    ['http://files.slack.com/files-pri/T1-F1/f.csv', false],
    ['https://files.slack.com:8443/files-pri/T1-F1/f.csv', false],
    // look-alikes and subdomains are not Slack's file hosts
    ['https://files.slack.com.evil.example/f.csv', false],
    ['https://evil.slack.com.example/f.csv', false],
    ['https://attacker.slack.com/f.csv', false],
    // userinfo tricks: the host is evil; or it is Slack's host with smuggled credentials
    ['https://files.slack.com@evil.example/f.csv', false],
    ['https://files.slack.com:443@evil.example/f.csv', false],
    ['https://user:pw@files.slack.com/f.csv', false],
    ['https://127.0.0.1:4010/files/f.csv', false],
  ])('%s → %s', (href, expected) => {
    expect(mayCarryToken(new URL(href), origins)).toBe(expected);
  });
});

describe('downloads', () => {
  it('sends the token to exactly the configured SLACK_API_URL origin', async () => {
    const api = await recorder();
    const bytes = await file(`${api.origin}/file`, `${api.origin}/api/`).read(10_000);
    expect(bytes.toString()).toBe('a,b\n1,2\n');
    expect(api.seen).toEqual([{ path: '/file', authorization: `Bearer ${TOKEN}` }]);
  });

  it('refuses a file on another port of the same host, sending nothing there', async () => {
    const api = await recorder();
    const other = await recorder();
    await expect(file(`${other.origin}/file`, `${api.origin}/api/`).read(10_000)).rejects.toThrow(/not hosted by Slack/);
    expect(other.seen).toEqual([]);
  });

  it('refuses a URL whose userinfo names the trusted origin', async () => {
    const api = await recorder();
    const evil = await recorder();
    const trick = `http://${api.origin.slice('http://'.length)}@${evil.origin.slice('http://'.length)}/file`;
    expect(new URL(trick).origin).toBe(evil.origin);
    await expect(file(trick, `${api.origin}/api/`).read(10_000)).rejects.toThrow(/not hosted by Slack/);
    expect(evil.seen).toEqual([]);
  });

  it('follows a redirect to another origin without the token', async () => {
    const api = await recorder();
    const elsewhere = await recorder();
    // A redirect to plain http on another origin is not followed at all.
    const viaRedirect = `${api.origin}/go?to=${encodeURIComponent(`${elsewhere.origin}/file`)}`;
    await expect(file(viaRedirect, `${api.origin}/api/`).read(10_000)).rejects.toThrow(/redirected to a non-https address/);
    expect(api.seen.map((s) => s.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(elsewhere.seen).toEqual([]);
  });

  it('keeps the token on a redirect within the trusted origin and drops it on one that leaves it', async () => {
    const api = await recorder();
    const elsewhere = await recorder();
    // A fetch that maps https://cdn.example to the second server: a redirect to an https origin
    // that is not Slack's is followed, but without the Authorization header.
    const mapped: typeof fetch = (input, init) => {
      const url = new URL(input instanceof URL ? input.href : String(input));
      const target = url.origin === 'https://cdn.example' ? new URL(url.pathname + url.search, elsewhere.origin) : url;
      return fetch(target, init);
    };
    const hops = `${api.origin}/go?to=${encodeURIComponent(`${api.origin}/go?to=${encodeURIComponent('https://cdn.example/file')}`)}`;
    const download = slackInboundFile({ name: 'f.csv', url_private: hops }, { token: TOKEN, maxBytes: 10_000, trustedOrigins: trustedFileOrigins(`${api.origin}/api/`), fetch: mapped });
    expect((await download.read(10_000)).toString()).toBe('a,b\n1,2\n');
    expect(api.seen.map((s) => s.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(elsewhere.seen).toEqual([{ path: '/file', authorization: undefined }]);
  });

  it('gives up after a few redirects instead of looping', async () => {
    const looping: typeof fetch = async () => new Response(null, { status: 302, headers: { location: 'https://files.slack.com/again' } });
    const download = slackInboundFile({ name: 'f.csv', url_private: 'https://files.slack.com/f.csv' }, { token: TOKEN, maxBytes: 10_000, trustedOrigins: trustedFileOrigins(undefined), fetch: looping });
    await expect(download.read(10_000)).rejects.toThrow(/more than 5 redirects/);
  });
});
