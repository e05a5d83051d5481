/**
 * Dataset names → sources. `--dataset` is a generator (`linear`, `xor`,
 * `noisy`; `synthetic` means `linear`), or the name of a CSV file in one of
 * the dataset folders (`knowledge/data/` and TRAIN_DATA_DIR), or the file
 * attached to the message. Attached bytes are copied under DATA_DIR first: a
 * queued job must survive a restart, and a chat attachment URL may not.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import type { DatasetSource, TrainLimits } from '../params.js';
import { DatasetError, formatBytes, parseCsvDatasetAsync } from './csv.js';
import type { Dataset } from './dataset.js';
import { GENERATORS, generateDataset, type GeneratorName } from './generate.js';

export const GENERATOR_ALIASES: Readonly<Record<string, GeneratorName>> = { synthetic: 'linear', linear: 'linear', xor: 'xor', noisy: 'noisy' };

export function generatorFor(name: string): GeneratorName | undefined {
  return GENERATOR_ALIASES[name.toLowerCase()];
}

export interface LibraryEntry {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

/** CSV files in the dataset folders, first folder wins on a name clash. */
export async function listLibrary(dirs: readonly string[]): Promise<LibraryEntry[]> {
  const seen = new Map<string, LibraryEntry>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue; // a folder that does not exist simply has no datasets
    }
    for (const name of names.filter((n) => n.toLowerCase().endsWith('.csv')).sort()) {
      if (seen.has(name.toLowerCase())) continue;
      const path = resolve(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile()) seen.set(name.toLowerCase(), { name, path, bytes: info.size });
    }
  }
  return [...seen.values()];
}

const SAFE_NAME = /^[\w.-]{1,120}$/;

/** Find `name` or `name.csv` in the dataset folders. Names with slashes or `..` are refused. */
export async function findLibraryDataset(name: string, dirs: readonly string[]): Promise<LibraryEntry> {
  const library = await listLibrary(dirs);
  const available = library.length > 0 ? `available: ${library.map((e) => e.name.replace(/\.csv$/i, '')).join(', ')}` : 'no CSV files are in the dataset folders yet';
  const choices = `Use a generator (${['synthetic', ...GENERATORS].join(', ')}), attach a CSV, or one of the dataset files (${available}).`;
  if (!SAFE_NAME.test(name) || name.includes('..')) throw new UserError(`--dataset must be a plain name, not a path. ${choices}`, { code: 'bad_arguments' });
  const lower = name.toLowerCase();
  const found = library.find((e) => e.name.toLowerCase() === lower || e.name.toLowerCase() === `${lower}.csv`);
  if (found === undefined) throw new UserError(`There is no dataset called "${name}". ${choices}`, { code: 'not_found' });
  return found;
}

/** Keep an attached CSV under `uploadsDir`, named by its content hash (the same file twice is stored once). */
export async function storeUpload(uploadsDir: string, originalName: string, bytes: Buffer): Promise<string> {
  await mkdir(uploadsDir, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const safe = originalName.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(0, 60) || 'upload.csv';
  const path = resolve(join(uploadsDir, `${hash}-${safe}`));
  await writeFile(path, bytes);
  return path;
}

/** Materialise a job's rows (the worker calls this; so does submit, to reject bad files at once). */
export async function loadDataset(source: DatasetSource, seed: number, limits: TrainLimits): Promise<Dataset> {
  if (source.kind === 'generated') return generateDataset({ generator: source.generator, rows: source.rows, features: source.features, seed });
  let bytes: Buffer;
  try {
    const info = await stat(source.path);
    if (info.size > limits.maxFileBytes) {
      // Refuse before reading a huge file into memory.
      throw new DatasetError(source.name, [`the file is ${formatBytes(info.size)}; the limit is ${formatBytes(limits.maxFileBytes)} (TRAIN_MAX_FILE_BYTES)`]);
    }
    bytes = await readFile(source.path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The dataset ${source.name} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { code: 'not_found' });
  }
  return parseCsvDatasetAsync(bytes, {
    name: source.name,
    maxBytes: limits.maxFileBytes,
    maxRows: limits.maxRows,
    maxColumns: limits.maxColumns,
    ...(source.label === undefined ? {} : { label: source.label }),
  });
}
