/**
 * The front end's third-party files, served straight from the installed npm
 * packages (no CDN: the page works offline). A fixed allow-list from URL
 * name to package file: nothing in a request path ever becomes a file path.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The folder of our own page files (HTML, CSS, ES modules). */
export const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
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
};

const loaded = new Map<string, Promise<string>>();

/** The asset's text, or undefined for a name not on the list. Read once per process. */
export function vendorAsset(name: string): { body: Promise<string>; type: string } | undefined {
  if (!Object.hasOwn(ASSETS, name)) return undefined;
  const asset = ASSETS[name] as Asset;
  let body = loaded.get(name);
  if (body === undefined) {
    body = readFile(asset.path, 'utf8').then((text) => (asset.rewrite ? asset.rewrite(text) : text));
    body.catch(() => loaded.delete(name));
    loaded.set(name, body);
  }
  return { body, type: asset.type };
}
