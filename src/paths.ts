/**
 * The project folder (the one holding package.json), found from this file
 * whether it runs from the TypeScript sources (src/) or from the JavaScript
 * compiled at install time (dist/src/). Files that ship beside the code —
 * the bundled price data, the example datasets, the web page's static files —
 * are found from here, so the compiled build reads the same ones.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(start);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
