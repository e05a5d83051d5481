/** /pricewar compare in words: the cheapest and dearest blended price, and which listing stands for each name. */
import type { CompareResult } from '../../../pricewar/compare.js';
import { fmtFactorShort, fmtUsd } from '../../../pricewar/format.js';
import { formatRatio } from '../../../pricewar/prices.js';
import { LITELLM, PROVENANCE, type Cell, type Summary } from './summary.js';

export function explainCompare(result: CompareResult): Summary {
  const priced = result.models.filter((m) => m.blended !== null).sort((a, b) => (a.blended as number) - (b.blended as number));
  const cheap = priced[0];
  const dear = priced[priced.length - 1];
  const headline =
    cheap !== undefined && dear !== undefined && cheap !== dear
      ? `Cheapest blended: ${cheap.query} at ${fmtUsd(cheap.blended)} per M tokens; dearest: ${dear.query} at ${fmtUsd(dear.blended)}, ${fmtFactorShort((dear.blended as number) / Math.max(cheap.blended as number, 1e-12))} as much.`
      : `${result.models.map((m) => `${m.query}: ${fmtUsd(m.input)} in / ${fmtUsd(m.output)} out per M tokens`).join('; ')}.`;
  const lines = result.models
    .filter((m) => m.otherListings > 0 || !m.inLatestSnapshot)
    .map((m) => {
      const range = m.blendedRange !== null && m.blendedRange.min !== m.blendedRange.max ? `; blended across its ${m.otherListings + 1} listings ${fmtUsd(m.blendedRange.min)}–${fmtUsd(m.blendedRange.max)}` : '';
      const gone = m.inLatestSnapshot ? '' : `; not in the ${result.snapshotDate ?? 'latest'} snapshot any more (last seen ${m.lastSeen})`;
      return `${m.query}: shown ${m.provider} ${m.model} (${m.chosenBecause})${range}${gone}.`;
    });
  lines.push(`Blended = (${result.blend.input}·input + ${result.blend.output}·output)/${result.blend.input + result.blend.output}. "Price since" is when LiteLLM recorded the price; "last seen" is the newest snapshot listing it.`);
  return {
    title: 'Current prices (USD per million tokens)',
    chartTitle: '当前价格对比 · Current prices',
    headline,
    lines,
    table: {
      columns: ['Model', 'Listing', 'Input $/M', 'Output $/M', `Blended ${formatRatio(result.blend)}`, 'Price since', 'Last seen'],
      rows: result.models.map((m): Cell[] => [m.query, `${m.provider} ${m.model}`, fmtUsd(m.input), fmtUsd(m.output), fmtUsd(m.blended), m.priceSince, m.lastSeen]),
    },
    citations: [LITELLM, PROVENANCE],
    data: { blend: formatRatio(result.blend), snapshotDate: result.snapshotDate ?? null, models: result.models },
  };
}
