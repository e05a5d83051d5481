/**
 * The fake Discord itself, through plain HTTP, for the tests (and helpers)
 * that build on it: seeded history pages like Discord's, limits are enforced,
 * and what the bot sends is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../../fakes/discord.js';

let discord: FakeDiscord;
let seeded: StoredMessage[];

beforeAll(async () => {
  discord = await startFakeDiscord();
  seeded = discord.seedMessages(discord.channelId, Array.from({ length: 120 }, (_, i) => ({ content: `m${i}` })));
});
afterAll(() => discord.close());

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${discord.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
}

describe('fake Discord', () => {
  it('pages channel history newest first, with before / after / limit as Discord does', async () => {
    const channel = `/channels/${discord.channelId}/messages`;
    const first = await api('GET', `${channel}?limit=100`);
    expect(first.json.map((m: { content: string }) => m.content).slice(0, 2)).toEqual(['m119', 'm118']);
    expect(first.json).toHaveLength(100);
    const next = await api('GET', `${channel}?limit=100&before=${first.json[99].id}`);
    expect(next.json.map((m: { content: string }) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${19 - i}`));
    const after = await api('GET', `${channel}?limit=3&after=${seeded[10]!.id}`);
    expect(after.json.map((m: { content: string }) => m.content)).toEqual(['m13', 'm12', 'm11']);
    expect((await api('GET', `${channel}?limit=101`)).status).toBe(400);
    expect((await api('GET', `/channels/1/messages`)).status).toBe(404);
  });

  it('refuses what Discord refuses, and records every request', async () => {
    const tooLong = await api('POST', `/channels/${discord.channelId}/messages`, { content: 'x'.repeat(2001) });
    expect(tooLong).toMatchObject({ status: 400, json: { code: 50035 } });
    const empty = await api('POST', `/channels/${discord.channelId}/messages`, { content: '' });
    expect(empty).toMatchObject({ status: 400, json: { code: 50006 } });
    const ok = await api('POST', `/channels/${discord.channelId}/messages`, { content: 'hello', embeds: [{ title: 'T', fields: [{ name: 'a', value: 'b' }] }] });
    expect(ok.status).toBe(200);
    expect(discord.text(discord.botMessages().at(-1)!)).toBe('hello\nT\na\nb');
    const unauthorized = await fetch(`${discord.apiUrl}/v10/channels/${discord.channelId}/messages`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(unauthorized.status).toBe(401);
    expect(discord.requestsTo('POST', /\/messages$/).map((r) => r.status)).toEqual([400, 400, 200, 401]);
  });

  it('refuses a late interaction callback (3 s) and an expired interaction token (15 min)', async () => {
    const late = await startFakeDiscord({ ackTimeoutMs: 0, interactionTokenTtlMs: 0 });
    try {
      const interaction = late.interact({ name: 'x' });
      await new Promise((r) => setTimeout(r, 5));
      const callback = await fetch(`${late.apiUrl}/v10/interactions/${interaction.id}/${interaction.token}/callback`, { method: 'POST', body: JSON.stringify({ type: 5 }), headers: { 'content-type': 'application/json' } });
      expect(callback.status).toBe(404);
      expect(((await callback.json()) as { code: number }).code).toBe(10062);
      const edit = await fetch(`${late.apiUrl}/v10/webhooks/${late.applicationId}/${interaction.token}/messages/@original`, { method: 'PATCH', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(((await edit.json()) as { code: number }).code).toBe(50027);
    } finally {
      await late.close();
    }
  });
});
