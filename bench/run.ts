/**
 * `npm run bench [-- <filter>] [--quick]`: runs every `bench/*.bench.ts`
 * (or those whose name contains the filter) one after another and prints one
 * table. The rows are also written to `out/bench.json`.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bench, type BenchFile } from './lib.js';
import { displayWidth } from '../src/adapters/shared/text.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => f.includes(x)))).sort();
const bench = new Bench(quick);
const failures: string[] = [];
for (const file of files) {
  process.stderr.write(`▶ ${file}\n`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchFile };
    await module.default(bench);
    process.stderr.write(`  ${file}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failures.push(`${file}: ${(error as Error).stack ?? String(error)}`);
    bench.row(file.replace('.bench.ts', ''), 'FAILED', (error as Error).message);
  }
}

const header = ['group', 'benchmark', 'value', 'note'];
const cells = bench.rows.map((r) => [r.group, r.name, r.value, r.note ?? '']);
const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
const line = (c: readonly string[]): string => `| ${c.map((x, i) => x + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(x)))).join(' | ')} |`;
process.stdout.write(`${[line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n')}\n`);

await mkdir('out', { recursive: true });
await writeFile('out/bench.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: bench.rows }, null, 2));
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join('\n\n')}\n`);
  process.exitCode = 1;
}
// Benchmarks may leave pools (worker threads, servers) behind; the table is out, so end here.
process.exit(process.exitCode ?? 0);
