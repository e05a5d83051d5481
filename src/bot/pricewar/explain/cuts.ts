/** /pricewar cuts in words: how many changes of which kind, what was made free, the deepest cuts. */
import { deepestInputCut, QUALIFIER_WORDS, type CutsResult, type PriceCut, type SideChange } from '../../../pricewar/cuts.js';
import { fmtCny, fmtPct } from '../../../pricewar/format.js';
import { capped, PROVENANCE, type Cell, type Summary } from './summary.js';

function sideText(s: SideChange): string | null {
  if (s.old === null && s.new === null) return null;
  if (s.old === null) return `→ ${fmtCny(s.new)}`;
  return `${fmtCny(s.old)} → ${fmtCny(s.new)}`;
}

function changeText(c: PriceCut): string {
  const qualifier = c.qualifier === undefined ? '' : ` — ${QUALIFIER_WORDS[c.qualifier].en} ${QUALIFIER_WORDS[c.qualifier].zh}`;
  return changeWords(c) + qualifier;
}

function changeWords(c: PriceCut): string {
  if (c.madeFree) return c.input.changePct === null && c.output.changePct === null ? 'made free' : 'made free (−100%)';
  const parts = [c.input.changePct === null ? null : `in ${fmtPct(c.input.changePct)}`, c.output.changePct === null ? null : `out ${fmtPct(c.output.changePct)}`].filter((x) => x !== null);
  return parts.length > 0 ? parts.join(', ') : c.kind;
}

export function explainCuts(result: CutsResult): Summary {
  const s = result.summary;
  const range = result.from || result.to ? ` (${result.from ?? 'start'} → ${result.to ?? 'end'})` : '';
  const free = result.cuts.filter((c) => c.madeFree);
  const deepest = s.deepestInputCut;
  const headline =
    result.cuts.length === 0
      ? `No recorded price changes${range}${result.provider ? ` for ${result.provider}` : ''}.`
      : `${s.rows} dated price change(s) from ${s.vendors.length} vendor(s)${range}: ${s.cuts} cut(s), ${s.madeFree} made free, ${s.rises} rise(s), ${s.launches} launch price(s)${s.offPeak + s.promotionEnds > 0 ? `, ${s.offPeak} off-peak discount(s), ${s.promotionEnds} promotion end(s)` : ''}.`;
  const lines: string[] = [];
  if (free.length > 0) lines.push(`Made free: ${free.slice(0, 6).map((c) => `${c.model} (${c.providerZh}, ${c.date})`).join('; ')}${free.length > 6 ? `; and ${free.length - 6} more` : ''}.`);
  if (deepest !== undefined && deepest.input.changePct !== null && !deepest.madeFree) {
    lines.push(`Deepest input cut with both prices known: ${deepest.model} (${deepest.providerZh}) ${fmtCny(deepest.input.old)} → ${fmtCny(deepest.input.new)} per M input tokens, ${fmtPct(deepest.input.changePct)} on ${deepest.date}.`);
  }
  const deepestPaid = deepestInputCut(result.cuts.filter((c) => (c.qualifier === undefined || c.qualifier === 'cache-hit') && !c.madeFree && c.input.changePct !== null && c.input.changePct < 0));
  if (deepestPaid !== undefined && deepestPaid !== deepest) {
    lines.push(`Deepest cut to a price above zero: ${deepestPaid.model} (${deepestPaid.providerZh}) ${fmtCny(deepestPaid.input.old)} → ${fmtCny(deepestPaid.input.new)}, ${fmtPct(deepestPaid.input.changePct)} on ${deepestPaid.date}.`);
  }
  const qualified = result.cuts.filter((c) => c.qualifier === 'off-peak' || c.qualifier === 'promotion-end').length;
  if (qualified > 0) lines.push(`${qualified} row(s) are an off-peak discount or the end of a promotional price: marked as such, not counted as list-price cuts or rises.`);
  lines.push('Prices in CNY (¥) per million tokens; an empty cell means no source gave the number. Confidence is the data file’s grade of its sources; a date like 2024-09 is known to the month only.');
  const { rows, caption } = capped(result.cuts, 'rows');
  const urls = [...new Set(result.cuts.flatMap((c) => c.sources.map((u) => u.split(' ')[0] as string)))];
  return {
    title: `China’s ${result.span} LLM API price war${range}`,
    chartTitle: `${result.span} 中国大模型降价潮 · China's LLM price war`,
    headline,
    lines,
    table: {
      columns: ['Date', 'Vendor 厂商', 'Model', 'Input ¥/M', 'Output ¥/M', 'Change', 'Confidence'],
      rows: rows.map((c): Cell[] => [c.date, c.providerZh, c.model, sideText(c.input), sideText(c.output), changeText(c), c.confidence]),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [...urls.slice(0, 6).map((url) => ({ title: url.replace(/^https?:\/\//, '').split('/')[0] as string, url })), PROVENANCE],
    data: { currency: result.currency, unit: result.unit, from: result.from ?? null, to: result.to ?? null, provider: result.provider ?? null, summary: { ...s, deepestInputCut: s.deepestInputCut ?? null }, cuts: result.cuts },
  };
}
