// A fake OpenAI-compatible embeddings endpoint (POST /v1/embeddings) on
// 127.0.0.1, for driving langchain's real OpenAIEmbeddings client. Vectors
// are deterministic: hashed character bigrams (and words) of the text,
// L2-normalised, so texts that share words point the same way. Answers in
// base64 float32 when the client asks for it (the openai SDK does by
// default) and as JSON arrays otherwise. Records every request.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_DIMENSIONS = 512;

export interface FakeEmbeddings {
  readonly url: string;
  /** Every input text received, in order, across requests. */
  readonly inputs: string[];
  /** Number of HTTP requests to /v1/embeddings. */
  requests: number;
  /** Make the next requests fail with this HTTP status (undefined: succeed). */
  failWith: number | undefined;
  close(): Promise<void>;
}

/** The fake's vector for `text`. */
export function fakeVector(text: string): number[] {
  const v = new Array<number>(FAKE_DIMENSIONS).fill(0);
  const add = (token: string) => {
    let h = 2166136261;
    for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
    v[(h >>> 0) % FAKE_DIMENSIONS]! += 1;
  };
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z0-9]+/g) ?? []) add(w);
  const han = [...lower].filter((c) => /\p{Script=Han}/u.test(c));
  for (let i = 0; i + 1 < han.length; i++) add(han[i]! + han[i + 1]!);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

export async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  const fake: FakeEmbeddings = {
    url: '',
    inputs: [],
    requests: 0,
    failWith: undefined,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || path !== '/v1/embeddings') return send(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      fake.requests++;
      const request = (await body(req)) as { input: string | string[]; model: string; encoding_format?: string };
      if (fake.failWith !== undefined) return send(res, fake.failWith, { error: { message: 'fake failure', type: 'server_error' } });
      const inputs = Array.isArray(request.input) ? request.input : [request.input];
      fake.inputs.push(...inputs);
      const data = inputs.map((text, index) => {
        const vector = fakeVector(text);
        const embedding = request.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      });
      send(res, 200, { object: 'list', model: request.model, data, usage: { prompt_tokens: 0, total_tokens: 0 } });
    })().catch((err: unknown) => send(res, 500, { error: { message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
