/**
 * Reads the price-war data files (bundled in `knowledge/data/`, or a user's
 * own copies in `PRICE_DATA_DIR`) into validated rows. Every file is read
 * independently: a missing file, a missing column or a bad row becomes a
 * `DataIssue` (file, line, why) and the rest carries on.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { parseCsv } from '../csv/index.js';
import { PROJECT_ROOT } from '../paths.js';
import {
  capabilityScoreRow,
  capabilityTierRow,
  fxRateRow,
  modelAliasRow,
  latestPriceRow,
  priceCutRow,
  priceHistoryRow,
  publishedTrendRow,
  servingInputRow,
  type CapabilityScoreRow,
  type CapabilityTierRow,
  type FxRateRow,
  type ModelAliasRow,
  type LatestPriceRow,
  type PriceCutRow,
  type PriceHistoryRow,
  type PublishedTrendRow,
  type ServingInputRow,
} from './schemas.js';

/** The bundled data, next to the code rather than under KNOWLEDGE_DIR, so pointing the FAQ elsewhere cannot hide it. */
export const BUNDLED_DATA_DIR = join(PROJECT_ROOT, 'knowledge', 'data');

export interface DataIssue {
  /** File name as the user knows it (`litellm_price_history.csv`), prefixed with the folder when it is the user's. */
  readonly file: string;
  /** 1-based line of the record; 0 for a problem with the whole file. */
  readonly line: number;
  readonly reason: string;
}

export interface LoadedTable<T> {
  readonly file: string;
  /** Absolute path read, or undefined when the file was missing. */
  readonly path: string | undefined;
  readonly origin: 'bundled' | 'user';
  readonly rows: readonly (T & { readonly line: number })[];
  /** Records in the file (valid + invalid), for "n of m rows" reports. */
  readonly records: number;
  readonly issues: readonly DataIssue[];
}

interface TableSpec<S extends z.ZodType> {
  readonly file: string;
  readonly schema: S;
}

export const TABLES = {
  history: { file: 'litellm_price_history.csv', schema: priceHistoryRow },
  latest: { file: 'litellm_latest.csv', schema: latestPriceRow },
  cuts: { file: 'china_price_war_2024.csv', schema: priceCutRow },
  serving: { file: 'serving_cost_inputs.csv', schema: servingInputRow },
  scores: { file: 'capability_scores.csv', schema: capabilityScoreRow },
  tiers: { file: 'capability_tiers.csv', schema: capabilityTierRow },
  published: { file: 'published_trends.csv', schema: publishedTrendRow },
  aliases: { file: 'model_aliases.csv', schema: modelAliasRow },
  fx: { file: 'fx_rates.csv', schema: fxRateRow },
} as const satisfies Record<string, TableSpec<z.ZodType>>;

export interface RawPriceData {
  readonly history: LoadedTable<PriceHistoryRow>;
  readonly latest: LoadedTable<LatestPriceRow>;
  readonly cuts: LoadedTable<PriceCutRow>;
  readonly serving: LoadedTable<ServingInputRow>;
  readonly scores: LoadedTable<CapabilityScoreRow>;
  readonly tiers: LoadedTable<CapabilityTierRow>;
  readonly published: LoadedTable<PublishedTrendRow>;
  readonly aliases: LoadedTable<ModelAliasRow>;
  readonly fx: LoadedTable<FxRateRow>;
  /** Every issue of every table, plus folder-level ones. */
  readonly issues: readonly DataIssue[];
  readonly userDir: string | undefined;
}

export interface LoadOptions {
  /** `PRICE_DATA_DIR`: files found here replace the bundled file of the same name. */
  readonly userDir?: string | undefined;
  readonly bundledDir?: string;
}

/** Validate CSV text against a schema. Exported for tests and for uploads in the same format. */
export function validateCsv<S extends z.ZodType>(content: string, spec: TableSpec<S>, fileLabel: string): { rows: (z.output<S> & { line: number })[]; records: number; issues: DataIssue[] } {
  const parsed = parseCsv(content);
  const issues: DataIssue[] = parsed.problems.map((p) => ({ file: fileLabel, line: p.line, reason: p.message }));
  const badLines = new Set(parsed.problems.map((p) => p.line));
  const expected = objectKeys(spec.schema);
  const missing = expected.filter((c) => !parsed.header.includes(c));
  if (parsed.header.length === 0) {
    issues.push({ file: fileLabel, line: 0, reason: 'the file is empty (expected a header line)' });
    return { rows: [], records: 0, issues };
  }
  if (missing.length > 0) {
    issues.push({ file: fileLabel, line: 1, reason: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: ${expected.join(', ')})` });
    return { rows: [], records: parsed.records.length, issues };
  }
  const rows: (z.output<S> & { line: number })[] = [];
  for (const record of parsed.records) {
    if (badLines.has(record.line)) continue; // already reported by the CSV reader
    if (record.fields.length !== parsed.header.length) {
      issues.push({ file: fileLabel, line: record.line, reason: `has ${record.fields.length} fields, the header has ${parsed.header.length} (an unquoted comma?)` });
      continue;
    }
    const object: Record<string, string> = {};
    parsed.header.forEach((column, i) => {
      object[column] = record.fields[i] as string;
    });
    const result = spec.schema.safeParse(object);
    if (result.success) rows.push({ ...(result.data as object), line: record.line } as z.output<S> & { line: number });
    else issues.push({ file: fileLabel, line: record.line, reason: result.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join('; ') });
  }
  issues.sort((a, b) => a.line - b.line);
  return { rows, records: parsed.records.length, issues };
}

function objectKeys(schema: z.ZodType): string[] {
  // A refined object is still a ZodObject in zod 4 (checks live on the same schema).
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

async function loadTable<S extends z.ZodType>(spec: TableSpec<S>, userDir: string | undefined, bundledDir: string): Promise<LoadedTable<z.output<S>>> {
  const userPath = userDir === undefined ? undefined : join(userDir, spec.file);
  const useUser = userPath !== undefined && existsSync(userPath);
  const path = useUser ? resolve(userPath) : join(bundledDir, spec.file);
  const label = useUser ? `${userDir}/${spec.file}` : spec.file;
  const origin = useUser ? 'user' : 'bundled';
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : `cannot be read (${(error as Error).message})`;
    return { file: spec.file, path: undefined, origin, rows: [], records: 0, issues: [{ file: label, line: 0, reason: why }] };
  }
  const { rows, records, issues } = validateCsv(content, spec, label);
  return { file: spec.file, path, origin, rows, records, issues };
}

/** Load every table. Never throws for data problems; they are in `issues`. */
export async function loadRawPriceData(options: LoadOptions = {}): Promise<RawPriceData> {
  const bundledDir = options.bundledDir ?? BUNDLED_DATA_DIR;
  const folderIssues: DataIssue[] = [];
  let userDir = options.userDir;
  if (userDir !== undefined && !(existsSync(userDir) && statSync(userDir).isDirectory())) {
    folderIssues.push({ file: userDir, line: 0, reason: 'PRICE_DATA_DIR is not a folder; the bundled data is used instead' });
    userDir = undefined;
  }
  const [history, latest, cuts, serving, scores, tiers, published, aliases, fx] = await Promise.all([
    loadTable(TABLES.history, userDir, bundledDir),
    loadTable(TABLES.latest, userDir, bundledDir),
    loadTable(TABLES.cuts, userDir, bundledDir),
    loadTable(TABLES.serving, userDir, bundledDir),
    loadTable(TABLES.scores, userDir, bundledDir),
    loadTable(TABLES.tiers, userDir, bundledDir),
    loadTable(TABLES.published, userDir, bundledDir),
    loadTable(TABLES.aliases, userDir, bundledDir),
    loadTable(TABLES.fx, userDir, bundledDir),
  ]);
  const tables = [history, latest, cuts, serving, scores, tiers, published, aliases, fx];
  return {
    history,
    latest,
    cuts,
    serving,
    scores,
    tiers,
    published,
    aliases,
    fx,
    issues: [...folderIssues, ...tables.flatMap((t) => t.issues)],
    userDir,
  };
}
