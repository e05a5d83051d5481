/**
 * Core `Reply` → Discord messages, within Discord's limits: plain text (split
 * at 2,000 characters) when the reply is only text, otherwise an embed (title,
 * description ≤ 4,096, ≤ 25 fields, ≤ 6,000 characters in all) with the first
 * chart shown inside it (`attachment://…`), more charts in their own embeds,
 * the table as a monospaced block (or a CSV file when it does not fit), and
 * citations as a "Sources" field with links. What does not fit goes into
 * overflow messages; buttons sit under the last message.
 */
import { AttachmentBuilder, ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from './discord-js.js';
import type { Citation, Reply, ReplyTable } from '../../core/reply.js';
import type { PngChart, PngReply } from '../shared/chart-png.js';
import { csvLine } from '../../csv/index.js';
import { renderTable } from '../shared/text.js';
import type { ActionIds } from './buttons.js';
import { clip } from './slash-commands.js';
import { splitText } from './split.js';

export const LIMITS = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, embedTotal: 6000, embeds: 10, files: 10, buttonsPerRow: 5, rows: 5, buttonLabel: 80 } as const;

const COLOR = { normal: 0x5865f2, error: 0xed4245, progress: 0x99aab5 } as const;

/** One Discord message: what `send`, `editReply` and `followUp` take. */
export interface DiscordPayload {
  /** `null` clears the text of an edited message. */
  readonly content: string | null;
  readonly embeds: APIEmbed[];
  readonly files: AttachmentBuilder[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** A payload as a new message takes it (`send`, `followUp`): no `content` key when there is no text. */
export function sendPayload(payload: DiscordPayload | undefined): { content?: string; embeds: DiscordPayload['embeds']; files: DiscordPayload['files']; components: DiscordPayload['components'] } {
  return {
    ...(payload?.content === null || payload?.content === undefined ? {} : { content: payload.content }),
    embeds: payload?.embeds ?? [],
    files: payload?.files ?? [],
    components: payload?.components ?? [],
  };
}

/** An edit replaces everything: text, embeds, buttons, and the files (`attachments: []` drops the old ones). */
export function editPayload(payload: DiscordPayload | undefined): { content: string | null; embeds: DiscordPayload['embeds']; files: DiscordPayload['files']; components: DiscordPayload['components']; attachments: [] } {
  return { content: payload?.content ?? null, embeds: payload?.embeds ?? [], files: payload?.files ?? [], components: payload?.components ?? [], attachments: [] };
}

export interface RenderOptions {
  readonly actionIds: ActionIds;
  /** A line shown above the reply (e.g. why it continues in a channel message). */
  readonly notice?: string;
}

/** A file name Discord keeps as is (it rewrites other characters), unique within the message. */
function attachmentName(filename: string, taken: Set<string>, extension = '.png'): string {
  const base = filename.replace(/^.*[\\/]/, '').replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || `file${extension}`;
  const withExt = base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
  const stem = withExt.slice(0, withExt.length - extension.length);
  let name = withExt;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}${extension}`;
  taken.add(name);
  return name;
}

function chartFile(chart: PngChart, name: string): AttachmentBuilder {
  return new AttachmentBuilder(Buffer.from(chart.png), { name, description: clip(chart.alt || chart.title, 1024) });
}

function tableCsv(table: ReplyTable): Buffer {
  const lines = [table.columns, ...table.rows].map((row) => csvLine(row));
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The table as a code block of at most `budget` characters, with as many rows as fit. */
function tableBlock(table: ReplyTable, budget: number): { block: string; complete: boolean } {
  const wrap = (t: ReplyTable): string => `\`\`\`\n${renderTable(t)}\n\`\`\``;
  const full = wrap(table);
  if (full.length <= budget) return { block: full, complete: true };
  let rows = table.rows.length;
  while (rows > 0) {
    const block = wrap({ columns: table.columns, rows: table.rows.slice(0, rows) });
    const note = `${table.rows.length - rows} more rows in table.csv`;
    if (block.length + note.length + 1 <= budget) return { block: `${block}\n${note}`, complete: false };
    rows = Math.max(0, Math.min(rows - 1, Math.floor(rows * 0.8)));
  }
  return { block: 'The table is attached as table.csv.', complete: false };
}

function escapeLinkText(text: string): string {
  return text.replace(/([[\]])/g, '\\$1');
}

function sourcesField(citations: readonly Citation[]): APIEmbedField {
  const lines = citations.map((c, i) => `${i + 1}. ${c.url ? `[${escapeLinkText(c.title)}](${c.url})` : c.title}`);
  let value = '';
  for (const [i, line] of lines.entries()) {
    const more = `\n…and ${lines.length - i} more`;
    if (value.length + line.length + 1 + (i < lines.length - 1 ? more.length : 0) > LIMITS.fieldValue) {
      value += more;
      break;
    }
    value += (value ? '\n' : '') + line;
  }
  return { name: 'Sources', value: clip(value, LIMITS.fieldValue) };
}

function buttonRows(reply: Reply, ids: ActionIds): DiscordPayload['components'] {
  const actions = (reply.actions ?? []).slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  const rows: DiscordPayload['components'] = [];
  for (let i = 0; i < actions.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: actions.slice(i, i + LIMITS.buttonsPerRow).map((action) => ({
        type: ComponentType.Button,
        label: clip(action.label, LIMITS.buttonLabel),
        custom_id: ids.encode(action.command),
        style: action.style === 'primary' ? ButtonStyle.Primary : action.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary,
      })),
    });
  }
  return rows;
}

function plainMessages(text: string): DiscordPayload[] {
  return splitText(text, LIMITS.content).map((content) => ({ content, embeds: [], files: [], components: [] }));
}

function needsEmbed(reply: Reply): boolean {
  return reply.title !== undefined || (reply.fields?.length ?? 0) > 0 || reply.table !== undefined || (reply.charts?.length ?? 0) > 0 || (reply.citations?.length ?? 0) > 0 || reply.tone === 'error';
}

/** Room kept for the reply's text when fields would fill the 6,000 characters of a message's embeds. */
const TEXT_RESERVE = 1000;
/** Titles of the extra chart embeds count toward the 6,000 too: keep them short. */
const CHART_TITLE_MAX = 100;

function embedReply(reply: PngReply, notice: string | undefined): DiscordPayload[] {
  const overflowText: string[] = [];
  const files: AttachmentBuilder[] = [];
  const taken = new Set<string>();
  const color = COLOR[reply.tone ?? 'normal'];
  const embed: APIEmbed = { color };
  if (reply.title) embed.title = clip(reply.title, LIMITS.title);
  let used = embed.title?.length ?? 0;

  // Charts: the first inside the main embed, further ones in embeds of their own (Discord: 10 embeds and
  // 10 files per message, one file slot kept for table.csv); the rest follow in later messages.
  const charts = reply.charts ?? [];
  const chartEmbeds: APIEmbed[] = [];
  const laterCharts: PngChart[] = [];
  const mainCharts = Math.min(LIMITS.embeds, LIMITS.files - (reply.table ? 1 : 0));
  for (const [i, chart] of charts.entries()) {
    if (i >= mainCharts) {
      laterCharts.push(chart);
      continue;
    }
    const name = attachmentName(chart.filename, taken);
    files.push(chartFile(chart, name));
    if (i === 0) embed.image = { url: `attachment://${name}` };
    else {
      const title = clip(chart.title, CHART_TITLE_MAX);
      used += title.length;
      chartEmbeds.push({ color, title, image: { url: `attachment://${name}` } });
    }
  }

  const sources = reply.citations && reply.citations.length > 0 ? sourcesField(reply.citations) : undefined;
  if (sources) used += sources.name.length + sources.value.length;
  const fields: APIEmbedField[] = [];
  for (const field of reply.fields ?? []) {
    const shown = { name: clip(field.label || '—', LIMITS.fieldName), value: clip(field.value || '—', LIMITS.fieldValue), inline: field.inline === true };
    const size = shown.name.length + shown.value.length;
    if (fields.length >= LIMITS.fields - (sources ? 1 : 0) || used + size > LIMITS.embedTotal - TEXT_RESERVE) {
      overflowText.push(`**${field.label}**: ${field.value}`);
      continue;
    }
    fields.push(shown);
    used += size;
  }
  if (sources) fields.push(sources);
  if (fields.length > 0) embed.fields = fields;

  const room = Math.min(LIMITS.description, LIMITS.embedTotal - used);
  const prefix = reply.tone === 'error' ? '⚠ ' : '';
  let description = '';
  if (reply.text) {
    const continued = '\n*(continued below)*';
    const parts = splitText(`${prefix}${reply.text}`, room - continued.length);
    description = parts[0] ?? '';
    if (parts.length > 1) {
      description += continued;
      overflowText.unshift(parts.slice(1).join('\n\n'));
    }
  }
  if (reply.table) {
    const left = room - description.length - 2;
    const inEmbed = tableBlock(reply.table, Math.max(0, left));
    // A table that does not fit whole beside the text gets a message of its own (a preview plus table.csv).
    const { block, complete } = inEmbed.complete ? inEmbed : tableBlock(reply.table, LIMITS.content - 100);
    if (inEmbed.complete) description = description ? `${description}\n\n${block}` : block;
    else overflowText.push(block);
    if (!complete) files.push(new AttachmentBuilder(tableCsv(reply.table), { name: attachmentName('table.csv', taken, '.csv'), description: reply.table.caption ?? 'Full table' }));
  }
  if (description) embed.description = description;

  const main: DiscordPayload = { content: notice ?? null, embeds: [embed, ...chartEmbeds], files, components: [] };
  const overflow = overflowText.length > 0 ? plainMessages(overflowText.join('\n\n')) : [];
  for (let i = 0; i < laterCharts.length; i += LIMITS.embeds) {
    const batch = laterCharts.slice(i, i + LIMITS.embeds);
    const names = batch.map((c) => attachmentName(c.filename, taken));
    overflow.push({
      content: null,
      embeds: batch.map((c, j) => ({ color, title: clip(c.title, CHART_TITLE_MAX), image: { url: `attachment://${names[j] ?? ''}` } })),
      files: batch.map((c, j) => chartFile(c, names[j] ?? 'chart.png')),
      components: [],
    });
  }
  return [main, ...overflow];
}

/**
 * The messages that show `reply` (its charts already drawn, see
 * ../shared/chart-png.ts): the first is the main one (sent or edited), the
 * others follow it.
 */
export function renderReply(reply: PngReply, options: RenderOptions): DiscordPayload[] {
  let messages: DiscordPayload[];
  if (needsEmbed(reply)) {
    messages = embedReply(reply, options.notice);
  } else {
    const marker = reply.tone === 'progress' ? '⏳ ' : '';
    const text = `${options.notice ? `${options.notice}\n` : ''}${marker}${reply.text}`;
    // Discord refuses an empty message; a zero-width space keeps a text-less reply valid.
    messages = plainMessages(text.trim() === '' ? '\u200b' : text);
  }
  const rows = buttonRows(reply, options.actionIds);
  if (rows.length > 0) {
    const last = messages[messages.length - 1] as DiscordPayload;
    messages[messages.length - 1] = { ...last, components: rows };
  }
  return messages;
}
