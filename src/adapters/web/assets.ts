/**
 * The front end's third-party files, served straight from the installed npm
 * packages (no CDN: the page works offline). A fixed allow-list from URL
 * name to package file: nothing in a request path ever becomes a file path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../paths.js';

const require = createRequire(import.meta.url);

/** The folder of our own page files (HTML, CSS, ES modules). */
// From the project folder, not this file: the compiled build (dist/) serves the same files.
export const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'adapters', 'web', 'public');

/**
 * A file inside an installed package. Packages such as vega export neither
 * `./package.json` nor their `build/` folder, so the package's folder is
 * found from its entry point: the nearest folder up whose package.json
 * carries the package's name.
 */
function packageFile(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg) return join(dir, file);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the package ${pkg} is not installed (npm install)`);
    dir = parent;
  }
}

interface Asset {
  readonly path: string;
  readonly type: string;
  /** A rewrite for browsers without an import map (bare `vega-util` → the page's global `vega`). */
  readonly rewrite?: (source: string) => string;
}

const JS = 'text/javascript; charset=utf-8';

const ASSETS: Readonly<Record<string, Asset>> = {
  'vega.js': { path: packageFile('vega', 'build/vega.min.js'), type: JS },
  'vega-lite.js': { path: packageFile('vega-lite', 'build/vega-lite.min.js'), type: JS },
  'vega-embed.js': { path: packageFile('vega-embed', 'build/vega-embed.min.js'), type: JS },
  // The CSP forbids eval, so vega evaluates expressions with its AST interpreter instead of generated code.
  'vega-interpreter.js': {
    path: packageFile('vega-interpreter', 'build/vega-interpreter.js'),
    type: JS,
    rewrite: (source) => source.replace(/from\s+['"]vega-util['"]/g, "from '/static/vega-util-global.js'"),
  },
  'preact-htm.js': { path: packageFile('htm', 'preact/standalone.module.js'), type: JS },
  'marked.js': { path: packageFile('marked', 'lib/marked.esm.js'), type: JS },
  'purify.js': { path: packageFile('dompurify', 'dist/purify.es.mjs'), type: JS },
  // The CJK font the PNG charts use too; style.css loads it only for CJK characters (unicode-range), so an English page never fetches its 10 MB.
  'noto-sans-sc.ttf': { path: packageFile('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'), type: 'font/ttf' },
};

const loaded = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** The asset's bytes, or undefined for a name not on the list. Read once per process. */
export function vendorAsset(name: string): { body: Promise<Uint8Array<ArrayBuffer>>; type: string } | undefined {
  if (!Object.hasOwn(ASSETS, name)) return undefined;
  const asset = ASSETS[name] as Asset;
  let body = loaded.get(name);
  if (body === undefined) {
    const rewrite = asset.rewrite;
    body = readFile(asset.path).then((bytes) => (rewrite ? Buffer.from(rewrite(bytes.toString('utf8'))) : bytes));
    body.catch(() => loaded.delete(name));
    loaded.set(name, body);
  }
  return { body, type: asset.type };
}
