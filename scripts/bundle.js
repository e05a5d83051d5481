// Bundles the bot's three entries (the one-shot CLI, `npm start`, the queue
// worker) into dist/bundle/ at install time (`prepare`, after tsc). Why: a
// plain ESM start-up pays Node's module loader per file, and /help alone
// imported some 400 files (every command, the chat layers, zod's 60 locale
// files). One bundle with code splitting loads a few chunks instead; what a
// command imports lazily (langchain, vega, tfjs, Bolt, discord.js…) stays a
// separate chunk or an external package, loaded on first use only.
//
// Packages are external (loaded from node_modules as usual) except the small
// pure-JavaScript ones on every start-up path, listed in BUNDLED: native
// addons, packages that spawn workers from their own files (pino's
// transports), and packages that read files beside their code must stay
// external.
//
// commands/ is a folder read at start-up from sources (src/app.ts); a bundle
// has no folder, so the virtual module `pwbot:commands` imports every command
// file statically and hands them to the same registry checks.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir <dir>` (tests): somewhere else inside the project, so that the externals resolve from its node_modules.
const outFlag = process.argv.indexOf('--outdir');
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist', 'bundle');

/**
 * Bundled into the output, with their own dependencies; every other package
 * stays external. zod: every command's schemas (its classic entry also loads
 * sixty locale files the bundle drops). vega and vega-lite: a chart's code is
 * some 200 small files (in a lazy chunk, loaded by the first chart).
 */
const BUNDLED = (name) => ['zod', 'stemmer', 'croner', 'vega', 'vega-lite'].includes(name);
/** Optional native add-ons that bundled code may try to import; they are not installed here. */
const NEVER_BUNDLED = new Set(['canvas']);

const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const commandFiles = readdirSync(join(root, 'commands'))
  .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !/\.d\.ts$|\.(test|spec)\.[mc]?[jt]s$/.test(f))
  .sort();

const src = (path) => JSON.stringify(join(root, 'src', path));
const VIRTUAL = {
  'pwbot:commands': [
    `import { useBundledCommands } from ${src('app.ts')};`,
    ...commandFiles.map((f, i) => `import * as c${i} from ${JSON.stringify(join(root, 'commands', f))};`),
    `useBundledCommands([${commandFiles.map((f, i) => `{ source: ${JSON.stringify(join('commands', f))}, module: c${i} }`).join(', ')}]);`,
  ].join('\n'),
  'pwbot:entry/cli': `import 'pwbot:commands';\nexport * from ${src('entry/cli.ts')};`,
  'pwbot:main': `import 'pwbot:commands';\nimport ${src('main.ts')};`,
  // The queue worker builds no bot: it needs no command.
  'pwbot:entry/worker': `export * from ${src('entry/worker.ts')};`,
};

const resolvePlugin = {
  name: 'pwbot-resolve',
  setup(b) {
    b.onResolve({ filter: /^pwbot:/ }, (args) => ({ path: args.path, namespace: 'pwbot' }));
    b.onLoad({ filter: /.*/, namespace: 'pwbot' }, (args) => ({ contents: VIRTUAL[args.path], loader: 'ts', resolveDir: root }));
    // Bare package specifiers: bundle the listed ones, leave the rest to node_modules at run time.
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.namespace === 'pwbot' && args.path.startsWith('pwbot:')) return undefined;
      const name = packageName(args.path);
      if (NEVER_BUNDLED.has(name)) return { path: args.path, external: true };
      if (BUNDLED(name) || args.importer.includes('/node_modules/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

rmSync(out, { recursive: true, force: true }); // no chunk of an earlier build left behind
const result = await build({
  entryPoints: { cli: 'pwbot:entry/cli', main: 'pwbot:main', worker: 'pwbot:entry/worker' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [resolvePlugin],
  metafile: true,
  // Bundled CommonJS code may call require(): give the ESM output one.
  banner: { js: "import { createRequire as __pwbotCreateRequire } from 'node:module'; const require = __pwbotCreateRequire(import.meta.url);" },
});
// Which sources and packages went into which chunk: test/entry/startup-modules.test.ts reads it to see what a command loaded.
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));
