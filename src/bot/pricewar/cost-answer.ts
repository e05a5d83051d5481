/**
 * /pricewar cost: a preset's published inputs, overridden by any flag the
 * user gives, completed with the feature's defaults (`COST_DEFAULTS`). The
 * chat has two conveniences of its own, worded here: `--price` sets the
 * input and the output price at once, and `--input-output-ratio` is a ratio
 * where the analysis takes input tokens per output token.
 */
import type { CommandContext } from '../../core/command.js';
import { ArgumentError } from '../../core/errors.js';
import type { Reply } from '../../core/reply.js';
import { costInputsProblem, unitEconomics, withCostDefaults, type CostInputs } from '../../pricewar/cost.js';
import { costPreset, COST_PRESET_IDS, listCostPresets, type CostPreset } from '../../pricewar/cost-presets.js';
import type { PriceData } from '../../pricewar/data.js';
import { suggestionText } from '../../pricewar/models.js';
import type { BlendWeights } from '../../pricewar/prices.js';
import { flagName } from './options.js';
import { costReply, presetsReply } from './presenter.js';
import { priceData } from './service.js';

/** The /pricewar cost arguments, as the command's schema parses them. */
export interface CostArgs {
  /** A preset id or alias, or `list`. */
  readonly preset?: string | undefined;
  readonly gpuHourly?: number | undefined;
  readonly gpus?: number | undefined;
  readonly tokensPerSecond?: number | undefined;
  readonly inputOutputRatio?: BlendWeights | undefined;
  readonly utilization?: number | undefined;
  /** Input and output price alike, unless one of them is given on its own. */
  readonly price?: number | undefined;
  readonly inputPrice?: number | undefined;
  readonly outputPrice?: number | undefined;
  readonly cachedInputPrice?: number | undefined;
  readonly cacheHitShare?: number | undefined;
}

const EXAMPLE = '/pricewar cost --gpu-hourly 2.5 --gpus 8 --tokens-per-second 3300 --price 2.8';

export async function answerCost(ctx: CommandContext, args: CostArgs): Promise<Reply> {
  const data = await priceData(ctx);
  if (args.preset?.toLowerCase() === 'list') return presetsReply(data, listCostPresets(data, flagName));
  const preset = args.preset === undefined ? undefined : presetFor(data, args.preset);
  const inputs: Partial<CostInputs> = {
    ...preset?.inputs,
    ...defined({
      gpuHourly: args.gpuHourly,
      gpus: args.gpus,
      tokensPerSecond: args.tokensPerSecond,
      // An output weight of 0 is refused below, before these inputs are used.
      inputPerOutput: args.inputOutputRatio === undefined ? undefined : args.inputOutputRatio.input / args.inputOutputRatio.output,
      utilization: args.utilization,
      inputPrice: args.inputPrice ?? args.price,
      outputPrice: args.outputPrice ?? args.price,
      cachedInputPrice: args.cachedInputPrice,
      cacheHitShare: args.cacheHitShare,
    }),
  };
  const problem = costInputsProblem(inputs);
  if (problem !== undefined && 'missing' in problem) {
    throw new ArgumentError(`/pricewar cost needs ${problem.missing.map(flagName).join(', ')} (or a preset: --preset ${COST_PRESET_IDS.join(' | ')}). Example: ${EXAMPLE}`);
  }
  if (problem !== undefined) throw new ArgumentError('Give both --input-price and --output-price, or --price for both.');
  if (args.inputOutputRatio !== undefined && args.inputOutputRatio.output === 0) throw new ArgumentError('--input-output-ratio needs some output tokens, e.g. 10:1.');
  return costReply(data, unitEconomics(withCostDefaults(inputs)), preset);
}

function presetFor(data: PriceData, id: string): CostPreset {
  const lookup = costPreset(data, id, flagName);
  if (lookup === undefined) throw new ArgumentError(`Unknown preset "${id}".${suggestionText(id.toLowerCase(), COST_PRESET_IDS)} Presets: ${COST_PRESET_IDS.join(', ')}.`);
  if (!lookup.ok) throw new ArgumentError(`Preset ${lookup.id} is unavailable: ${lookup.reason}.`);
  return lookup.preset;
}

/** Drop undefined values so that a spread does not erase preset inputs. */
function defined<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
