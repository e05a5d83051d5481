import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/index.js';
import { ARTICLE_DEFAULTS, cancelTraining, listTrainingJobs, listTrainingWorkers, MODELS, startTraining, TrainingAllowed, trainingService, trainingStatus } from '../src/bot/training/index.js';

/**
 * Limits that come from configuration (epochs, rows, features) cannot live in
 * this static schema; they are checked when the job is started, with the
 * configured range.
 */
const whole = () => z.number().int();
/** The hard ceiling of a config-limited number (its setting's own maximum): the configured range is checked when the job starts. */
const ceiling = (max: number) => whole().min(0).max(max);

const startArgs = z.object({
  model: z.enum(MODELS).default('small').describe("small: the article's Dense 10 ReLU → Dense 1 sigmoid; mlp: 256,256 hidden"),
  dataset: z.string().max(120).optional().describe('synthetic (= linear), xor, noisy, a CSV name, or attached (default: synthetic)'),
  epochs: ceiling(100_000).default(ARTICLE_DEFAULTS.epochs).describe('Passes over the training data, 1–TRAIN_MAX_EPOCHS (500 by default)'),
  batch: whole().min(1).max(8192).default(ARTICLE_DEFAULTS.batch).describe('Mini-batch size'),
  lr: z.number().gt(0).max(1).default(ARTICLE_DEFAULTS.lr).describe('Adam learning rate'),
  hidden: z.array(ceiling(100_000)).min(1).max(64).optional().describe('Hidden layer sizes, e.g. 10 or 64,32 (default: 10 for small, 256,256 for mlp)'),
  valSplit: z.number().min(0).max(0.5).default(ARTICLE_DEFAULTS.valSplit).describe('Share of the non-test rows held out for validation'),
  testSplit: z.number().min(0.05).max(0.5).default(ARTICLE_DEFAULTS.testSplit).describe('Share of all rows held out for the final test'),
  seed: whole().min(0).max(2_147_483_647).default(ARTICLE_DEFAULTS.seed).describe('Seed for data, split, initial weights and batch order'),
  rows: ceiling(100_000_000).optional().describe('Rows of a generated dataset (default 100)'),
  features: ceiling(100_000).optional().describe('Features of a generated dataset (default 10)'),
  label: z.string().max(120).optional().describe('Label column of a CSV (default: label/y/target/class, else the last)'),
});

export default defineCommand({
  name: 'train',
  description: "Train a small neural network (the article's example by default); live progress and curves",
  examples: ['/train', '/train --epochs 100 --lr 0.01', '/train --dataset xor --features 2 --rows 400 --model mlp --hidden 16,16 --epochs 100 --lr 0.02'],
  args: startArgs,
  file: { description: 'A CSV dataset: numeric feature columns and a 0/1 label column', accept: ['.csv', 'text/csv'] },
  preconditions: [TrainingAllowed],
  // Created with the bot (not on the first /train), so jobs a crash interrupted resume at start-up.
  startWith: [trainingService],
  run: startTraining,
  subcommands: {
    status: defineSubcommand({
      description: 'Show a training job (default: your latest)',
      args: z.object({ id: whole().min(1).max(2_147_483_647).optional().describe('Job number') }),
      positionals: ['id'],
      examples: ['/train status', '/train status 12'],
      run: (ctx, { id }) => trainingStatus(ctx, id),
    }),
    list: defineSubcommand({
      description: 'List recent training jobs',
      args: z.object({
        limit: whole().min(1).max(50).default(10).describe('How many jobs'),
        mine: z.boolean().default(false).describe('Only your jobs'),
      }),
      examples: ['/train list', '/train list --mine'],
      run: (ctx, options) => listTrainingJobs(ctx, options),
    }),
    workers: defineSubcommand({
      description: 'List the live training workers (host, backend, GPU, running jobs)',
      args: z.object({}),
      examples: ['/train workers'],
      run: (ctx) => listTrainingWorkers(ctx),
    }),
    cancel: defineSubcommand({
      description: 'Cancel a queued or running training job (someone else\'s: admins only)',
      args: z.object({ id: whole().min(1).max(2_147_483_647).describe('Job number') }),
      positionals: ['id'],
      // No TrainingAllowed: an owner was allowed when they started the job, and an
      // admin may stop anyone's; cancelTraining checks "owner or admin" against the job.
      examples: ['/train cancel 12'],
      run: (ctx, { id }) => cancelTraining(ctx, id),
    }),
  },
});
