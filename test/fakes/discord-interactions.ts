/**
 * Turning a chat line into slash-command options the way a Discord client
 * would fill the form, using the command list the bot registered. Test-side
 * convenience only: a test that needs exact options passes them directly.
 *
 *   "/num --n 5"              → num, [{ name: 'n', type: 4, value: 5 }]
 *   "/echo hello world"       → echo, [{ name: 'words', type: 3, value: 'hello world' }]
 *   "/pricewar cuts --days 7" → pricewar, [{ type: 1, name: 'cuts', options: [days] }]
 *
 * Bare words fill the options not given as flags in the form's order (one
 * word each; extra words join the last string option), the way a person
 * would fill the form from left to right.
 */
import { tokenize } from '../../src/core/parser.js';

type Json = Record<string, unknown>;

export interface InteractionOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: readonly InteractionOption[];
}

export const OptionType = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, Number: 10, Attachment: 11 } as const;

function typedValue(raw: string, type: number): string | number | boolean {
  if (type === OptionType.Integer || type === OptionType.Number) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (type === OptionType.Boolean) return !['false', 'no', 'off', '0'].includes(raw.toLowerCase());
  return raw;
}

function fillOptions(words: readonly { value: string; quoted: boolean }[], schema: readonly Json[]): InteractionOption[] {
  const given = new Map<string, InteractionOption>();
  const bare: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as { value: string; quoted: boolean };
    const flag = word.quoted ? null : /^--([\w-]+)(?:=(.*))?$/.exec(word.value);
    const option = flag === null ? undefined : schema.find((o) => o.name === flag[1]);
    if (flag === null || option === undefined) {
      if (flag !== null) {
        // Not in the registered form: pass it on as a string, as a stale registration would.
        given.set(flag[1] as string, { name: flag[1] as string, type: OptionType.String, value: flag[2] ?? words[++i]?.value ?? '' });
        continue;
      }
      bare.push(word.value);
      continue;
    }
    const type = Number(option.type);
    let raw = flag[2];
    if (raw === undefined) raw = type === OptionType.Boolean ? 'true' : (words[++i]?.value ?? '');
    given.set(option.name as string, { name: option.name as string, type, value: typedValue(raw, type) });
  }
  // Bare words fill the options not given as flags, one each in the form's order; extra words join the last string option filled.
  let lastString: string | undefined;
  const free = schema.filter((o) => o.type !== OptionType.Attachment && !given.has(o.name as string));
  for (const [i, word] of bare.entries()) {
    const option = free[i];
    if (option === undefined) {
      if (lastString === undefined) throw new Error(`no option left for the words "${bare.slice(i).join(' ')}"`);
      const previous = given.get(lastString);
      given.set(lastString, { name: lastString, type: OptionType.String, value: `${String(previous?.value ?? '')} ${word}` });
      continue;
    }
    const type = Number(option.type);
    if (type === OptionType.String) lastString = option.name as string;
    given.set(option.name as string, { name: option.name as string, type, value: typedValue(word, type) });
  }
  return [...given.values()];
}

/** `line` → the command name and its options, following the registered command `schema` (or none: a stale/unknown command). */
export function optionsFromLine(line: string, commands: readonly Json[]): { name: string; options: InteractionOption[] } {
  const match = /^\/([\w-]+)\s*([\s\S]*)$/.exec(line.trim());
  if (match === null) throw new Error(`not a slash command: ${line}`);
  const name = (match[1] as string).toLowerCase();
  const words = tokenize(match[2] as string);
  const command = commands.find((c) => c.name === name);
  if (command === undefined) return { name, options: [] };
  const schema = (command.options ?? []) as Json[];
  const subs = schema.filter((o) => o.type === OptionType.Subcommand);
  if (subs.length === 0) return { name, options: fillOptions(words, schema) };
  const first = words[0]?.value.toLowerCase();
  const sub = subs.find((s) => s.name === first);
  if (sub === undefined) throw new Error(`/${name} needs one of the sub-commands ${subs.map((s) => s.name).join(', ')}`);
  return { name, options: [{ name: sub.name as string, type: OptionType.Subcommand, options: fillOptions(words.slice(1), (sub.options ?? []) as Json[]) }] };
}
