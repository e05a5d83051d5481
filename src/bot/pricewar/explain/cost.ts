/** /pricewar cost in words: the verdict, the check against a preset's published figures, and how the verdict moves with utilisation. */
import { THIN_MARGIN, type CostResult } from '../../../pricewar/cost.js';
import type { CostPreset, PresetLookup } from '../../../pricewar/cost-presets.js';
import { fmtPct, fmtShare, fmtTokens, fmtUsd } from '../../../pricewar/format.js';
import { PROVENANCE, type Cell, type Summary } from './summary.js';

function check(label: string, published: number | undefined, ours: number, format: (v: number) => string, tolerance = 0.005): string | null {
  if (published === undefined) return null;
  const close = Math.abs(ours - published) <= Math.max(tolerance, Math.abs(published) * 1e-9);
  const diff = ((ours - published) / published) * 100;
  return `${label}: published ${format(published)}, ours ${format(ours)} ${close ? '✓ (same to the cent)' : `(${fmtPct(diff, 3)})`}`;
}

export function explainCost(result: CostResult, preset: CostPreset | undefined): Summary {
  const r = result;
  const i = r.inputs;
  const usd = (v: number): string => fmtUsd(v);
  const headline =
    r.verdict === null
      ? `Serving costs ${fmtUsd(r.costPerMillionTokens)} per million tokens at ${fmtShare(i.utilization, 0)} utilisation (${fmtUsd(r.costPerDay)}/day of GPU rent for ${fmtTokens(r.tokensPerDay)} tokens/day). Give --price for a verdict.`
      : `Verdict: ${r.verdict}. At ${fmtShare(i.utilization, 0)} utilisation, ${fmtUsd(r.effectivePricePerMillion)} per M tokens earns ${usd(r.revenuePerDay as number)}/day against ${usd(r.costPerDay)}/day of GPU rent: margin ${usd(r.marginPerDay as number)}/day (${fmtPct((r.grossMargin as number) * 100)} of revenue, ${fmtPct((r.markupOnCost as number) * 100)} on cost).`;
  const lines: string[] = [
    `Cost per million tokens: ${fmtUsd(r.costPerMillionTokens)}${r.breakEvenUtilization === null ? '' : `; break-even utilisation ${r.breakEvenUtilization > 1 ? `${fmtShare(r.breakEvenUtilization, 0)} (impossible: below cost even at full load)` : fmtShare(r.breakEvenUtilization)}`}.`,
  ];
  if (preset?.published !== undefined) {
    const p = preset.published;
    const checks = [
      check('Revenue/day', p.revenuePerDay, r.revenuePerDay ?? Number.NaN, (v) => fmtUsd(v)),
      check('GPU cost/day', p.costPerDay, r.costPerDay, (v) => fmtUsd(v)),
    ].filter((x): x is string => x !== null);
    if (p.markupOnCost !== undefined && p.revenuePerDay !== undefined && p.costPerDay !== undefined) {
      const fromPublished = (p.revenuePerDay - p.costPerDay) / p.costPerDay;
      checks.push(`Profit on cost: published ${fmtShare(p.markupOnCost, 0)}; from the published figures (${fmtUsd(p.revenuePerDay)} − ${fmtUsd(p.costPerDay)}) / ${fmtUsd(p.costPerDay)} = ${fmtShare(fromPublished)}; ours ${fmtShare(r.markupOnCost ?? Number.NaN)}`);
    }
    lines.push(`Check against the published calculation: ${checks.join('; ')}.`);
  }
  if (preset !== undefined) lines.push(`Inputs (${preset.id}): ${preset.derivation.join('; ')}.`);
  else lines.push(`Inputs: ${i.gpus} GPU(s) at ${fmtUsd(i.gpuHourly)}/GPU-hour, ${fmtTokens(i.tokensPerSecond)} tokens/s at full load, input:output ${Number(i.inputPerOutput.toFixed(3))}:1, utilisation ${fmtShare(i.utilization)}.`);
  const bands = verdictBands(r);
  if (bands !== undefined) lines.push(`How the verdict moves with utilisation: ${bands}.`);
  lines.push(`GPU rent is only part of the cost (staff, networking, storage, research and spare capacity come on top); "thin" means a gross margin on GPU rent below ${fmtShare(THIN_MARGIN, 0)}.`);
  for (const c of preset?.caveats ?? []) lines.push(`Caveat: ${c}`);
  const shown = r.sensitivity.filter((s) => Math.abs(s.utilization * 10 - Math.round(s.utilization * 10)) < 1e-9 || s.utilization === i.utilization);
  return {
    title: `Serving unit economics${preset ? `: ${preset.title}` : ''}`,
    chartTitle: '服务成本与利用率 · Serving cost vs utilisation',
    headline,
    lines,
    table: {
      columns: ['Utilisation', 'Cost $/M tokens', 'Margin $/day', 'Verdict'],
      rows: shown.map((s): Cell[] => [fmtShare(s.utilization, 0), fmtUsd(s.costPerMillionTokens), s.marginPerDay === null ? null : fmtUsd(s.marginPerDay), s.verdict]),
    },
    citations: [...(preset?.sources ?? []), PROVENANCE],
    data: { preset: preset === undefined ? null : { id: preset.id, title: preset.title, published: preset.published ?? null, derivation: preset.derivation, caveats: preset.caveats }, ...r },
  };
}

const band = (b: { verdict: string; from: number; to: number }): string => `${b.verdict} ${b.from === b.to ? fmtShare(b.from, 0) : `${fmtShare(b.from, 0)}–${fmtShare(b.to, 0)}`}`;

function verdictBands(r: CostResult): string | undefined {
  if (r.verdict === null) return undefined;
  const parts: string[] = [];
  let current: { verdict: string; from: number; to: number } | undefined;
  for (const s of r.sensitivity) {
    if (current !== undefined && current.verdict === s.verdict) current.to = s.utilization;
    else {
      if (current !== undefined) parts.push(band(current));
      current = { verdict: s.verdict as string, from: s.utilization, to: s.utilization };
    }
  }
  if (current !== undefined) parts.push(band(current));
  return parts.join(', ');
}

export function explainPresets(list: readonly PresetLookup[]): Summary {
  return {
    title: 'Cost presets',
    headline: `${list.filter((p) => p.ok).length} preset(s) built from serving_cost_inputs.csv; use /pricewar cost --preset <id>, and override any input with its flag.`,
    lines: list.filter((p) => !p.ok).map((p) => (p.ok ? '' : `${p.id} is unavailable: ${p.reason}.`)),
    table: { columns: ['Preset', 'What'], rows: list.map((p): Cell[] => (p.ok ? [p.preset.id, p.preset.title] : [p.id, `${p.title} (unavailable)`])) },
    citations: [PROVENANCE],
    data: { presets: list.map((p) => (p.ok ? { id: p.preset.id, title: p.preset.title, inputs: p.preset.inputs, published: p.preset.published ?? null } : { id: p.id, title: p.title, unavailable: p.reason })) },
  };
}
