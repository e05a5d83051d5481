/**
 * Files the console and the CLI write under `OUT_DIR` (charts, uploads): each
 * under a unique, readable name, so nothing is overwritten; their paths are
 * printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PngChart } from './chart-png.js';

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

export function writeCharts(outDir: string, charts: readonly PngChart[]): Promise<string[]> {
  return writeOutFiles(outDir, charts.map((c) => ({ filename: c.filename, bytes: c.png })));
}
