/**
 * The web adapter against the shared contract, through HTTP as the page uses
 * it: lines are POSTed with the session cookie and CSRF header, the
 * transcript is the session's history from the event stream, and a chart's
 * "file" is the PNG the page links under the interactive chart.
 */
import { WebAdapter } from '../../../src/adapters/web/index.js';
import { adapterContract, type ContractHarness, type DeliveredMessage } from '../contract.js';
import { openClient, visibleText } from './client.js';

async function webHarness(): Promise<ContractHarness> {
  const adapter = new WebAdapter({ host: '127.0.0.1', port: 0, maxUploadBytes: 1_000_000 });
  // The harness needs the session before the bot attaches the adapter; start it with a no-op handler, then let attach() restart it.
  let client: Awaited<ReturnType<typeof openClient>> | undefined;
  const start = adapter.start.bind(adapter);
  (adapter as { start: WebAdapter['start'] }).start = async (handler) => {
    await start(handler);
    client = await openClient(adapter.url);
  };
  const channel = (): string => {
    const session = [...adapter.store.sessions()][0];
    if (session === undefined) throw new Error('no session yet');
    return session.channel;
  };
  const ready = (): NonNullable<typeof client> => {
    if (client === undefined) throw new Error('the adapter is not started');
    return client;
  };
  return {
    adapter,
    get conversation() {
      return { platform: 'web', channel: channel(), visibility: 'direct' as const };
    },
    say: async (text) => {
      const status = await ready().say(text);
      if (status !== 202) throw new Error(`POST /api/messages answered ${status}`);
    },
    transcript: async (): Promise<DeliveredMessage[]> => {
      const c = ready();
      const history = await c.history();
      return Promise.all(
        history
          .filter((m) => m.from === 'bot')
          .map(async (m) => {
            const urls = [...(m.reply?.charts ?? []).map((ch) => ({ name: ch.filename, url: ch.png })), ...m.files.map((f) => ({ name: f.name, url: f.url }))];
            const files = await Promise.all(urls.map(async (u) => ({ name: u.name, bytes: new Uint8Array(await (await c.get(u.url)).arrayBuffer()) })));
            return { id: m.id, text: visibleText(m), edits: m.edits, files };
          }),
      );
    },
    close: async () => {
      await adapter.idle();
      await adapter.stop();
    },
  };
}

adapterContract('web', webHarness);
