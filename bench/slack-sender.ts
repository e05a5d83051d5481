/**
 * The sending side of bench/slack.bench.ts, in its own process as Slack's
 * servers are: fires `n` signed slash commands at once at `url` and prints
 * each one's ack latency (time to the response headers) as one JSON line.
 * In the bot's process its stopwatch would also charge the bot's post-ack
 * work (which then runs on the same event loop) to the ack.
 *
 *   tsx bench/slack-sender.ts <url> <n> <secret> <response_url>
 */
import { postSigned, slashCommandForm } from '../test/fakes/slack-requests.js';

const [url, count, secret, responseUrl] = process.argv.slice(2) as [string, string, string, string];
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    postSigned(url, slashCommandForm({ command: '/echo', text: `load ${i}`, responseUrl }), { secret }).then(
      (r) => ({ status: r.status, ms: r.ms }),
      () => ({ status: 0, ms: null }),
    ),
  ),
);
process.stdout.write(`${JSON.stringify(results)}\n`);
