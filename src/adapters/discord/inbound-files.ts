/**
 * A file a user attached on Discord (an attachment option or a file on a
 * mention/DM) as a core `InboundFile`. Bytes are downloaded only when the
 * command reads them, and never past the cap: the smaller of what the command
 * asks for and MAX_ATTACHMENT_BYTES. The bot token is never sent (Discord's
 * CDN links are signed), and a download goes only to Discord's CDN origins or
 * exactly the configured DISCORD_API_URL origin, https unless that origin says
 * otherwise, redirects included: an attachment URL cannot make the bot fetch
 * an address inside its own network.
 */
import { UserError } from '../../core/errors.js';
import type { InboundFile } from '../../core/message.js';
import { readBodyCapped } from '../shared/read-capped.js';
import type { AttachmentLike } from './interaction-line.js';

function sizeText(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

function tooBig(name: string, size: number | undefined, cap: number): UserError {
  const what = size === undefined ? `is larger than the limit of ${sizeText(cap)}` : `is ${sizeText(size)}; the limit is ${sizeText(cap)}`;
  return new UserError(`The attached file ${name} ${what}. Attach a smaller file.`, { code: 'limit_exceeded', data: { limit: cap } });
}

/** Where Discord serves attachments: exact origins, https on port 443. */
export const DISCORD_CDN_ORIGINS: readonly string[] = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

/** Discord's CDN origins plus exactly the origin of DISCORD_API_URL (a proxy, the test fake). */
export function discordFileOrigins(apiUrl: string | undefined): string[] {
  return apiUrl === undefined ? [...DISCORD_CDN_ORIGINS] : [...DISCORD_CDN_ORIGINS, new URL(apiUrl).origin];
}

/** Exact origin match, and no userinfo (`https://cdn.discordapp.com@evil/` is host "evil"). */
export function isDiscordFileUrl(url: URL, origins: readonly string[]): boolean {
  return url.username === '' && url.password === '' && origins.includes(url.origin);
}

const MAX_REDIRECTS = 5;

async function download(first: URL, name: string, origins: readonly string[], fetchImpl: typeof fetch): Promise<Response> {
  const signal = AbortSignal.timeout(60_000);
  let url = first;
  for (let hop = 0; ; hop++) {
    if (!isDiscordFileUrl(url, origins)) {
      throw new UserError(`The attached file ${name} is not on Discord's CDN; it was not downloaded.`, { code: 'unsupported' });
    }
    const response = await fetchImpl(url, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new UserError(`Could not download ${name} from Discord (too many redirects). Try attaching it again.`);
    url = new URL(location, url);
  }
}

export function discordInboundFile(attachment: AttachmentLike, maxAttachmentBytes: number, fetchImpl: typeof fetch = fetch, origins: readonly string[] = DISCORD_CDN_ORIGINS): InboundFile {
  return {
    name: attachment.name,
    ...(attachment.contentType ? { mime: attachment.contentType.split(';')[0]?.trim() ?? attachment.contentType } : {}),
    size: attachment.size,
    async read(maxBytes: number): Promise<Buffer> {
      const cap = Math.min(maxBytes, maxAttachmentBytes);
      if (attachment.size > cap) throw tooBig(attachment.name, attachment.size, cap);
      let url: URL;
      try {
        url = new URL(attachment.url);
      } catch {
        throw new UserError(`The attached file ${attachment.name} has no usable download address. Try attaching it again.`);
      }
      let response: Response;
      try {
        response = await download(url, attachment.name, origins, fetchImpl);
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`Could not download ${attachment.name} from Discord (${(error as Error).message}). Try attaching it again.`, { cause: error });
      }
      if (!response.ok || response.body === null) {
        throw new UserError(`Could not download ${attachment.name} from Discord (HTTP ${response.status}). Try attaching it again.`);
      }
      return readBodyCapped(response.body, cap, () => tooBig(attachment.name, undefined, cap));
    },
  };
}
