// A tiny OpenAI-compatible server for tests of anything that calls an LLM
// (FAQ answers, summaries, /pricewar commentary). It speaks just enough of
// the Chat Completions API for @langchain/openai and the openai SDK:
// POST /v1/chat/completions (plain JSON, or SSE when `stream: true`) and
// GET /v1/models. It listens on 127.0.0.1 on a random port.
//
//   const fake = await startFakeOpenAI({ reply: (body) => 'hello' });
//   createChatModel({ provider: 'openai', baseUrl: fake.url, model: 'fake', timeoutMs: 2000 });
//   ... fake.requests[0].messages ...
//   await fake.close();

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatCompletionRequest {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  temperature?: number;
  [key: string]: unknown;
}

export interface FakeOpenAIOptions {
  /** Text of the assistant reply; default echoes the last user message. */
  reply?: (body: ChatCompletionRequest, index: number) => string | Promise<string>;
  /** Wait this long before answering (a client that gives up first closes the socket). */
  delayMs?: number;
  /** HTTP status; non-2xx answers with an OpenAI-style error body. A function gets the 0-based request index. */
  status?: number | ((index: number) => number);
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, as `baseURL`/`baseUrl` options expect it. */
  url: string;
  /** Parsed JSON body of every chat completion request, in arrival order. */
  requests: ChatCompletionRequest[];
  /** Requests whose client disconnected before the answer was sent (timeouts, aborts). */
  readonly aborted: number;
  close(): Promise<void>;
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: ChatCompletionRequest[] = [];
  const state = { aborted: 0 };
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(String(err), 'server_error'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, errorBody(`no route ${req.method} ${path}`, 'invalid_request_error'));
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatCompletionRequest;
    const index = requests.push(body) - 1;

    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        state.aborted++;
      }
    });
    if (opts.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, opts.delayMs);
        timers.add(t);
      });
    }
    if (gone) return;

    const status = typeof opts.status === 'function' ? opts.status(index) : (opts.status ?? 200);
    if (status < 200 || status >= 300) {
      sendJson(res, status, errorBody(`fake failure ${status}`, status === 429 ? 'rate_limit_exceeded' : 'server_error'));
      return;
    }
    const text = opts.reply ? await opts.reply(body, index) : `echo: ${lastUserText(body)}`;
    const id = `chatcmpl-fake-${index}`;
    const created = Math.floor(Date.now() / 1000);
    const usage = { prompt_tokens: 10, completion_tokens: Math.max(1, text.length), total_tokens: 10 + Math.max(1, text.length) };

    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (const piece of text.match(/[\s\S]{1,8}/g) ?? []) res.write(chunk({ content: piece }, null));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get aborted() {
      return state.aborted;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // delayed requests must not keep the test process alive
      }),
  };
}

function lastUserText(body: ChatCompletionRequest): string {
  const last = [...body.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
}

function errorBody(message: string, type: string) {
  return { error: { message, type, param: null, code: type } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Inside a `describe`: a factory for fake servers that are all closed after
 * each test, so a failing test leaves no server behind.
 */
export function fakeOpenAIPerTest(afterEach: (fn: () => Promise<void>) => void): (opts?: FakeOpenAIOptions) => Promise<FakeOpenAI> {
  const fakes: FakeOpenAI[] = [];
  afterEach(async () => {
    for (const f of fakes.splice(0)) await f.close();
  });
  return async (opts = {}) => {
    const f = await startFakeOpenAI(opts);
    fakes.push(f);
    return f;
  };
}
