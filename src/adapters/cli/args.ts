/** `pwbot` command-line arguments → a chat line and attached files. */
import { localFile } from '../../core/local-file.js';
import type { InboundFile } from '../../core/message.js';

export const CLI_USAGE = `usage: pwbot [--json] [--file <path>] "<chat line>"
  pwbot "/help"                         list the commands
  pwbot "大模型为什么越来越便宜？"          ask the FAQ
  pwbot "/pricewar cuts" --json         one JSON object on stdout
  pwbot "/train" --file data.csv        attach a local file
exit codes: 0 ok, 1 user error, 2 internal error`;

export interface CliArgs {
  json: boolean;
  files: InboundFile[];
  line: string;
}

export function parseCliArgs(argv: readonly string[]): CliArgs | { help: true } | { usageError: string } {
  let json = false;
  const files: InboundFile[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' && words.length === 0) return { help: true };
    else if (arg === '--file') {
      const path = argv[i + 1];
      if (path === undefined) return { usageError: '--file needs a path' };
      files.push(localFile(path));
      i++;
    } else words.push(arg);
  }
  let line = words.join(' ').trim();
  // Accept `pwbot "/pricewar cuts --json"` too: a trailing --json inside the line is the CLI's flag.
  if (/\s--json$/.test(line)) {
    json = true;
    line = line.replace(/\s--json$/, '').trim();
  }
  if (line === '') return { usageError: 'no chat line given' };
  return { json, files, line };
}
