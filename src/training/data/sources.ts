/**
 * Dataset names → sources. `--dataset` is a generator (`linear`, `xor`,
 * `noisy`; `synthetic` means `linear`), or the name of a CSV file in one of
 * the dataset folders (TRAIN_DATA_DIR, then the example datasets shipped in
 * `examples/data/`), or the file attached to the message. Attached bytes are
 * copied under DATA_DIR first: a queued job must survive a restart, and a
 * chat attachment URL may not.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import { PROJECT_ROOT } from '../../paths.js';
import { WordedError, type Sentence } from '../errors.js';
import type { DatasetSource, TrainLimits } from '../params.js';
import { DatasetError, formatBytes, parseCsvDatasetAsync } from './csv.js';
import type { Dataset } from './dataset.js';
import { GENERATORS, generateDataset, type GeneratorName } from './generate.js';

/**
 * The example datasets that ship with the bot (the ones docs/training.md
 * names, such as `model-switch`). Found next to the code, not from the
 * working directory, as the bundled price data is: `/train --dataset
 * model-switch` works from any folder without configuration.
 */
export const BUNDLED_DATASET_DIR = join(PROJECT_ROOT, 'examples', 'data');

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

/** A dataset file that passed the full check: what `--dataset <name>` would train on. */
export interface TrainableEntry extends LibraryEntry {
  /** `model-switch` for `model-switch.csv`: what to pass as the dataset name. */
  readonly dataset: string;
  /** The label column the default rule picks. */
  readonly label: string;
  readonly rows: number;
  readonly features: number;
}

/** Checked files by path, size and modification time: a folder listed twice is parsed once. */
const checked = new Map<string, Promise<TrainableEntry | undefined>>();
const CHECK_CACHE_SIZE = 256;

async function checkEntry(entry: LibraryEntry, limits: TrainLimits): Promise<TrainableEntry | undefined> {
  const info = await stat(entry.path).catch(() => undefined);
  if (info === undefined) return undefined;
  const key = `${entry.path}\0${info.size}\0${info.mtimeMs}\0${limits.maxFileBytes}\0${limits.maxRows}\0${limits.maxColumns}`;
  let result = checked.get(key);
  if (result === undefined) {
    result = loadDataset({ kind: 'csv', name: entry.name, path: entry.path, origin: 'library' }, 0, limits).then(
      (d) => ({ ...entry, dataset: entry.name.replace(/\.csv$/i, ''), label: d.labelName, rows: d.rows, features: d.features }),
      () => undefined, // not trainable as it is: not listed (naming it still says why)
    );
    checked.set(key, result);
    while (checked.size > CHECK_CACHE_SIZE) checked.delete(checked.keys().next().value as string);
  }
  return result;
}

/**
 * The dataset files that can be trained on as they are (each one fully
 * checked, as `/train` would), with the label column each would use. A CSV
 * that is not a binary-classification table (price data, say) is left out.
 */
export async function trainableLibrary(dirs: readonly string[], limits: TrainLimits): Promise<TrainableEntry[]> {
  const entries = await listLibrary(dirs);
  const results = await Promise.all(entries.filter((e) => e.bytes <= limits.maxFileBytes).map((e) => checkEntry(e, limits)));
  return results.filter((e): e is TrainableEntry => e !== undefined);
}

const SAFE_NAME = /^[\w.-]{1,120}$/;

/**
 * Find `name` or `name.csv` in the dataset folders. Names with slashes or `..`
 * are refused; an unknown name lists the files that can be trained on.
 */
export async function findLibraryDataset(name: string, dirs: readonly string[], limits: TrainLimits): Promise<LibraryEntry> {
  const plain = SAFE_NAME.test(name) && !name.includes('..');
  const library = plain ? await listLibrary(dirs) : [];
  const lower = name.toLowerCase();
  const found = library.find((e) => e.name.toLowerCase() === lower || e.name.toLowerCase() === `${lower}.csv`);
  if (found !== undefined) return found;
  const trainable = await trainableLibrary(dirs, limits);
  const available =
    trainable.length > 0
      ? `available: ${trainable.map((e) => `${e.dataset} (label: ${e.label})`).join(', ')}`
      : (plain ? library.length : (await listLibrary(dirs)).length) > 0
        ? 'none of the CSV files in the dataset folders can be trained on as they are'
        : 'no CSV files are in the dataset folders yet';
  const choices = `Use a generator (${['synthetic', ...GENERATORS].join(', ')}), attach a CSV, or one of the dataset files (${available}).`;
  const data = { dataset: name, available: trainable.map((e) => ({ name: e.dataset, label: e.label, rows: e.rows, features: e.features })) };
  const sentence: Sentence = plain ? () => `There is no dataset called "${name}". ${choices}` : (w) => `${w.param('dataset')} must be a plain name, not a path. ${choices}`;
  throw new WordedError(sentence, { code: plain ? 'not_found' : 'bad_arguments', data });
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
