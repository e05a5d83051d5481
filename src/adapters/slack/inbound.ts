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
  /** Hosts the bot token may be sent to (Slack's file hosts and the configured API host). */
  readonly trustedHosts: readonly string[];
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** Slack's own hosts, plus the host of SLACK_API_URL (GovSlack, a proxy, a test fake). */
export function trustedFileHosts(slackApiUrl: string | undefined): string[] {
  const hosts = ['slack.com', 'slack-edge.com', 'slack-files.com', 'slack-gov.com'];
  if (slackApiUrl) hosts.push(new URL(slackApiUrl).hostname);
  return hosts;
}

function isTrusted(url: URL, hosts: readonly string[]): boolean {
  return hosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
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
      // The token goes only to Slack's hosts, whatever a payload says.
      if (!isTrusted(url, options.trustedHosts)) throw new UserError(`The file ${name} is not hosted by Slack; it was not downloaded.`, { code: 'unsupported' });
      const response = await (options.fetch ?? fetch)(url, {
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
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
