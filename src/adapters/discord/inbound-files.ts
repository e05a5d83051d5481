/**
 * A file a user attached on Discord (an attachment option or a file on a
 * mention/DM) as a core `InboundFile`. Bytes are downloaded only when the
 * command reads them, and never past the cap: the smaller of what the command
 * asks for and MAX_ATTACHMENT_BYTES.
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

export function discordInboundFile(attachment: AttachmentLike, maxAttachmentBytes: number, fetchImpl: typeof fetch = fetch): InboundFile {
  return {
    name: attachment.name,
    ...(attachment.contentType ? { mime: attachment.contentType.split(';')[0]?.trim() ?? attachment.contentType } : {}),
    size: attachment.size,
    async read(maxBytes: number): Promise<Buffer> {
      const cap = Math.min(maxBytes, maxAttachmentBytes);
      if (attachment.size > cap) throw tooBig(attachment.name, attachment.size, cap);
      let response: Response;
      try {
        response = await fetchImpl(attachment.url, { signal: AbortSignal.timeout(60_000) });
      } catch (error) {
        throw new UserError(`Could not download ${attachment.name} from Discord (${(error as Error).message}). Try attaching it again.`, { cause: error });
      }
      if (!response.ok || response.body === null) {
        throw new UserError(`Could not download ${attachment.name} from Discord (HTTP ${response.status}). Try attaching it again.`);
      }
      return readBodyCapped(response.body, cap, () => tooBig(attachment.name, undefined, cap));
    },
  };
}
