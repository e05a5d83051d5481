/**
 * What the real Discord refuses, checked by the fake so that a rendering or a
 * generated command list that breaks a limit fails the test instead of
 * passing against a lenient fake. Each check returns problems in the form
 * Discord's "Invalid Form Body" would name them (path: reason).
 */

const NAME_RE = /^[-_\p{L}\p{N}\p{sc=Devanagari}\p{sc=Thai}]{1,32}$/u;

type Json = Record<string, unknown>;

function len(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

export function messageProblems(payload: Json, fileCount: number): string[] {
  const problems: string[] = [];
  const content = typeof payload.content === 'string' ? payload.content : '';
  if (content.length > 2000) problems.push(`content: must be 2000 or fewer in length (got ${content.length})`);
  const embeds = (Array.isArray(payload.embeds) ? payload.embeds : []) as Json[];
  if (embeds.length > 10) problems.push('embeds: must be 10 or fewer in length');
  let total = 0;
  embeds.forEach((embed, i) => {
    const fields = (Array.isArray(embed.fields) ? embed.fields : []) as Json[];
    const footer = (embed.footer ?? {}) as Json;
    const author = (embed.author ?? {}) as Json;
    if (len(embed.title) > 256) problems.push(`embeds.${i}.title: must be 256 or fewer in length`);
    if (len(embed.description) > 4096) problems.push(`embeds.${i}.description: must be 4096 or fewer in length (got ${len(embed.description)})`);
    if (fields.length > 25) problems.push(`embeds.${i}.fields: must be 25 or fewer in length`);
    fields.forEach((field, j) => {
      if (len(field.name) === 0 || len(field.name) > 256) problems.push(`embeds.${i}.fields.${j}.name: must be 1-256 in length`);
      if (len(field.value) === 0 || len(field.value) > 1024) problems.push(`embeds.${i}.fields.${j}.value: must be 1-1024 in length (got ${len(field.value)})`);
      total += len(field.name) + len(field.value);
    });
    if (len(footer.text) > 2048) problems.push(`embeds.${i}.footer.text: must be 2048 or fewer in length`);
    total += len(embed.title) + len(embed.description) + len(footer.text) + len(author.name);
  });
  if (total > 6000) problems.push(`embeds: total size must be 6000 or fewer (got ${total})`);
  const rows = (Array.isArray(payload.components) ? payload.components : []) as Json[];
  if (rows.length > 5) problems.push('components: must be 5 or fewer in length');
  rows.forEach((row, i) => {
    const items = (Array.isArray(row.components) ? row.components : []) as Json[];
    if (row.type !== 1) problems.push(`components.${i}.type: must be an action row (1)`);
    if (items.length === 0 || items.length > 5) problems.push(`components.${i}.components: must be 1-5 in length`);
    items.forEach((item, j) => {
      if (len(item.custom_id) === 0 || len(item.custom_id) > 100) problems.push(`components.${i}.components.${j}.custom_id: must be 1-100 in length`);
      if (len(item.label) > 80) problems.push(`components.${i}.components.${j}.label: must be 80 or fewer in length`);
    });
  });
  if (fileCount > 10) problems.push('files: must be 10 or fewer');
  return problems;
}

const OPTION_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

function optionProblems(options: readonly Json[], path: string, problems: string[]): void {
  if (options.length > 25) problems.push(`${path}: must be 25 or fewer in length (got ${options.length})`);
  const names = new Set<string>();
  let seenOptional = false;
  options.forEach((option, i) => {
    const where = `${path}.${i}`;
    const name = typeof option.name === 'string' ? option.name : '';
    if (!NAME_RE.test(name) || name !== name.toLowerCase()) problems.push(`${where}.name: "${name}" is not a valid lower-case name`);
    if (names.has(name)) problems.push(`${where}.name: duplicate "${name}"`);
    names.add(name);
    if (len(option.description) < 1 || len(option.description) > 100) problems.push(`${where}.description: must be 1-100 in length (got ${len(option.description)})`);
    const type = Number(option.type);
    if (!OPTION_TYPES.has(type)) problems.push(`${where}.type: unknown option type ${String(option.type)}`);
    if (type === 1 || type === 2) {
      optionProblems((option.options ?? []) as Json[], `${where}.options`, problems);
      return;
    }
    if (option.required === true && seenOptional) problems.push(`${where}.required: required options must be placed before non-required options`);
    if (option.required !== true) seenOptional = true;
    const choices = (option.choices ?? []) as Json[];
    if (choices.length > 25) problems.push(`${where}.choices: must be 25 or fewer in length`);
    choices.forEach((choice, j) => {
      if (len(choice.name) < 1 || len(choice.name) > 100) problems.push(`${where}.choices.${j}.name: must be 1-100 in length`);
    });
    if ((option.min_value !== undefined || option.max_value !== undefined) && type !== 4 && type !== 10) problems.push(`${where}: min/max only for numbers`);
  });
  const kinds = new Set(options.map((o) => (o.type === 1 || o.type === 2 ? 'sub' : 'value')));
  if (kinds.size > 1) problems.push(`${path}: sub-commands cannot be mixed with other options`);
}

function characterCount(node: Json): number {
  let total = len(node.name) + len(node.description);
  for (const choice of (node.choices ?? []) as Json[]) total += len(choice.name) + String(choice.value ?? '').length;
  for (const option of (node.options ?? []) as Json[]) total += characterCount(option);
  return total;
}

/** Problems with one chat-input command, as `PUT /applications/:id/commands` reports them. */
export function commandProblems(command: Json, index: number): string[] {
  const problems: string[] = [];
  const where = String(index);
  const name = typeof command.name === 'string' ? command.name : '';
  if (!NAME_RE.test(name) || name !== name.toLowerCase()) problems.push(`${where}.name: "${name}" is not a valid lower-case name`);
  if (len(command.description) < 1 || len(command.description) > 100) problems.push(`${where}.description: must be 1-100 in length`);
  optionProblems((command.options ?? []) as Json[], `${where}.options`, problems);
  // Discord caps the characters of a command's names, descriptions and choice values together.
  const size = characterCount(command);
  if (size > 4000) problems.push(`${where}: names, descriptions and choice values together are ${size} characters (at most 4000)`);
  return problems;
}

export function commandListProblems(commands: readonly Json[]): string[] {
  const problems = commands.flatMap((c, i) => commandProblems(c, i));
  if (commands.length > 100) problems.push('at most 100 global chat-input commands');
  const names = commands.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) problems.push(`duplicate command name "${String(duplicate)}"`);
  return problems;
}
