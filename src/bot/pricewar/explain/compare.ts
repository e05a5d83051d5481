/** /pricewar compare in words: the cheapest and dearest blended price, and which listing stands for each name. */
import { dataErrorLine } from './alerts.js';
import type { ComparedModel, CompareResult } from '../../../pricewar/compare.js';
import { fmtCny, fmtFactorShort, fmtUsd } from '../../../pricewar/format.js';
import { formatRatio } from '../../../pricewar/prices.js';
import { LITELLM, PROVENANCE, type Cell, type Summary } from './summary.js';

/** A price in its own currency, with the USD figure beside a CNY one. */
function own(m: ComparedModel, key: 'input' | 'output' | 'blended'): string {
  if (m.currency === 'USD') return fmtUsd(m[key]);
  return m.usd[key] === null ? fmtCny(m[key]) : `${fmtCny(m[key])} (${fmtUsd(m.usd[key])})`;
}

export function explainCompare(result: CompareResult): Summary {
  // Ranked in USD, the one currency every row has (CNY converted at the stated rate).
  const priced = result.models.filter((m) => m.usd.blended !== null).sort((a, b) => (a.usd.blended as number) - (b.usd.blended as number));
  const cheap = priced[0];
  const dear = priced[priced.length - 1];
  const headline =
    cheap !== undefined && dear !== undefined && cheap !== dear
      ? `Cheapest blended: ${cheap.query} at ${own(cheap, 'blended')} per M tokens${cheap.usd.blended === 0 ? ' (free)' : ''}; dearest: ${dear.query} at ${own(dear, 'blended')}${(cheap.usd.blended as number) > 0 ? `, ${fmtFactorShort((dear.usd.blended as number) / (cheap.usd.blended as number))} as much` : ''}.`
      : `${result.models.map((m) => `${m.query}: ${own(m, 'input')} in / ${own(m, 'output')} out per M tokens`).join('; ')}.`;
  const lines = result.models.filter((m) => m.alias !== undefined).map((m) => `${m.alias}.`);
  if (result.fx !== undefined) lines.push(`CNY prices are converted at ${result.fx.perUsd} CNY per USD (${result.fx.date}, ${result.fx.source}; fx_rates.csv). Chinese list prices are the newest in the dated China price table, not a live feed.`);
  const listingLines = result.models
    .filter((m) => m.currency === 'USD' && (m.otherListings > 0 || !m.inLatestSnapshot))
    .map((m) => {
      const range = m.blendedRange !== null && m.blendedRange.min !== m.blendedRange.max ? `; blended across its ${m.otherListings + 1} listings ${fmtUsd(m.blendedRange.min)}–${fmtUsd(m.blendedRange.max)}` : '';
      const gone = m.inLatestSnapshot ? '' : `; not in the ${result.snapshotDate ?? 'latest'} snapshot any more (last seen ${m.lastSeen})`;
      return `${m.query}: shown ${m.provider} ${m.model} (${m.chosenBecause})${range}${gone}.`;
    });
  lines.push(...listingLines);
  lines.push(...compareExclusionLines(result));
  lines.push(`Blended = (${result.blend.input}·input + ${result.blend.output}·output)/${result.blend.input + result.blend.output}. "Price since" is when LiteLLM recorded the price; "last seen" is the newest snapshot listing it.`);
  return {
    title: result.fx === undefined ? 'Current prices (USD per million tokens)' : 'Current prices (per million tokens, own currency and USD)',
    chartTitle: '当前价格对比 · Current prices',
    headline,
    lines,
    table: {
      columns: ['Model', 'Listing', 'Input /M', 'Output /M', `Blended ${formatRatio(result.blend)}`, 'Price since', 'Last seen'],
      rows: result.models.map((m): Cell[] => [m.query, `${m.provider} ${m.model}`, own(m, 'input'), own(m, 'output'), own(m, 'blended'), m.priceSince, m.lastSeen]),
    },
    citations: [LITELLM, PROVENANCE],
    data: { blend: formatRatio(result.blend), snapshotDate: result.snapshotDate ?? null, fx: result.fx ?? null, excluded: result.excluded, models: result.models },
  };
}

/** What was left out of the compared families and why, and the flag that shows it (nothing when nothing was). */
export function compareExclusionLines(result: Pick<CompareResult, 'excluded'>): string[] {
  const e = result.excluded;
  const lines: string[] = [];
  const errors = dataErrorLine(e.dataErrors, e.dataErrorsShown, ' of these listings', '; a current price may be one of them');
  if (errors !== undefined) lines.push(errors);
  if (e.nonChat > 0) {
    lines.push(
      e.nonChatShown
        ? `--non-chat: ${e.nonChat} non-chat listing(s) (embedding, image, audio, moderation) of these families are included.`
        : `Left out ${e.nonChat} non-chat listing(s) (embedding, image, audio, moderation) of these families; add --non-chat to include them.`,
    );
  }
  return lines;
}
