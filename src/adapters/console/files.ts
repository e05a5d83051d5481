/** A file attached to a console line with a trailing `< path/to/file.csv`, as in a shell. */
import { localFile } from '../../core/local-file.js';
import type { InboundFile } from '../../core/message.js';

/** `"/train < data.csv"` → text `/train` plus the file. Only a trailing `< path` counts. */
export function extractAttachment(line: string): { text: string; files: InboundFile[] } {
  // The path must look like a file name (has an extension) so that "is 3 < 5" stays a question.
  const match = /\s<\s*([\w./~-]*\.[A-Za-z0-9]+)\s*$/.exec(line);
  if (match === null || match.index === undefined) return { text: line, files: [] };
  return { text: line.slice(0, match.index).trim(), files: [localFile(match[1] as string)] };
}
