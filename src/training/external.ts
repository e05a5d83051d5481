/**
 * TRAIN_COMMAND: an operator's own trainer (a PyTorch script on the GPU host,
 * say) that the queue runs instead of TF.js. The template is split into
 * words like a shell would (quotes group words) but no shell runs it, so a
 * placeholder's value can never inject a command; write `sh -c '…'` yourself
 * if you want a shell.
 *
 * Placeholders (each replaced inside any word):
 *   {data}    CSV with a header row, label in the column named by {label}
 *   {params}  JSON file with every parameter (below) and the dataset description
 *   {out}     folder for the trained model (created; also the job's folder)
 *   {job} {model} {hidden} {epochs} {batch} {lr} {val_split} {test_split} {seed} {label}
 * The same values are in the environment as PWBOT_DATA, PWBOT_PARAMS,
 * PWBOT_OUT, PWBOT_JOB_ID.
 */

export const PLACEHOLDERS = ['data', 'params', 'out', 'job', 'model', 'hidden', 'epochs', 'batch', 'lr', 'val_split', 'test_split', 'seed', 'label'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export class CommandTemplateError extends Error {
  override readonly name = 'CommandTemplateError';
}

/** Split like a POSIX shell does for plain words: whitespace separates, '…' and "…" group, \ escapes. */
export function splitCommandLine(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (template[i + 1] === '"' || template[i + 1] === '\\')) word += template[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < template.length) {
      word += template[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new CommandTemplateError(`TRAIN_COMMAND has an unclosed ${quote} quote`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandTemplateError('TRAIN_COMMAND is empty');
  return words;
}

/** Check a template once (at start-up): known placeholders only. */
export function parseCommandTemplate(template: string): string[] {
  const words = splitCommandLine(template);
  for (const word of words) {
    for (const match of word.matchAll(/\{([a-z_]+)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(match[1] as string)) {
        throw new CommandTemplateError(`TRAIN_COMMAND uses an unknown placeholder {${match[1]}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`);
      }
    }
  }
  return words;
}

export function expandTemplate(words: readonly string[], values: Readonly<Record<Placeholder, string>>): { command: string; args: string[] } {
  const expanded = words.map((w) => w.replace(/\{([a-z_]+)\}/g, (all, name: string) => (name in values ? values[name as Placeholder] : all)));
  return { command: expanded[0] as string, args: expanded.slice(1) };
}
