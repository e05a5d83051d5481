/**
 * From /train's data arguments (`--dataset`, `--rows`, `--features`,
 * `--label`) and an attached file to the one dataset the feature resolves.
 * What does not fit together is refused here, in the flags' own words,
 * before anything is read.
 */
import { UserError, type InboundFile } from '../../core/index.js';
import type { GeneratorName } from '../../training/data/generate.js';
import { generatorFor } from '../../training/data/sources.js';
import { ARTICLE_DEFAULTS } from '../../training/params.js';
import type { DatasetChoice } from '../../training/service.js';

export interface DataArgs {
  readonly dataset?: string | undefined;
  readonly label?: string | undefined;
  readonly rows?: number | undefined;
  readonly features?: number | undefined;
}

export interface GeneratedData {
  readonly generator: GeneratorName;
  readonly rows: number;
  readonly features: number;
}

/**
 * The generated dataset the arguments ask for (a generator name, or no
 * --dataset and no file: `linear`), with its size; undefined when the data
 * is a CSV. Its size is checked against the limits before anything is read.
 */
export function generatedData(args: DataArgs, file: InboundFile | undefined): GeneratedData | undefined {
  const { dataset } = args;
  const generator = dataset === undefined ? (file === undefined ? 'linear' : undefined) : generatorFor(dataset);
  if (generator === undefined) return undefined;
  return { generator, rows: args.rows ?? ARTICLE_DEFAULTS.rows, features: args.features ?? ARTICLE_DEFAULTS.features };
}

/** The dataset to resolve, or a UserError saying which arguments do not go together. */
export function datasetChoice(args: DataArgs, file: InboundFile | undefined): DatasetChoice {
  const { dataset } = args;
  const generated = generatedData(args, file);
  if (generated !== undefined) {
    if (file !== undefined) throw new UserError(`You attached ${file.name} but asked for the generated "${dataset}" dataset: drop --dataset to train on the file, or the file to use the generator.`, { code: 'bad_arguments' });
    if (args.label !== undefined) throw new UserError('--label names a column of a CSV dataset; generated datasets have their own label.', { code: 'bad_arguments' });
    return { kind: 'generated', ...generated };
  }
  if (args.rows !== undefined || args.features !== undefined) {
    throw new UserError('--rows and --features size a generated dataset; a CSV dataset has the rows and columns it has.', { code: 'bad_arguments' });
  }
  const label = args.label === undefined ? {} : { label: args.label };
  if (file !== undefined) {
    if (dataset !== undefined && dataset.toLowerCase() !== 'attached') {
      throw new UserError(`You attached ${file.name} and also named the dataset "${dataset}": use one of the two.`, { code: 'bad_arguments' });
    }
    return { kind: 'attached', file, ...label };
  }
  if (dataset === undefined || dataset.toLowerCase() === 'attached') {
    throw new UserError('--dataset attached needs a CSV file attached to the message.', { code: 'bad_arguments' });
  }
  return { kind: 'library', name: dataset, ...label };
}
