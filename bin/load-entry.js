// Loads one of the bot's entry modules: the JavaScript compiled into dist/ at
// install time (`npm install`/`npm ci` run `prepare`) when it is there and no
// older than every source file, else the TypeScript source through tsx (a
// fresh checkout before its first install, or sources edited since the build).
// Plain JavaScript starts several times faster: no TypeScript transform of a
// hundred-odd files on every run.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD_STAMP = join(root, 'dist', '.built');

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

function builtIsCurrent() {
  try {
    const built = statSync(BUILD_STAMP).mtimeMs;
    return built >= newestSource(join(root, 'src')) && built >= newestSource(join(root, 'commands'));
  } catch {
    return false;
  }
}

/** `name` without extension, relative to src/ (e.g. 'entry/cli', 'main'). */
export async function loadEntry(name) {
  if (process.env.PWBOT_FROM_SOURCE !== '1' && builtIsCurrent()) return import(pathToFileURL(join(root, 'dist', 'src', `${name}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', `${name}.ts`)).href);
}
