/** Attachments read lazily and never past the cap, whatever size the platform announced. */
import { describe, expect, it } from 'vitest';
import { discordInboundFile } from '../../../src/adapters/discord/inbound-files.js';
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

const attachment = (size: number) => ({ name: 'data.csv', url: 'https://cdn.example/data.csv', size, contentType: 'text/csv; charset=utf-8' });

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
