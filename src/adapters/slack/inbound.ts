/**
 * Slack payload pieces → core message pieces: slash command → chat line, and
 * files shared with a message → `InboundFile`s that download lazily with the
 * bot token and never read past the size cap.
 */
import { UserError } from '../../core/errors.js';
import type { InboundFile } from '../../core/message.js';
import { readBodyCapped } from '../shared/read-capped.js';
import { fromSlackText } from './mrkdwn.js';

/**
 * The slash-command listener's pattern: `/<prefix><name>` for any name, even
 * one the core does not know (it answers "There is no /x command"): a command
 * no listener acks would leave Slack waiting for 3 seconds and show an error.
 */
export function slashCommandPattern(prefix: string): RegExp {
  return new RegExp(`^/${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}([^\\s/]+)$`);
}

/** `/pw-pricewar` + `cuts --since 2024-05-01` → `/pricewar cuts --since 2024-05-01`. */
export function slashCommandLine(prefix: string, command: string, text: string, botUserId?: string): string | undefined {
  const match = slashCommandPattern(prefix).exec(command.trim().toLowerCase());
  if (match === null) return undefined;
  const args = fromSlackText(text ?? '', botUserId === undefined ? {} : { botUserId });
  return args === '' ? `/${match[1]}` : `/${match[1]} ${args}`;
}

/** The fields of a Slack file object this adapter reads. */
export interface SlackFile {
  readonly id?: string;
  readonly name?: string;
  readonly title?: string;
  readonly mimetype?: string;
  readonly filetype?: string;
  readonly size?: number;
  readonly url_private?: string;
  readonly url_private_download?: string;
  readonly mode?: string;
}

export interface FileDownloadOptions {
  readonly token: string;
  /** MAX_ATTACHMENT_BYTES: the adapter's own cap, applied on top of the caller's. */
  readonly maxBytes: number;
  /** Exact origins (`https://files.slack.com`) the bot token may be sent to: see `trustedFileOrigins`. */
  readonly trustedOrigins: readonly string[];
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/**
 * Where Slack serves `url_private` from. Exact hosts, https on port 443 only:
 * a look-alike subdomain, another port or plain http never gets the token.
 */
export const SLACK_FILE_ORIGINS: readonly string[] = ['https://files.slack.com', 'https://files-origin.slack.com', 'https://slack-files.com', 'https://files.slack-gov.com'];

/**
 * Slack's file origins, plus exactly the origin (scheme, host and port) of
 * SLACK_API_URL when one is configured (GovSlack, a proxy, a test fake).
 */
export function trustedFileOrigins(slackApiUrl: string | undefined): string[] {
  const origins = [...SLACK_FILE_ORIGINS];
  if (slackApiUrl) origins.push(new URL(slackApiUrl).origin);
  return origins;
}

/**
 * Whether `url` may receive the bot token: its origin is one of `origins`
 * exactly, and it carries no userinfo (`https://files.slack.com@evil/…` has
 * host "evil"; one with `user:pass@` is refused too, so nothing hides in it).
 * `URL.origin` normalises the default port, so `https://files.slack.com:443`
 * matches and `:8443` does not.
 */
export function mayCarryToken(url: URL, origins: readonly string[]): boolean {
  if (url.username !== '' || url.password !== '') return false;
  return origins.includes(url.origin);
}

/** A Slack file can redirect (to a CDN); a few hops, never a loop. */
const MAX_REDIRECTS = 5;

/**
 * GET `url`, following redirects by hand so that each hop decides on its own
 * whether it gets the token: a redirect to another origin is followed without
 * it (fetch's automatic redirects would decide that for us, differently
 * across Node versions).
 */
async function fetchWithToken(first: URL, options: FileDownloadOptions, name: string): Promise<Response> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  let url = first;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = mayCarryToken(url, options.trustedOrigins) ? { authorization: `Bearer ${options.token}` } : {};
    const response = await (options.fetch ?? fetch)(url, { headers, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new Error(`downloading ${name} from Slack failed: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && !mayCarryToken(next, options.trustedOrigins)) {
      throw new UserError(`The file ${name} redirected to a non-https address; it was not downloaded.`, { code: 'unsupported' });
    }
    url = next;
  }
}

async function readCapped(response: Response, cap: number, name: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel();
    throw tooLarge(name, declared, cap);
  }
  if (response.body === null) return Buffer.alloc(0);
  return readBodyCapped(response.body, cap, (received) => tooLarge(name, received, cap, true));
}

function tooLarge(name: string, size: number, cap: number, atLeast = false): UserError {
  return new UserError(`The file ${name} is ${atLeast ? 'more than ' : ''}${size.toLocaleString('en')} bytes; the limit is ${cap.toLocaleString('en')} bytes.`, {
    code: 'limit_exceeded',
    data: { file: name, limit: cap },
  });
}

export function slackInboundFile(file: SlackFile, options: FileDownloadOptions): InboundFile {
  const name = file.name ?? file.title ?? file.id ?? 'file';
  const size = typeof file.size === 'number' ? file.size : 0;
  return {
    name,
    ...(file.mimetype ? { mime: file.mimetype } : {}),
    size,
    async read(maxBytes: number): Promise<Buffer> {
      const cap = Math.min(maxBytes, options.maxBytes);
      if (size > cap) throw tooLarge(name, size, cap);
      const href = file.url_private_download ?? file.url_private;
      if (href === undefined || file.mode === 'tombstone' || file.mode === 'hidden_by_limit') {
        throw new UserError(`The file ${name} cannot be downloaded from Slack (it was deleted, or is hidden by the workspace's plan).`, { code: 'not_found' });
      }
      const url = new URL(href);
      // The token goes only to Slack's file origins, whatever a payload says.
      if (!mayCarryToken(url, options.trustedOrigins)) throw new UserError(`The file ${name} is not hosted by Slack; it was not downloaded.`, { code: 'unsupported' });
      const response = await fetchWithToken(url, options, name);
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`downloading ${name} from Slack failed: HTTP ${response.status}`);
      }
      // Without the files:read scope Slack answers 200 with its sign-in page instead of the file.
      if ((response.headers.get('content-type') ?? '').includes('text/html') && !(file.mimetype ?? '').includes('html')) {
        await response.body?.cancel();
        throw new UserError(`Slack did not hand over ${name}: the app needs the files:read scope (see slack/manifest.yml), then reinstall it.`, { code: 'forbidden' });
      }
      return readCapped(response, cap, name);
    },
  };
}
