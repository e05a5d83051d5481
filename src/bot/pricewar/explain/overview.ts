/** /pricewar with no subcommand: what data is loaded, and what each subcommand answers. */
import type { PriceData } from '../../../pricewar/data.js';
import { dayToIso } from '../../../pricewar/dates.js';
import { PROVENANCE, type Summary } from './summary.js';

export function explainOverview(data: PriceData): Summary {
  const t = data.raw;
  return {
    title: '/pricewar: the LLM API price war in numbers',
    headline: `Loaded ${t.history.rows.length.toLocaleString('en-US')} price-history ${data.origin === 'store' ? 'change points from the SQLite store' : 'rows'} (${data.listings.size.toLocaleString('en-US')} listings, ${dayToIso(data.firstDay)} → ${dayToIso(data.lastDay)}), ${t.cuts.rows.length} dated Chinese price changes and ${t.serving.rows.length} serving-cost figures${t.userDir ? ` (your files from ${t.userDir} where present)` : ''}.`,
    lines: [
      'trend: how fast prices fall (decline per year, halving time, R²) for a model or a capability tier',
      'cuts: who cut what when in China’s 2024–2025 price war',
      'cost: serving cost per million tokens, margin and verdict (presets: --preset list)',
      'compare: current prices side by side',
      'simulate: a price-war model with cash and capacity',
      'alerts: price changes since a date',
      'sources / sync: the live price feeds (OpenRouter, LiteLLM) and when they last synced; sync is for admins',
      'watch: post in this channel when a model’s price changes',
      'Type /help pricewar trend (or any subcommand) for its options.',
    ].map((l) => `• ${l}`),
    citations: [PROVENANCE],
    data: {
      files: [t.history, t.latest, t.cuts, t.serving, t.scores, t.tiers, t.published].map((x) => ({ file: x.file, origin: x.origin, rows: x.rows.length, records: x.records, issues: x.issues.length })),
    },
  };
}
