/**
 * /pricewar cost: serving unit economics. You rent GPUs by the hour whether
 * they are busy or not; tokens only come out while they are. So:
 *
 *   cost/day      = GPU $/h × GPUs × 24
 *   tokens/day    = tokens/s × 86,400 × utilisation   (input + output)
 *   cost/M tokens = cost/day ÷ (tokens/day ÷ 10⁶)
 *   revenue/day   = Σ tokens of each kind × its price ÷ 10⁶
 *
 * GPU rent is only part of a provider's cost (staff, networking, storage,
 * research and idle capacity come on top), so "healthy" here is a floor.
 */
import { ParamError } from './errors.js';

export interface CostInputs {
  /** USD per GPU-hour. */
  readonly gpuHourly: number;
  readonly gpus: number;
  /** Input + output tokens per second of the whole deployment at full load. */
  readonly tokensPerSecond: number;
  /** Input tokens per output token (10:1 → 10). */
  readonly inputPerOutput: number;
  /** Share of the day the deployment runs at that throughput, in (0, 1]. */
  readonly utilization: number;
  /** USD per million input tokens (cache misses). */
  readonly inputPrice?: number | undefined;
  /** USD per million output tokens. */
  readonly outputPrice?: number | undefined;
  /** USD per million input tokens served from a context cache. */
  readonly cachedInputPrice?: number | undefined;
  /** Share of input tokens that hit the cache, in [0, 1]. */
  readonly cacheHitShare?: number | undefined;
}

/**
 * What `withCostDefaults` fills in when the caller leaves it out: 10 input
 * tokens per output token, and 60 % utilisation (real traffic is not a
 * benchmark at maximum load; the H100 presets use it too). The GPU price,
 * count and throughput have no default.
 */
export const COST_DEFAULTS = { inputPerOutput: 10, utilization: 0.6 } as const satisfies Partial<CostInputs>;

/** The inputs without a default: a cost needs all three. */
export const REQUIRED_COST_INPUTS = ['gpuHourly', 'gpus', 'tokensPerSecond'] as const;
export type RequiredCostInput = (typeof REQUIRED_COST_INPUTS)[number];

/** Why partial inputs cannot be completed, for the caller to word: the required inputs missing, or one price without the other. */
export type CostInputsProblem = { readonly missing: readonly RequiredCostInput[] } | { readonly unpairedPrice: 'inputPrice' | 'outputPrice' };

export function costInputsProblem(inputs: Partial<CostInputs>): CostInputsProblem | undefined {
  const missing = REQUIRED_COST_INPUTS.filter((k) => inputs[k] === undefined);
  if (missing.length > 0) return { missing };
  if (inputs.inputPrice !== undefined && inputs.outputPrice === undefined) return { unpairedPrice: 'inputPrice' };
  if (inputs.outputPrice !== undefined && inputs.inputPrice === undefined) return { unpairedPrice: 'outputPrice' };
  return undefined;
}

/** Complete partial inputs with `COST_DEFAULTS`; throws a `ParamError` for a problem `costInputsProblem` finds. */
export function withCostDefaults(inputs: Partial<CostInputs>): CostInputs {
  const problem = costInputsProblem(inputs);
  if (problem !== undefined && 'missing' in problem) {
    const { missing } = problem;
    throw new ParamError(missing, (name) => `A serving cost needs ${missing.map(name).join(', ')}.`);
  }
  if (problem !== undefined) throw new ParamError(['inputPrice', 'outputPrice'], (name) => `Give both ${name('inputPrice')} and ${name('outputPrice')}, or neither.`);
  // Defaults first, then the given inputs, so that the keys keep the order the JSON data has always had.
  const complete = { ...COST_DEFAULTS, ...inputs };
  // costInputsProblem found all three required inputs.
  return { ...complete, gpuHourly: complete.gpuHourly as number, gpus: complete.gpus as number, tokensPerSecond: complete.tokensPerSecond as number };
}

export type Verdict = 'below cost' | 'thin' | 'healthy';

/** Gross margin on GPU rent below this is called thin: other costs can easily eat it. */
export const THIN_MARGIN = 0.3;

export interface CostResult {
  readonly inputs: CostInputs;
  readonly costPerDay: number;
  readonly tokensPerDay: number;
  readonly inputTokensPerDay: number;
  readonly outputTokensPerDay: number;
  readonly costPerMillionTokens: number;
  /** Present when prices were given. */
  readonly revenuePerDay: number | null;
  /** Revenue per million tokens at this input:output mix (and cache share). */
  readonly effectivePricePerMillion: number | null;
  readonly marginPerDay: number | null;
  /** (revenue − cost) ÷ revenue. */
  readonly grossMargin: number | null;
  /** (revenue − cost) ÷ cost: what DeepSeek calls its "cost profit margin". */
  readonly markupOnCost: number | null;
  /** Utilisation at which revenue equals cost (may exceed 1: cannot break even). */
  readonly breakEvenUtilization: number | null;
  readonly verdict: Verdict | null;
  readonly sensitivity: readonly SensitivityPoint[];
}

export interface SensitivityPoint {
  readonly utilization: number;
  readonly costPerMillionTokens: number;
  readonly marginPerDay: number | null;
  readonly grossMargin: number | null;
  readonly verdict: Verdict | null;
}

export function verdictFor(grossMargin: number): Verdict {
  if (grossMargin < 0) return 'below cost';
  if (grossMargin < THIN_MARGIN) return 'thin';
  return 'healthy';
}

/** Revenue per token-day at full utilisation, so the sensitivity curve can scale it. */
function revenueFor(inputs: CostInputs, inputTokens: number, outputTokens: number): number | null {
  const { inputPrice, outputPrice } = inputs;
  if (inputPrice === undefined || outputPrice === undefined) return null;
  const share = inputs.cacheHitShare ?? 0;
  const cachedPrice = inputs.cachedInputPrice ?? inputPrice;
  const inputRevenue = inputTokens * ((1 - share) * inputPrice + share * cachedPrice);
  return (inputRevenue + outputTokens * outputPrice) / 1e6;
}

function atUtilization(inputs: CostInputs, utilization: number) {
  const costPerDay = inputs.gpuHourly * inputs.gpus * 24;
  const tokensPerDay = inputs.tokensPerSecond * 86_400 * utilization;
  const inputTokensPerDay = (tokensPerDay * inputs.inputPerOutput) / (inputs.inputPerOutput + 1);
  const outputTokensPerDay = tokensPerDay / (inputs.inputPerOutput + 1);
  const revenuePerDay = revenueFor(inputs, inputTokensPerDay, outputTokensPerDay);
  const marginPerDay = revenuePerDay === null ? null : revenuePerDay - costPerDay;
  const grossMargin = revenuePerDay === null || marginPerDay === null ? null : revenuePerDay > 0 ? marginPerDay / revenuePerDay : Number.NEGATIVE_INFINITY;
  return { costPerDay, tokensPerDay, inputTokensPerDay, outputTokensPerDay, costPerMillionTokens: costPerDay / (tokensPerDay / 1e6), revenuePerDay, marginPerDay, grossMargin };
}

export const SENSITIVITY_STEPS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

export function unitEconomics(inputs: CostInputs): CostResult {
  for (const [name, value] of [
    ['gpuHourly', inputs.gpuHourly],
    ['gpus', inputs.gpus],
    ['tokensPerSecond', inputs.tokensPerSecond],
    ['utilization', inputs.utilization],
  ] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  if (inputs.utilization > 1) throw new RangeError(`utilization must be at most 1, got ${inputs.utilization}`);
  const now = atUtilization(inputs, inputs.utilization);
  const full = atUtilization(inputs, 1);
  const effective = now.revenuePerDay === null ? null : now.revenuePerDay / (now.tokensPerDay / 1e6);
  const steps = [...new Set([...SENSITIVITY_STEPS, inputs.utilization])].sort((a, b) => a - b);
  return {
    inputs,
    costPerDay: now.costPerDay,
    tokensPerDay: now.tokensPerDay,
    inputTokensPerDay: now.inputTokensPerDay,
    outputTokensPerDay: now.outputTokensPerDay,
    costPerMillionTokens: now.costPerMillionTokens,
    revenuePerDay: now.revenuePerDay,
    effectivePricePerMillion: effective,
    marginPerDay: now.marginPerDay,
    grossMargin: now.grossMargin,
    markupOnCost: now.marginPerDay === null ? null : now.marginPerDay / now.costPerDay,
    breakEvenUtilization: full.revenuePerDay === null || full.revenuePerDay <= 0 ? null : full.costPerDay / full.revenuePerDay,
    verdict: now.grossMargin === null ? null : verdictFor(now.grossMargin),
    sensitivity: steps.map((u) => {
      const s = atUtilization(inputs, u);
      return { utilization: u, costPerMillionTokens: s.costPerMillionTokens, marginPerDay: s.marginPerDay, grossMargin: s.grossMargin, verdict: s.grossMargin === null ? null : verdictFor(s.grossMargin) };
    }),
  };
}
