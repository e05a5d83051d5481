// Loads one of the bot's entry modules: the JavaScript built at install time
// (`npm install`/`npm ci` run `prepare`: tsc into dist/, then scripts/bundle.js
// into dist/bundle/) when it is there and no older than every source file,
// else the TypeScript source through tsx (a fresh checkout before its first
// install, or sources edited since the build). The bundle starts fastest: a
// few chunks instead of some 400 module files; tsc's per-file output is the
// fallback when a bundle is missing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD_STAMP = join(root, 'dist', '.built');
/** Entry (relative to src/, no extension) → its file in dist/bundle/ (the entry names of scripts/bundle.js). */
const BUNDLE_FILES = { 'entry/cli': 'cli.js', main: 'main.js', 'entry/worker': 'worker.js' };

/** Newest modification time (ms) of the .ts files under `dir`, 0 when there are none. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ was built after the last edit of any source (what `loadEntry` uses, and the start-up bench). */
export function builtIsCurrent() {
  try {
    const built = statSync(BUILD_STAMP).mtimeMs;
    return built >= newestSource(join(root, 'src')) && built >= newestSource(join(root, 'commands'));
  } catch {
    return false;
  }
}

/** `name` without extension, relative to src/ (e.g. 'entry/cli', 'main'). */
export async function loadEntry(name) {
  // PWBOT_FROM_SOURCE=1 forces the sources; =0 forces the build (benchmarks, while sources are being edited).
  const fromBuild = process.env.PWBOT_FROM_SOURCE === '0' ? existsSync(BUILD_STAMP) : process.env.PWBOT_FROM_SOURCE !== '1' && builtIsCurrent();
  if (fromBuild) {
    const bundled = BUNDLE_FILES[name] === undefined ? undefined : join(root, 'dist', 'bundle', BUNDLE_FILES[name]);
    if (bundled !== undefined && process.env.PWBOT_NO_BUNDLE !== '1' && existsSync(bundled)) return import(pathToFileURL(bundled).href);
    return import(pathToFileURL(join(root, 'dist', 'src', `${name}.js`)).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', `${name}.ts`)).href);
}
