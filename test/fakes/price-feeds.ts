/**
 * Fake price feeds on 127.0.0.1: OpenRouter's /api/v1/models and LiteLLM's
 * model_prices_and_context_window.json, each switchable to a failure the
 * sync must survive (malformed JSON, HTTP errors, a hang, a truncated body,
 * a list 90 % shorter, absurd prices). Bodies are built from the bundled
 * latest snapshot, so a good sync looks like a real day's feed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BUNDLED_DATA_DIR } from '../../src/pricewar/load.js';
import { validateCsv, TABLES } from '../../src/pricewar/load.js';

export type FeedBehaviour = 'ok' | 'malformed' | 'http-500' | 'http-404' | 'hang' | 'truncated' | 'shrunk' | 'absurd' | 'oversized';

export interface FakeFeeds {
  readonly openrouterUrl: string;
  readonly litellmUrl: string;
  /** What each feed serves next. */
  behaviour: { openrouter: FeedBehaviour; litellm: FeedBehaviour };
  /** Price overrides (USD per M tokens) applied to the next good bodies: model id → [input, output]. */
  readonly prices: Map<string, [number, number]>;
  readonly requests: { path: string }[];
  close(): Promise<void>;
}

/** LiteLLM's map from the bundled latest snapshot: per-token prices, provider, mode. */
export function litellmBody(prices: ReadonlyMap<string, [number, number]> = new Map(), extra = 0): Record<string, unknown> {
  const csv = readFileSync(join(BUNDLED_DATA_DIR, TABLES.latest.file), 'utf8');
  const rows = validateCsv(csv, TABLES.latest, 'latest').rows;
  const body: Record<string, unknown> = { sample_spec: { input_cost_per_token: 0, output_cost_per_token: 0, litellm_provider: 'one of…', mode: 'one of…' } };
  for (const r of rows) {
    const p = prices.get(r.model);
    const input = p?.[0] ?? r.input_usd_per_mtok;
    const output = p?.[1] ?? r.output_usd_per_mtok;
    body[r.model] = {
      // A side LiteLLM does not price is absent, as in the real file.
      ...(input === null ? {} : { input_cost_per_token: input / 1e6 }),
      ...(output === null ? {} : { output_cost_per_token: output / 1e6 }),
      litellm_provider: r.provider,
      mode: r.mode ?? 'chat',
      ...(r.max_input_tokens === null ? {} : { max_input_tokens: r.max_input_tokens }),
    };
  }
  // Extra synthetic models: a full-size file for the bench.
  for (let i = 0; i < extra; i++) body[`synthetic/model-${i}`] = { input_cost_per_token: (0.1 + (i % 50)) / 1e6, output_cost_per_token: (0.3 + (i % 50) * 3) / 1e6, litellm_provider: `synthetic-${i % 40}`, mode: i % 10 === 0 ? 'embedding' : 'chat' };
  return body;
}

const OPENROUTER_MODELS: ReadonlyArray<[string, number, number]> = [
  ['openai/gpt-4o', 2.5, 10],
  ['openai/gpt-4o-mini', 0.15, 0.6],
  ['anthropic/claude-3.5-sonnet', 3, 15],
  ['deepseek/deepseek-chat', 0.27, 1.1],
  ['qwen/qwen-turbo', 0.05, 0.2],
  ['google/gemini-2.0-flash-001', 0.1, 0.4],
  ['meta-llama/llama-3.1-70b-instruct', 0.12, 0.3],
  ['mistralai/mistral-small', 0.2, 0.6],
];

/** OpenRouter's model list: prices per token as strings. */
export function openRouterBody(prices: ReadonlyMap<string, [number, number]> = new Map(), extra = 0): { data: unknown[] } {
  const models: [string, number, number][] = OPENROUTER_MODELS.map(([id, i, o]) => {
    const p = prices.get(id);
    return [id, p?.[0] ?? i, p?.[1] ?? o];
  });
  for (let i = 0; i < extra; i++) models.push([`vendor-${i % 30}/model-${i}`, 0.05 + (i % 20) / 10, 0.2 + (i % 20) / 5]);
  return {
    data: [
      ...models.map(([id, i, o]) => ({ id, name: id, pricing: { prompt: String(i / 1e6), completion: String(o / 1e6), request: '0', image: '0' }, architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'] } })),
      { id: 'openrouter/auto', name: 'Auto Router', pricing: { prompt: '-1', completion: '-1' }, architecture: { modality: 'text->text' } },
    ],
  };
}

function absurd(feed: 'openrouter' | 'litellm', good: unknown): unknown {
  if (feed === 'openrouter') {
    const body = good as { data: { pricing: Record<string, string> }[] };
    body.data[0]!.pricing.prompt = '-0.000001';
    body.data[1]!.pricing.completion = 'NaN';
    body.data[2]!.pricing.prompt = '0.5'; // $500,000 per M tokens
    return body;
  }
  const body = good as Record<string, Record<string, unknown>>;
  const keys = Object.keys(body).filter((k) => k !== 'sample_spec');
  body[keys[0]!]!.input_cost_per_token = -1e-6;
  body[keys[1]!]!.output_cost_per_token = 'NaN';
  body[keys[2]!]!.input_cost_per_token = 0.02; // $20,000 per M tokens
  return body;
}

export async function startFakeFeeds(): Promise<FakeFeeds> {
  const requests: { path: string }[] = [];
  const prices = new Map<string, [number, number]>();
  const state = { openrouter: 'ok' as FeedBehaviour, litellm: 'ok' as FeedBehaviour };
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '' });
    const feed = (req.url ?? '').startsWith('/api/v1/models') ? 'openrouter' : 'litellm';
    const behaviour = state[feed];
    const good = (): unknown => (feed === 'openrouter' ? openRouterBody(prices, 40) : litellmBody(prices));
    const send = (status: number, text: string, headers: Record<string, string | number> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    switch (behaviour) {
      case 'ok':
        return send(200, JSON.stringify(good()));
      case 'malformed':
        return send(200, '{"data": [ {"id": "openai/gpt-4o", "pricing": ');
      case 'http-500':
        return send(500, '{"error":"internal"}');
      case 'http-404':
        return send(404, '{"error":"not found"}');
      case 'hang':
        hanging.add(res);
        return; // never answers; the client's time limit must end it
      case 'truncated': {
        const text = JSON.stringify(good());
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        // Close the connection mid-body: the declared length never arrives.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'shrunk': {
        if (feed === 'openrouter') return send(200, JSON.stringify({ data: (good() as { data: unknown[] }).data.slice(0, 1) }));
        const body = good() as Record<string, unknown>;
        return send(200, JSON.stringify(Object.fromEntries(Object.entries(body).slice(0, 60))));
      }
      case 'absurd':
        return send(200, JSON.stringify(absurd(feed, good())));
      case 'oversized':
        return send(200, JSON.stringify({ data: [], padding: 'x'.repeat(2_000_000) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    openrouterUrl: `${base}/api/v1/models`,
    litellmUrl: `${base}/litellm/model_prices_and_context_window.json`,
    behaviour: state,
    prices,
    requests,
    close: async () => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
