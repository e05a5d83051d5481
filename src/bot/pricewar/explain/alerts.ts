/** /pricewar alerts in words: the count of cuts and rises, and a table of each change, newest first. */
import { formatAlert, type AlertsResult } from '../../../pricewar/alerts.js';
import { EXCLUSION_WORDS, type ExclusionKind } from '../../../pricewar/clean.js';
import { fmtCny, fmtPct, fmtShare, fmtUsd } from '../../../pricewar/format.js';
import { capped, LITELLM, PROVENANCE, type Cell, type Summary } from './summary.js';

export function explainAlerts(result: AlertsResult): Summary {
  const cuts = result.alerts.filter((a) => a.direction === 'cut').length;
  const headline =
    result.alerts.length === 0
      ? `No price changes of ${fmtShare(result.minChange, 0)} or more between ${result.since} and ${result.until}.`
      : `${result.alerts.length} price change(s) of ${fmtShare(result.minChange, 0)} or more between ${result.since} and ${result.until}: ${cuts} cut(s), ${result.alerts.length - cuts} rise(s), newest first.`;
  const { rows, caption } = capped(result.alerts, 'changes');
  const pair = (a: (typeof result.alerts)[number], i: number | null, o: number | null): string => {
    const f = a.currency === 'USD' ? (v: number | null) => fmtUsd(v) : (v: number | null) => fmtCny(v);
    return o === null ? f(i) : i === null ? f(o) : `${f(i)} / ${f(o)}`;
  };
  return {
    title: `Price changes since ${result.since}`,
    chartTitle: '价格变动 · Price changes',
    headline,
    lines: [
      ...exclusionLines(result),
      'Compared on the blended price (3·input + output)/4 where both are known. LiteLLM dates are when its price map changed (it can lag a vendor, and some changes are corrections); CNY rows come from the dated China price-war table.',
    ],
    table: {
      columns: ['Date', 'Provider', 'Model', 'Before (in / out)', 'After (in / out)', 'Change'],
      rows: rows.map((a): Cell[] => [
        a.date,
        a.provider,
        a.listings.length > 1 ? `${a.model} (${a.listings.length} ids)` : a.listings[0] ?? a.model,
        pair(a, a.oldInput, a.oldOutput),
        pair(a, a.newInput, a.newOutput),
        (a.madeFree ? 'made free' : a.wasFree ? 'no longer free' : fmtPct(a.changePct)) + (a.qualifier === undefined ? '' : ` (${a.qualifier})`),
      ]),
      ...(caption === undefined ? {} : { caption }),
    },
    citations: [LITELLM, PROVENANCE],
    data: { since: result.since, until: result.until, minChange: result.minChange, excluded: result.excluded, count: result.alerts.length, alerts: result.alerts, lines: result.alerts.slice(0, 50).map(formatAlert) },
  };
}

/**
 * The line about observations flagged as probable data errors: left out (and how to see them), or with
 * --raw included; undefined when there were none. `of` names what they belong to (" of these listings").
 */
export function dataErrorLine(dataErrors: Partial<Record<ExclusionKind, number>>, shown: boolean, of = '', shownCaveat = ''): string | undefined {
  const kinds = Object.entries(dataErrors) as [ExclusionKind, number][];
  const total = kinds.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return undefined;
  const why = kinds.map(([k, c]) => `${c} ${EXCLUSION_WORDS[k]}`).join(', ');
  return shown ? `--raw: ${total} observation(s)${of} flagged as probable data errors are included (${why})${shownCaveat}.` : `Left out ${total} observation(s)${of} as probable data errors (${why}); add --raw to see them.`;
}

/** What was left out of the alerts and why, in one or two lines (nothing when nothing was). */
export function exclusionLines(result: Pick<AlertsResult, 'excluded'>): string[] {
  const e = result.excluded;
  const lines: string[] = [];
  const errors = dataErrorLine(e.dataErrors, e.dataErrorsShown);
  if (errors !== undefined) lines.push(errors);
  if (e.nonChat > 0) lines.push(`Left out ${e.nonChat} change(s) of non-chat models (embedding, image, audio, moderation); add --non-chat to include them.`);
  if (e.offPeak > 0) lines.push(`${e.offPeak} off-peak discount(s) from the China table are not list-price changes and are not listed (see /pricewar cuts).`);
  return lines;
}
