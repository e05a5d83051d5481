/**
 * How the chat spells what the training feature refers to: a parameter key
 * as its /train flag (`valSplit` → `--val-split`), the command that cancels a
 * job, and a job's settings as the /train line that would run them again.
 * The feature writes its messages with plain keys; errors that name one are
 * re-worded here (src/training/errors.ts), so the user reads the flag they
 * typed.
 */
import { camelToKebab, quoteToken } from '../../core/index.js';
import { isRewordable, type Spelling } from '../../training/errors.js';
import type { JobRecord } from '../../training/job-record.js';
import { ARTICLE_DEFAULTS, DEFAULT_HIDDEN, type TrainParams } from '../../training/params.js';

/** A parameter key as its /train flag. */
export const flagName = (param: string): string => `--${camelToKebab(param)}`;

export const chatWords: Spelling = { param: flagName, cancelCommand: '/train cancel <id>' };

/** Run a step of the feature; an error that names parameters is re-worded with their flags. */
export async function inChatWords<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw isRewordable(error) ? error.inWords(chatWords) : error;
  }
}

/**
 * The /train line that runs `job` again with `changes` (for a button): the
 * changed settings first, then every other setting that differs from the
 * defaults. Undefined for a job on an attached file, which a button cannot
 * attach again.
 */
export function trainLine(job: Pick<JobRecord, 'params' | 'dataset'>, changes: Partial<Pick<TrainParams, 'epochs' | 'lr'>>): string | undefined {
  const { params, dataset } = job;
  if (dataset.kind === 'csv' && dataset.origin === 'attached') return undefined;
  const words: string[] = ['/train'];
  const add = (key: string, value: string | number) => words.push(flagName(key), quoteToken(String(value)));
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) add(key, value);
  const defaults: Record<string, number> = { batch: ARTICLE_DEFAULTS.batch, valSplit: ARTICLE_DEFAULTS.valSplit, testSplit: ARTICLE_DEFAULTS.testSplit, seed: ARTICLE_DEFAULTS.seed };
  if (changes.epochs === undefined && params.epochs !== ARTICLE_DEFAULTS.epochs) add('epochs', params.epochs);
  if (changes.lr === undefined && params.lr !== ARTICLE_DEFAULTS.lr) add('lr', params.lr);
  if (params.model !== ARTICLE_DEFAULTS.model) add('model', params.model);
  if (params.hidden.join(',') !== DEFAULT_HIDDEN[params.model].join(',')) add('hidden', params.hidden.join(','));
  for (const key of ['batch', 'valSplit', 'testSplit', 'seed'] as const) if (params[key] !== defaults[key]) add(key, params[key]);
  if (dataset.kind === 'generated') {
    if (dataset.generator !== 'linear') add('dataset', dataset.generator);
    if (dataset.rows !== ARTICLE_DEFAULTS.rows) add('rows', dataset.rows);
    if (dataset.features !== ARTICLE_DEFAULTS.features) add('features', dataset.features);
  } else {
    add('dataset', dataset.name.replace(/\.csv$/i, ''));
    if (dataset.label !== undefined) add('label', dataset.label);
  }
  return words.join(' ');
}
