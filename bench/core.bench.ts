/**
 * Router cost per command: parse + bind (zod) + route + run a trivial command
 * + deliver to a no-op responder, against a bare `zod.safeParse` of the same
 * arguments so the ratio shows what the routing layer adds.
 */
import { z } from 'zod';
import { Bot } from '../src/core/bot.js';
import { defineCommand } from '../src/core/command.js';
import { CommandRegistry } from '../src/core/registry.js';
import type { IncomingMessage } from '../src/core/message.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { fmtMs, fmtRatio, measure, type Bench } from './lib.js';

export default async function coreBench(bench: Bench): Promise<void> {
  const args = z.object({
    epochs: z.number().int().min(1).max(1000).default(10),
    model: z.enum(['small', 'mlp']).default('small'),
    name: z.string().optional(),
  });
  const echo = defineCommand({ name: 'echo', description: 'echo', examples: ['/echo'], args, positionals: ['name'], run: (_ctx, a) => ({ text: `${a.epochs}` }) });
  const bot = new Bot({
    config: loadConfig({}, undefined),
    log: createLogger({ level: 'silent' }),
    commands: new CommandRegistry([{ definition: echo, source: 'bench' }]),
  });
  const message = (text: string): IncomingMessage => ({ id: 'b', platform: 'test', user: { id: 'u' }, conversation: { platform: 'test', channel: 'c' }, text, files: [], receivedAt: new Date() });
  const responder = { send: async () => ({ ref: { conversation: { platform: 'test' as const, channel: 'c' }, id: '1' }, update: async () => undefined, followUp: async () => { throw new Error('unused'); } }) };
  const iterations = bench.quick ? 2_000 : 20_000;
  const line = '/echo alice --epochs 25 --model mlp';
  const routed = await measure(() => bot.handle(message(line), responder), { iterations, warmup: 500 });
  const bare = await measure(() => args.safeParse({ epochs: 25, model: 'mlp', name: 'alice' }), { iterations, warmup: 500 });
  bench.row('core', 'router: parse+bind+route+run+reply (p50)', fmtMs(routed.p50Ms), `p99 ${fmtMs(routed.p99Ms)}, n=${routed.n}`);
  bench.row('core', 'bare zod safeParse of the same args (p50)', fmtMs(bare.p50Ms), `router/bare ${fmtRatio(routed.p50Ms / bare.p50Ms)}`);
}
