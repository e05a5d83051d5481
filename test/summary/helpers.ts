/** Shared pieces for the summary tests: the fixtures (the chat layer's tests in test/bot/summary use them too). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTranscript } from '../../src/summary/transcript.js';
import type { ChannelMessage } from '../../src/summary/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const EN_FIXTURE = `${FIXTURES}summary-en-llm-pricing.jsonl`;
export const ZH_FIXTURE = `${FIXTURES}summary-zh-price-war.jsonl`;

export function loadFixture(path: string): ChannelMessage[] {
  const t = parseTranscript(readFileSync(path, 'utf8'));
  if (t.problems.length > 0) throw new Error(`fixture ${path} has bad lines: ${JSON.stringify(t.problems)}`);
  return t.messages;
}

/** Shift a fixture so that it happened `endsAt - last message` later (schedules need "recent" messages). */
export function shiftTo(messages: readonly ChannelMessage[], endsAt: Date): ChannelMessage[] {
  const last = messages[messages.length - 1]?.ts.getTime() ?? endsAt.getTime();
  const delta = endsAt.getTime() - last;
  return messages.map((m) => ({ ...m, ts: new Date(m.ts.getTime() + delta) }));
}
