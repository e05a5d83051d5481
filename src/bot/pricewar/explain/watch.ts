/** /pricewar watch in words: what a channel now watches, its list, and the notification a sync posts. */
import { fmtUsd } from '../../../pricewar/format.js';
import type { Watch, WatchNotice } from '../../../pricewar/store.js';
import type { WatchChange } from '../../../pricewar/watch.js';
import type { Cell, Summary } from './summary.js';

const pair = (i: number | null, o: number | null): string => `${fmtUsd(i)} / ${fmtUsd(o)}`;
const pct = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

export interface WatchAdded {
  readonly query: string;
  readonly current: { readonly listing: string; readonly date: string; readonly input: number | null; readonly output: number | null } | undefined;
}

export function explainWatchAdded(added: readonly WatchAdded[], below: number | undefined, change: number | undefined): Summary {
  const rule = [below === undefined ? null : `falls below ${fmtUsd(below)} (blended)`, change === undefined ? null : `moves by ${pct(change)} or more`].filter((x) => x !== null);
  return {
    title: 'Price watch',
    headline: `This channel now watches ${added.map((a) => a.query).join(', ')}.`,
    lines: [
      `The bot posts here after a price sync when the price ${rule.length > 0 ? rule.join(' or ') : 'moves by 10% or more (blended)'}; probable data errors never notify.`,
      ...added.map((a) => `${a.query}: now ${a.current === undefined ? 'no price' : `${pair(a.current.input, a.current.output)} per M tokens (${a.current.listing}, since ${a.current.date})`}`),
      'List: /pricewar watch list · stop: /pricewar unwatch <model>',
    ],
    citations: [],
    data: { watching: added.map((a) => a.query), below: below ?? null, change: change ?? null },
  };
}

export function explainWatchList(watches: readonly { watch: Watch; notice: WatchNotice | undefined }[]): Summary {
  if (watches.length === 0) return { title: 'Watched prices', headline: 'This channel watches no prices. Start with /pricewar watch gpt-4o --change 10%.', lines: [], citations: [], data: { watches: [] } };
  return {
    title: 'Watched prices',
    headline: `This channel watches ${watches.length} model(s).`,
    lines: [],
    table: {
      columns: ['Model', 'Below', 'Change', 'Last notified price', 'Since'],
      rows: watches.map(({ watch: w, notice: n }): Cell[] => [
        w.model,
        w.below === null ? '–' : fmtUsd(w.below),
        w.minChange === null ? (w.below === null ? '10%' : '–') : pct(w.minChange),
        n === undefined ? '–' : pair(n.input, n.output),
        n?.date ?? '–',
      ]),
    },
    citations: [],
    data: { watches: watches.map((w) => w.watch) },
  };
}

export function explainUnwatch(removed: readonly string[], missing: readonly string[]): Summary {
  const headline = [removed.length > 0 ? `Stopped watching ${removed.join(', ')} here.` : '', missing.length > 0 ? `Not watched here: ${missing.join(', ')}.` : ''].filter((s) => s !== '').join(' ');
  return { title: 'Price watch', headline, lines: [], citations: [], data: { removed, missing } };
}

export function explainWatchNotice(changes: readonly WatchChange[]): Summary {
  const first = changes[0] as WatchChange;
  return {
    title: 'Watched price change',
    chartTitle: '价格变动提醒 · Watched price change',
    headline: changes.length === 1 ? `Price change: ${first.model} ${first.reason}.` : `Price changes for ${changes.length} watched models.`,
    lines: [
      ...changes.map((c) => `${c.model}: ${pair(c.before.input, c.before.output)} → ${pair(c.after.input, c.after.output)} per M tokens (${c.reason}; ${c.after.listing}, feed ${c.feed}, ${c.before.date} → ${c.after.date})`),
      'Stop: /pricewar unwatch <model>',
    ],
    citations: [],
    data: { changes },
  };
}
