/** Attachments read lazily and never past the cap, whatever size the platform announced. */
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordFileOrigins, discordInboundFile, isDiscordFileUrl } from '../../../src/adapters/discord/inbound-files.js';
import { UserError } from '../../../src/core/errors.js';

function streamingFetch(total: number, status = 200): { fetch: typeof fetch; sent: () => number } {
  let sent = 0;
  const fetchImpl = (async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(1000, total - sent)).fill(65);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(status === 200 ? body : null, { status });
  }) as typeof fetch;
  return { fetch: fetchImpl, sent: () => sent };
}

const attachment = (size: number) => ({ name: 'data.csv', url: 'https://cdn.discordapp.com/attachments/1/2/data.csv', size, contentType: 'text/csv; charset=utf-8' });

describe('discordInboundFile', () => {
  it('reads the bytes and reports the MIME type without parameters', async () => {
    const source = streamingFetch(2500);
    const file = discordInboundFile(attachment(2500), 10_000, source.fetch);
    expect(file.mime).toBe('text/csv');
    expect((await file.read(5_000)).length).toBe(2500);
  });

  it('refuses before downloading when the announced size is over the cap', async () => {
    const source = streamingFetch(5000);
    await expect(discordInboundFile(attachment(5000), 3_000, source.fetch).read(10_000)).rejects.toThrow(/data\.csv is 5\.0 kB; the limit is 3\.0 kB/);
    expect(source.sent()).toBe(0);
  });

  it('stops reading a download that grows past the cap even if the size was announced small', async () => {
    const source = streamingFetch(1_000_000);
    const reading = discordInboundFile(attachment(10), 1_000_000, source.fetch).read(4_000);
    await expect(reading).rejects.toThrow(UserError);
    await expect(discordInboundFile(attachment(10), 1_000_000, streamingFetch(1_000_000).fetch).read(4_000)).rejects.toThrow('The attached file data.csv is larger than the limit of 4.0 kB. Attach a smaller file.');
    expect(source.sent()).toBeLessThan(10_000);
  });

  it('explains a failed download', async () => {
    await expect(discordInboundFile(attachment(10), 1000, streamingFetch(0, 404).fetch).read(1000)).rejects.toThrow(/Could not download data\.csv from Discord \(HTTP 404\)/);
  });
});

describe('where attachments are downloaded from', () => {
  const origins = discordFileOrigins('http://127.0.0.1:4020/api');
  it.each([
    ['https://cdn.discordapp.com/attachments/1/2/a.csv', true],
    ['https://media.discordapp.net/attachments/1/2/a.csv', true],
    ['http://127.0.0.1:4020/attachments/1/2/a.csv', true],
    ['http://127.0.0.1:4021/attachments/1/2/a.csv', false],
    ['http://cdn.discordapp.com/attachments/1/2/a.csv', false],
    ['https://cdn.discordapp.com:8443/attachments/1/2/a.csv', false],
    ['https://cdn.discordapp.com.evil.example/a.csv', false],
    ['https://cdn.discordapp.com@evil.example/a.csv', false],
    ['https://u:p@cdn.discordapp.com/a.csv', false],
  ])('%s → %s', (href, expected) => {
    expect(isDiscordFileUrl(new URL(href), origins)).toBe(expected);
  });

  it('refuses an attachment URL off the CDN without fetching it', async () => {
    const source = streamingFetch(10);
    let called = 0;
    const counting = (async (...a: Parameters<typeof fetch>) => {
      called++;
      return source.fetch(...a);
    }) as typeof fetch;
    const foreign = { name: 'x.csv', url: 'http://169.254.169.254/latest/meta-data', size: 10 };
    await expect(discordInboundFile(foreign, 1000, counting).read(1000)).rejects.toThrow(/not on Discord's CDN/);
    expect(called).toBe(0);
  });

  it('does not follow a redirect off the CDN', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200);
      res.end('secret');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const inside = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal`;
      const redirecting = (async () => new Response(null, { status: 302, headers: { location: inside } })) as typeof fetch;
      await expect(discordInboundFile(attachment(10), 1000, redirecting).read(1000)).rejects.toThrow(/not on Discord's CDN/);
      expect(hits).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
