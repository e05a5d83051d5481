/** /pricewar simulate in words: the path of the market price, who left, and every assumption of the model. */
import { fmtPct, fmtShare, fmtTokens, fmtUsd } from '../../../pricewar/format.js';
import type { SimulationResult } from '../../../pricewar/simulate.js';
import { capped, type Cell, type Summary } from './summary.js';

export function explainSimulation(result: SimulationResult): Summary {
  const lowest = result.rounds.reduce((b, r) => (r.marketPrice < b.marketPrice ? r : b), result.rounds[0] as SimulationResult['rounds'][number]);
  const end = result.finalMarketPrice;
  const exits = result.exits.length === 0 ? 'no firm ran out of cash' : result.exits.map((e) => `firm ${e.firm} left in round ${e.round}`).join(', ');
  const verdict =
    end > result.startPrice * 1.001
      ? 'Consumers paid less during the war but more at the end than before it.'
      : end < lowest.marketPrice * 1.05 && result.exits.length === 0
        ? 'The war had not ended by the last round: prices were still at their low.'
        : `At the end consumers paid ${fmtShare(end / result.startPrice, 0)} of the pre-war price.`;
  const headline = `Market price ${fmtUsd(result.startPrice)} → lowest ${fmtUsd(lowest.marketPrice)} (round ${lowest.round}) → ${fmtUsd(end)} per M tokens after ${result.rounds.length} rounds; ${exits}; survivors: ${result.survivors.length === 0 ? 'none' : result.survivors.map((f) => `firm ${f}`).join(', ')}. ${verdict}`;
  const o = result.options;
  const lines = [
    'This is a model to think with, not a forecast. Assumptions:',
    ...result.assumptions.map((a) => `• ${a}`),
    `Inputs: ${o.firms} firms; costs ${result.firmCosts.map((c) => fmtUsd(c)).join(', ')} per M tokens; cash ${result.firmStartingCash.map((c) => `$${c.toFixed(1)}M`).join(', ')}; elasticity ${o.elasticity}; start price ${fmtUsd(o.startPrice)}; demand ${fmtTokens(o.demand * 1e9)} tokens/round; capacity ${fmtShare(o.capacity, 0)} of it per firm; fixed cost $${o.fixedCost}M/round; undercut ${fmtShare(o.undercut, 0)}; floor ${fmtShare(o.floor, 0)} of cost; seed ${o.seed}.`,
  ];
  const { rows, caption } = capped(result.rounds, 'rounds');
  return {
    title: `Price-war simulation: ${o.firms} firms, ${result.rounds.length} rounds (seed ${o.seed})`,
    chartTitle: '价格战模拟 · Price-war simulation',
    headline,
    lines,
    table: {
      columns: ['Round', 'Market $/M', 'Firms selling', 'Lowest price', 'Worst margin', 'Exits'],
      rows: rows.map((r): Cell[] => {
        const active = r.firms.filter((f) => f.active);
        const low = active.reduce<number | null>((m, f) => (f.price !== null && (m === null || f.price < m) ? f.price : m), null);
        const worst = active.reduce<number | null>((m, f) => (f.margin !== null && (m === null || f.margin < m) ? f.margin : m), null);
        const left = result.exits.filter((e) => e.round === r.round).map((e) => `firm ${e.firm}`);
        return [r.round, fmtUsd(r.marketPrice), r.activeFirms, low === null ? null : fmtUsd(low), worst === null ? null : fmtPct(worst * 100, 0), left.join(', ') || null];
      }),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [],
    data: { ...result },
  };
}
