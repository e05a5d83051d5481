/** /pricewar trend in words: the speed of decline of each series, the published figures beside it, and the method. */
import { EXCLUSION_WORDS, type ExclusionKind } from '../../../pricewar/clean.js';
import type { PriceData } from '../../../pricewar/data.js';
import { fmtFactorShort, fmtMonths, fmtUsd } from '../../../pricewar/format.js';
import { formatRatio } from '../../../pricewar/prices.js';
import { MIN_FIT_POINTS, type TrendResult, type TrendSeries } from '../../../pricewar/trend.js';
import { capped, LITELLM, PROVENANCE, type Cell, type Summary } from './summary.js';

function seriesSentence(s: TrendSeries): string {
  const range = `${s.from} → ${s.to}`;
  const prices = s.firstPrice === null ? '' : ` the cheapest blended price went ${fmtUsd(s.firstPrice)} → ${fmtUsd(s.lastPrice)} per M tokens`;
  if (s.fit === null) return `${s.label}, ${range}:${prices}; only ${s.points.length} monthly point(s), too few for a fit (${MIN_FIT_POINTS} needed).`;
  const f = s.fit;
  if (f.r2 === null) return `${s.label}, ${range}: the price did not change (${fmtUsd(s.firstPrice)} per M tokens throughout, n=${f.n}); no decline to measure.`;
  const speed =
    f.annualDeclineFactor >= 1
      ? `${fmtFactorShort(f.annualDeclineFactor)} cheaper per year, halving every ${fmtMonths(f.halvingMonths as number)}`
      : `${fmtFactorShort(1 / f.annualDeclineFactor)} dearer per year, doubling every ${fmtMonths(f.doublingMonths as number)}`;
  return `${s.label}, ${range}:${prices}; log-linear fit: ${speed} (R² ${f.r2.toFixed(2)}, n=${f.n} monthly points).`;
}

export function explainTrend(data: PriceData, result: TrendResult): Summary {
  const fitted = result.series.filter((s) => s.fit !== null && s.fit.r2 !== null);
  const main = result.series[0];
  const title = result.mode === 'model' ? `Price trend: ${main?.label ?? ''}` : result.mode === 'tier' ? `Cheapest price at ${main?.label ?? ''}` : 'Cheapest price by capability tier';
  const headline = result.series.map(seriesSentence).join(' ');
  const lines: string[] = [];
  if (result.series.every((s) => s.points.length === 0)) lines.push('No prices fall in that range; try an earlier --since or another model.');
  for (const s of fitted) {
    if (s.published.length > 0) lines.push(`Published figures${result.series.length > 1 ? ` (${s.label})` : ''}: ${s.published.map((p) => p.sentence).join('; ')}.`);
  }
  if (result.mode === 'model' && fitted.length > 0) {
    lines.push('Epoch AI and a16z measure the cheapest model at a fixed capability, which includes switching to newer, cheaper models; one model’s own list price usually falls much more slowly. Try /pricewar trend --tier gpt-4 for the comparable measure.');
  }
  const cheapest = main?.steps[main.steps.length - 1];
  if (result.mode !== 'tiers' && cheapest !== undefined) lines.push(`Cheapest listing at the end: ${cheapest.provider} ${cheapest.model}.`);
  const zero = result.series.reduce((n, s) => n + s.zeroPricedListings, 0);
  const errors = new Map<string, number>();
  for (const s of result.series) for (const [k, n] of Object.entries(s.excluded)) errors.set(k, (errors.get(k) ?? 0) + (n ?? 0));
  const errorTotal = [...errors.values()].reduce((a, b) => a + b, 0);
  if (errorTotal > 0) {
    const why = [...errors].map(([k, n]) => `${n} ${EXCLUSION_WORDS[k as ExclusionKind]}`).join(', ');
    lines.push(data.cleaned ? `Left out ${errorTotal} observation(s) as probable data errors (${why}); add --raw to fit them too.` : `--raw: ${errorTotal} observation(s) flagged as probable data errors are included (${why}).`);
  }
  if (zero > 0) lines.push(`${zero} listing(s) priced at 0 (free or local tiers) were left out: a log fit needs prices above 0.`);
  lines.push(
    `Method: blended price = (${result.blend.input}·input + ${result.blend.output}·output)/${result.blend.input + result.blend.output} USD per M tokens; the cheapest listing in effect on the 1st of each month; ordinary least squares on ln(price). Dates are when LiteLLM’s price map changed, which can lag a vendor by weeks.`,
  );
  const table =
    result.series.length > 1
      ? {
          columns: ['Series', 'From', 'To', 'First $/M', 'Last $/M', '× cheaper/yr', 'Halving (months)', 'R²', 'n'],
          rows: result.series.map((s): Cell[] => [
            s.label,
            s.from,
            s.to,
            s.firstPrice === null ? null : fmtUsd(s.firstPrice),
            s.lastPrice === null ? null : fmtUsd(s.lastPrice),
            s.fit === null ? null : fmtFactorShort(s.fit.annualDeclineFactor),
            s.fit?.halvingMonths == null ? null : Number(s.fit.halvingMonths.toFixed(1)),
            s.fit?.r2 == null ? null : Number(s.fit.r2.toFixed(3)),
            s.points.length,
          ]),
        }
      : (() => {
          const steps = [...(main?.steps ?? [])].reverse();
          const { rows, caption } = capped(steps, 'price changes');
          return {
            columns: ['Date', 'Cheapest $/M (blended)', 'Listing'],
            rows: rows.map((p): Cell[] => [p.date, fmtUsd(p.price), `${p.provider} ${p.model}`]),
            ...(caption === undefined ? {} : { caption }),
          };
        })();
  const tierSources = result.series.flatMap((s) => (s.tier?.sourceUrl ? [{ title: `Tier threshold: ${s.tier.referenceModel ?? s.tier.name} (${s.tier.benchmark} ${s.tier.minScore})`, url: s.tier.sourceUrl }] : []));
  const published = data.raw.published.rows.map((r) => ({ title: `${r.source} (${r.published})`, url: r.url }));
  return {
    title,
    chartTitle: `价格走势 · ${title}`,
    headline,
    lines,
    table,
    citations: [...published, ...tierSources, LITELLM, PROVENANCE],
    data: {
      mode: result.mode,
      blend: formatRatio(result.blend),
      since: result.since ?? null,
      until: result.until,
      sampling: 'monthly (1st of each month) samples of the cheapest blended price in effect',
      series: result.series,
    },
  };
}
