/**
 * The fake Discord REST API (`/api/v10/...`): the routes discord.js uses for
 * interactions, webhooks (follow-ups, edits of interaction replies), channel
 * messages and their history, threads, application commands and the gateway
 * URL. Errors have Discord's JSON shape and codes so that discord.js raises
 * the same `DiscordAPIError`s it would against the real API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDiscord } from './discord.js';
import { commandListProblems, messageProblems } from './discord-limits.js';
import { channelJson, compareIds, isEphemeral, isThread, makeUser, memberJson, MessageFlag, messageJson, snowflake, type StoredFile, type StoredMessage } from './discord-model.js';

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** Every request the fake received, in order. */
export interface RecordedRequest {
  readonly method: string;
  /** Decoded path after `/api/v10` (`@original`, not `%40original`). */
  readonly path: string;
  readonly query: Record<string, string>;
  /** JSON body, or the `payload_json` part of a multipart body. */
  readonly body: unknown;
  readonly files: readonly UploadedFile[];
  /** True when it carried `Authorization: Bot <token>` with the right token. */
  readonly authorized: boolean;
  readonly at: Date;
  status?: number;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
type Handler = (fake: FakeDiscord, req: RecordedRequest, params: string[]) => Promise<unknown> | unknown;

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({ field, filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()), contentType: value.type || 'application/octet-stream' });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

export async function recordRequest(fake: FakeDiscord, req: IncomingMessage): Promise<RecordedRequest> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
  const { body, files } = await readBody(req);
  return {
    method: req.method ?? 'GET',
    path,
    query: Object.fromEntries(url.searchParams),
    body,
    files,
    authorized: req.headers.authorization === `Bot ${fake.token}`,
    at: new Date(),
  };
}

function requireBot(req: RecordedRequest): void {
  if (!req.authorized) throw new RestError(401, 0, '401: Unauthorized');
}

function payloadOf(req: RecordedRequest): Json {
  return (req.body ?? {}) as Json;
}

/** The files a payload keeps or adds: `attachments` lists kept ids and indexes of uploaded `files[n]`. */
function resolveFiles(payload: Json, uploads: readonly UploadedFile[], existing: readonly StoredFile[]): StoredFile[] {
  const fromUpload = (upload: UploadedFile, meta: Json | undefined): StoredFile => ({
    id: snowflake(),
    filename: upload.filename,
    bytes: upload.bytes,
    contentType: upload.contentType,
    ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
  });
  const metas = Array.isArray(payload.attachments) ? (payload.attachments as Json[]) : undefined;
  if (metas === undefined) return [...existing, ...uploads.map((u) => fromUpload(u, undefined))];
  const files: StoredFile[] = [];
  for (const meta of metas) {
    const id = String(meta.id);
    const upload = uploads.find((u) => u.field === `files[${id}]`);
    if (upload !== undefined) files.push(fromUpload(upload, meta));
    else {
      const kept = existing.find((f) => f.id === id);
      if (kept !== undefined) files.push(kept);
    }
  }
  return files;
}

function checkMessage(payload: Json, fileCount: number, creating: boolean): void {
  const problems = messageProblems(payload, fileCount);
  if (problems.length > 0) throw new RestError(400, 50035, 'Invalid Form Body', problems);
  const empty = !payload.content && !(Array.isArray(payload.embeds) && payload.embeds.length > 0) && fileCount === 0 && !(Array.isArray(payload.components) && payload.components.length > 0);
  if (creating && empty) throw new RestError(400, 50006, 'Cannot send an empty message');
}

export function applyEdit(fake: FakeDiscord, message: StoredMessage, req: RecordedRequest): Json {
  const payload = payloadOf(req);
  const files = resolveFiles(payload, req.files, message.files);
  checkMessage({ content: payload.content ?? message.content, embeds: payload.embeds ?? message.embeds, components: payload.components ?? message.components }, files.length, false);
  if (typeof payload.content === 'string') message.content = payload.content;
  if (Array.isArray(payload.embeds)) message.embeds = payload.embeds as Json[];
  if (Array.isArray(payload.components)) message.components = payload.components as Json[];
  message.files = files;
  message.flags &= ~MessageFlag.Loading;
  message.edits += 1;
  message.editedAt = new Date();
  message.firstEditAtMs ??= performance.now();
  fake.recordRevision(message);
  return fake.apiMessage(message);
}

export function createFromPayload(fake: FakeDiscord, req: RecordedRequest, channelId: string, extra: Partial<StoredMessage> & Pick<StoredMessage, 'origin'>): StoredMessage {
  const payload = payloadOf(req);
  const files = resolveFiles(payload, req.files, []);
  checkMessage(payload, files.length, true);
  const reference = payload.message_reference as { message_id?: string } | undefined;
  const flags = (Number(payload.flags ?? 0) & MessageFlag.Ephemeral) | (extra.flags ?? 0);
  return fake.storeMessage({
    channelId,
    author: fake.botUser,
    content: typeof payload.content === 'string' ? payload.content : '',
    embeds: (payload.embeds ?? []) as Json[],
    components: (payload.components ?? []) as Json[],
    files,
    ...extra,
    flags,
    type: reference?.message_id ? 19 : (extra.type ?? 0),
    ...(reference?.message_id ? { reference: { message_id: reference.message_id, channel_id: channelId } } : {}),
  });
}

function channelOr404(fake: FakeDiscord, id: string) {
  const channel = fake.channels.get(id);
  if (channel === undefined) throw new RestError(404, 10003, 'Unknown Channel');
  return channel;
}

function messageOr404(fake: FakeDiscord, channelId: string, id: string): StoredMessage {
  const message = fake.messages.get(id);
  if (message === undefined || message.deleted || message.channelId !== channelId) throw new RestError(404, 10008, 'Unknown Message');
  return message;
}

/** GET /channels/:id/messages: newest first, `before`/`after`/`around`, `limit` 1–100 (default 50). */
function listMessages(fake: FakeDiscord, req: RecordedRequest, channelId: string): Json[] {
  requireBot(req);
  channelOr404(fake, channelId);
  const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RestError(400, 50035, 'Invalid Form Body', ['limit: must be 1-100']);
  let list = fake.channelMessages(channelId).filter((m) => !isEphemeral(m));
  const { before, after, around } = req.query;
  if (around !== undefined) {
    const older = list.filter((m) => compareIds(m.id, around) <= 0).slice(-Math.ceil(limit / 2));
    const newer = list.filter((m) => compareIds(m.id, around) > 0).slice(0, Math.floor(limit / 2));
    list = [...older, ...newer];
  } else if (after !== undefined) {
    list = list.filter((m) => compareIds(m.id, after) > 0).slice(0, limit);
  } else {
    if (before !== undefined) list = list.filter((m) => compareIds(m.id, before) < 0);
    list = list.slice(-limit);
  }
  return list.reverse().map((m) => fake.apiMessage(m, true));
}

function interactionCallback(fake: FakeDiscord, req: RecordedRequest, [id, token]: string[]): unknown {
  const interaction = fake.interactions.get(token as string);
  if (interaction === undefined || interaction.id !== id) throw new RestError(404, 10062, 'Unknown interaction');
  if (Date.now() - interaction.createdAt.getTime() > fake.options.ackTimeoutMs) throw new RestError(404, 10062, 'Unknown interaction');
  if (interaction.callbackType !== undefined) throw new RestError(400, 40060, 'Interaction has already been acknowledged.');
  const body = payloadOf(req) as { type: number; data?: Json };
  interaction.callbackType = body.type;
  interaction.acknowledgedAt = new Date();
  interaction.acknowledgedAtMs = performance.now();
  let message: StoredMessage | undefined;
  const origin = { origin: 'interaction' as const, webhookId: fake.applicationId, interactionId: interaction.id, type: 20 };
  if (body.type === 4) {
    message = createFromPayload(fake, { ...req, body: body.data ?? {} }, interaction.channelId, origin);
  } else if (body.type === 5) {
    const flags = (Number(body.data?.flags ?? 0) & MessageFlag.Ephemeral) | MessageFlag.Loading;
    message = fake.storeMessage({ channelId: interaction.channelId, author: fake.botUser, content: '', embeds: [], components: [], files: [], ...origin, flags });
  } else if (body.type === 7 && interaction.messageId !== undefined) {
    const target = messageOr404(fake, interaction.channelId, interaction.messageId);
    applyEdit(fake, target, { ...req, body: body.data ?? {} });
  } else if (body.type !== 6) {
    throw new RestError(400, 50035, 'Invalid Form Body', [`type: unsupported interaction callback type ${body.type}`]);
  }
  if (message !== undefined) interaction.originalMessageId = message.id;
  if (req.query.with_response !== 'true') return undefined;
  return { interaction: { id: interaction.id, type: interaction.type }, resource: { type: body.type, ...(message ? { message: fake.apiMessage(message) } : {}) } };
}

function liveInteraction(fake: FakeDiscord, appId: string, token: string) {
  const interaction = fake.interactions.get(token);
  if (appId !== fake.applicationId || interaction === undefined) throw new RestError(404, 10015, 'Unknown Webhook');
  if (Date.now() - interaction.createdAt.getTime() > fake.options.interactionTokenTtlMs) throw new RestError(401, 50027, 'Invalid Webhook Token');
  return interaction;
}

function webhookMessage(fake: FakeDiscord, req: RecordedRequest, [appId, token, messageId]: string[]): unknown {
  const interaction = liveInteraction(fake, appId as string, token as string);
  const id = messageId === '@original' ? interaction.originalMessageId : messageId;
  if (id === undefined) throw new RestError(404, 10008, 'Unknown Message');
  const message = messageOr404(fake, interaction.channelId, id);
  if (message.interactionId !== interaction.id) throw new RestError(404, 10008, 'Unknown Message');
  if (req.method === 'GET') return fake.apiMessage(message);
  if (req.method === 'DELETE') {
    message.deleted = true;
    return undefined;
  }
  return applyEdit(fake, message, req);
}

function webhookFollowUp(fake: FakeDiscord, req: RecordedRequest, [appId, token]: string[]): unknown {
  const interaction = liveInteraction(fake, appId as string, token as string);
  if (interaction.callbackType === undefined) throw new RestError(404, 10015, 'Unknown Webhook');
  const message = createFromPayload(fake, req, interaction.channelId, { origin: 'interaction', webhookId: fake.applicationId, interactionId: interaction.id, type: 20 });
  return fake.apiMessage(message);
}

function putCommands(fake: FakeDiscord, req: RecordedRequest, guildId: string | undefined): unknown {
  requireBot(req);
  const list = (Array.isArray(req.body) ? req.body : []) as Json[];
  const problems = commandListProblems(list);
  if (problems.length > 0) throw new RestError(400, 50035, 'Invalid Form Body', problems);
  const stored = list.map((c) => ({ id: snowflake(), application_id: fake.applicationId, version: snowflake(), type: 1, ...(guildId ? { guild_id: guildId } : {}), ...c }));
  if (guildId === undefined) fake.commands.global = stored;
  else fake.commands.guilds.set(guildId, stored);
  return stored;
}

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/gateway\/bot$/, (fake, req) => {
    requireBot(req);
    return { url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
  }],
  ['GET', /^\/gateway$/, (fake) => ({ url: fake.gatewayUrl })],
  ['GET', /^\/users\/@me$/, (fake, req) => (requireBot(req), fake.botUser)],
  ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, interactionCallback],
  ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, webhookFollowUp],
  ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage],
  ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage],
  ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage],
  ['GET', /^\/channels\/(\d+)$/, (fake, req, [id]) => (requireBot(req), channelJson(channelOr404(fake, id as string)))],
  ['POST', /^\/channels\/(\d+)\/typing$/, (fake, req, [id]) => (requireBot(req), channelOr404(fake, id as string), undefined)],
  ['GET', /^\/channels\/(\d+)\/messages$/, (fake, req, [id]) => listMessages(fake, req, id as string)],
  ['POST', /^\/channels\/(\d+)\/messages$/, (fake, req, [id]) => {
    requireBot(req);
    channelOr404(fake, id as string);
    return fake.apiMessage(createFromPayload(fake, req, id as string, { origin: 'bot' }));
  }],
  ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, (fake, req, [cid, mid]) => (requireBot(req), fake.apiMessage(messageOr404(fake, cid as string, mid as string), true))],
  ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, (fake, req, [cid, mid]) => {
    requireBot(req);
    const message = messageOr404(fake, cid as string, mid as string);
    // Interaction replies belong to the interaction's webhook: the bot token cannot edit them.
    if (message.origin !== 'bot') throw new RestError(403, 50005, 'Cannot edit a message authored by another user');
    return applyEdit(fake, message, req);
  }],
  ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, (fake, req, [cid, mid]) => {
    requireBot(req);
    messageOr404(fake, cid as string, mid as string).deleted = true;
    return undefined;
  }],
  ['GET', /^\/guilds\/(\d+)\/channels$/, (fake, req, [gid]) => (requireBot(req), [...fake.channels.values()].filter((c) => c.guild_id === gid && !isThread(c)).map(channelJson))],
  // A member of the fake's one server, with the roles given by addRole (anyone is a member; the owner is defaultUser).
  ['GET', /^\/guilds\/(\d+)\/members\/(\d+)$/, (fake, req, [gid, uid]) => {
    requireBot(req);
    if (gid !== fake.guildId) throw new RestError(404, 10004, 'Unknown Guild');
    const user = uid === fake.defaultUser.id ? fake.defaultUser : uid === fake.botUser.id ? fake.botUser : makeUser(uid as string, `user${(uid as string).slice(-4)}`);
    return { ...memberJson(user), roles: fake.memberRoles.get(uid as string) ?? [] };
  }],
  ['GET', /^\/guilds\/(\d+)\/threads\/active$/, (fake, req, [gid]) => {
    requireBot(req);
    return { threads: [...fake.channels.values()].filter((c) => c.guild_id === gid && isThread(c) && c.archived !== true).map(channelJson), members: [] };
  }],
  ['GET', /^\/channels\/(\d+)\/threads\/archived\/public$/, (fake, req, [id]) => {
    requireBot(req);
    channelOr404(fake, id as string);
    const before = req.query.before === undefined ? Number.POSITIVE_INFINITY : Date.parse(req.query.before);
    const limit = Number(req.query.limit ?? 50);
    const archived = [...fake.channels.values()]
      .filter((c) => c.parent_id === id && isThread(c) && c.archived === true && Date.parse(c.archiveTimestamp ?? '') < before)
      .sort((a, b) => Date.parse(b.archiveTimestamp ?? '') - Date.parse(a.archiveTimestamp ?? ''));
    return { threads: archived.slice(0, limit).map(channelJson), members: [], has_more: archived.length > limit };
  }],
  ['PUT', /^\/applications\/(\d+)\/commands$/, (fake, req) => putCommands(fake, req, undefined)],
  ['GET', /^\/applications\/(\d+)\/commands$/, (fake, req) => (requireBot(req), fake.commands.global)],
  ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (fake, req, [, gid]) => putCommands(fake, req, gid)],
  ['GET', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (fake, req, [, gid]) => (requireBot(req), fake.commands.guilds.get(gid as string) ?? [])],
];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status === 200 ? 204 : status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function handleRest(fake: FakeDiscord, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const recorded = await recordRequest(fake, req);
  fake.requests.push(recorded);
  const limited = fake.takeRateLimit(recorded);
  if (limited !== undefined) {
    recorded.status = 429;
    send(res, 429, { message: 'You are being rate limited.', retry_after: limited, global: false }, {
      'retry-after': String(limited),
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(limited),
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': 'user',
    });
    return;
  }
  const route = ROUTES.find(([method, pattern]) => method === recorded.method && pattern.test(recorded.path));
  if (route === undefined) {
    recorded.status = 404;
    send(res, 404, { message: '404: Not Found', code: 0 });
    return;
  }
  try {
    const params = (route[1].exec(recorded.path) ?? []).slice(1);
    const result = await route[2](fake, recorded, params);
    recorded.status = result === undefined ? 204 : 200;
    send(res, 200, result);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    recorded.status = error.status;
    send(res, error.status, { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) });
  }
}
