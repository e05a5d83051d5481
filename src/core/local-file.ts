/**
 * A file on the bot's own disk as an `InboundFile`: what the console's
 * `< path`, the CLI's `--file` and `/summary --file` read. Missing paths,
 * folders and oversized files are UserErrors that name the path.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { UserError } from './errors.js';
import type { InboundFile } from './message.js';

const MIME_BY_EXT: Readonly<Record<string, string>> = { '.csv': 'text/csv', '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.txt': 'text/plain', '.png': 'image/png' };

export interface LocalFileWording {
  /** How messages call the file: "attached file", "transcript". */
  readonly what?: string;
  /** The setting behind the size limit, named in the refusal. */
  readonly limitName?: string;
}

export function localFile(path: string, wording: LocalFileWording = {}): InboundFile {
  const absolute = resolve(path);
  const what = wording.what ?? 'attached file';
  return {
    name: basename(path),
    mime: MIME_BY_EXT[extname(path).toLowerCase()] ?? 'application/octet-stream',
    size: 0,
    async read(maxBytes: number): Promise<Buffer> {
      const info = await stat(absolute).catch(() => undefined);
      if (info === undefined) throw new UserError(`Cannot read the ${what} ${path}: it does not exist.`, { code: 'not_found' });
      if (!info.isFile()) throw new UserError(`Cannot read the ${what} ${path}: it is not a file.`, { code: 'not_found' });
      if (info.size > maxBytes) {
        throw new UserError(`The ${what} ${path} is ${info.size} bytes; the limit is ${maxBytes}${wording.limitName ? ` (${wording.limitName})` : ''}.`, { code: 'limit_exceeded' });
      }
      return readFile(absolute);
    },
  };
}
