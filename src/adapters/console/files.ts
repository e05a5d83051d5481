/**
 * Local files for the console and the CLI: charts are written under `out/`
 * (their paths are printed), and a file can be attached to a line with a
 * trailing `< path/to/file.csv`, as in a shell.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { localFile } from '../../core/local-file.js';
import type { InboundFile } from '../../core/message.js';
import type { ChartAttachment } from '../../core/reply.js';

let sequence = 0;

/** Write each file to `outDir` under a unique, readable name (nothing is overwritten); returns the paths. */
export async function writeOutFiles(outDir: string, files: readonly { filename: string; bytes: Uint8Array }[]): Promise<string[]> {
  if (files.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const paths: string[] = [];
  for (const file of files) {
    sequence += 1;
    const safe = basename(file.filename).replace(/[^\w.-]+/g, '_') || 'file';
    const path = join(outDir, `${stamp}-${process.pid}-${sequence}-${safe}`);
    await writeFile(path, file.bytes);
    paths.push(path);
  }
  return paths;
}

export function writeCharts(outDir: string, charts: readonly ChartAttachment[]): Promise<string[]> {
  return writeOutFiles(outDir, charts.map((c) => ({ filename: c.filename, bytes: c.png })));
}

/** `"/train < data.csv"` → text `/train` plus the file. Only a trailing `< path` counts. */
export function extractAttachment(line: string): { text: string; files: InboundFile[] } {
  // The path must look like a file name (has an extension) so that "is 3 < 5" stays a question.
  const match = /\s<\s*([\w./~-]*\.[A-Za-z0-9]+)\s*$/.exec(line);
  if (match === null || match.index === undefined) return { text: line, files: [] };
  return { text: line.slice(0, match.index).trim(), files: [localFile(match[1] as string)] };
}
