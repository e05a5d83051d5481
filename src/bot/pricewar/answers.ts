/**
 * One answer per /pricewar subcommand: read the price data from the
 * per-process service, run the analysis with errors worded in flags, and
 * present the result. The command passes its parsed arguments and returns
 * what these return. /pricewar cost, with its presets and defaults, has its
 * own file (./cost-answer.ts).
 */
import type { CommandContext } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import { findPriceAlerts, type AlertOptions } from '../../pricewar/alerts.js';
import { comparePrices, type CompareOptions } from '../../pricewar/compare.js';
import { priceCuts, type CutsOptions } from '../../pricewar/cuts.js';
import { simulatePriceWar, type SimulationOptions } from '../../pricewar/simulate.js';
import { priceTrend, type TrendOptions } from '../../pricewar/trend.js';
import { inFlagWords } from './options.js';
import { alertsReply, compareReply, cutsReply, overviewReply, simulationReply, trendReply } from './presenter.js';
import { priceData } from './service.js';

export async function answerOverview(ctx: CommandContext): Promise<Reply> {
  return overviewReply(await priceData(ctx));
}

export async function answerTrend(ctx: CommandContext, options: TrendOptions): Promise<Reply> {
  const data = await priceData(ctx);
  return trendReply(data, inFlagWords(() => priceTrend(data, options)));
}

export async function answerCuts(ctx: CommandContext, options: CutsOptions): Promise<Reply> {
  const data = await priceData(ctx);
  return cutsReply(data, inFlagWords(() => priceCuts(data, options)));
}

export async function answerCompare(ctx: CommandContext, options: CompareOptions): Promise<Reply> {
  const data = await priceData(ctx);
  return compareReply(data, inFlagWords(() => comparePrices(data, options)));
}

export async function answerSimulation(ctx: CommandContext, options: Partial<SimulationOptions>): Promise<Reply> {
  // The model needs no data; its argument errors come before any loading.
  const result = inFlagWords(() => simulatePriceWar(options));
  return simulationReply(await priceData(ctx), result);
}

export async function answerAlerts(ctx: CommandContext, options: AlertOptions): Promise<Reply> {
  const data = await priceData(ctx);
  return alertsReply(data, inFlagWords(() => findPriceAlerts(data, options)));
}
