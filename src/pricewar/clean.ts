/**
 * Cleaning a price series before it is analysed. Price maps are edited by
 * hand, and their history carries typos that are fixed days later; read as
 * price changes they become "+162 %" alerts and one-day spikes in a trend.
 * A change is a probable data error, left out of alerts and fits (and
 * shown with --raw), when:
 *  - it reverts: the price goes back to the one before within REVERT_DAYS
 *    (the blip and its revert are both left out);
 *  - input and output move inconsistently by an order of magnitude: one
 *    side ×10 or ÷10 while the other stays (within ×1.5) or moves the other
 *    way — a unit slip on one side, or its correction (the older of the two
 *    prices is the one left out when it is the listing's first);
 *  - one side drops to 0 while the other keeps a price: a missing value
 *    written as 0, not a free model.
 * And a listing whose mode is not chat (embedding, image, audio,
 * moderation, rerank) is left out of chat comparisons unless asked for.
 */
import type { Observation } from './prices.js';

export const REVERT_DAYS = 7;
const ORDER_OF_MAGNITUDE = 1; // log10
const STAYS = Math.log10(1.5);

export type ExclusionKind = 'revert' | 'inconsistent' | 'one-side-zero';

export const EXCLUSION_WORDS: Record<ExclusionKind, string> = {
  revert: `reverted within ${REVERT_DAYS} days`,
  inconsistent: 'input and output moved inconsistently by an order of magnitude',
  'one-side-zero': 'one side dropped to $0 while the other kept its price',
};

export interface ExcludedObservation {
  readonly key: string;
  readonly date: string;
  readonly kind: ExclusionKind;
  readonly input: number | null;
  readonly output: number | null;
}

const ratio = (a: number | null, b: number | null): number | undefined => (a === null || b === null || a <= 0 || b <= 0 ? undefined : Math.log10(b / a));
const same = (a: Observation, b: Observation): boolean => a.input === b.input && a.output === b.output;

/** Is the move from `a` to `b` one side by ×10+ while the other holds or goes the other way? */
function inconsistent(a: Observation, b: Observation): boolean {
  const ri = ratio(a.input, b.input);
  const ro = ratio(a.output, b.output);
  if (ri === undefined || ro === undefined) return false;
  const big = Math.abs(ri) >= ORDER_OF_MAGNITUDE ? [ri, ro] : Math.abs(ro) >= ORDER_OF_MAGNITUDE ? [ro, ri] : undefined;
  if (big === undefined) return false;
  const [large, other] = big as [number, number];
  return Math.abs(other) < STAYS || Math.sign(other) !== Math.sign(large);
}

function oneSideZero(a: Observation, b: Observation): boolean {
  const zeroed = (x: number | null, y: number | null): boolean => x !== null && x > 0 && y === 0;
  return (zeroed(a.output, b.output) && b.input !== null && b.input > 0 && a.input === b.input) || (zeroed(a.input, b.input) && b.output !== null && b.output > 0 && a.output === b.output);
}

/** Split a listing's observations (sorted by day) into the kept ones and the probable data errors. */
export function cleanSeries(key: string, observations: readonly Observation[]): { kept: Observation[]; excluded: ExcludedObservation[] } {
  const drop = new Map<number, ExclusionKind>();
  const obs = observations;
  for (let i = 1; i < obs.length; i++) {
    if (drop.has(i)) continue;
    const prev = obs[i - 1] as Observation;
    const cur = obs[i] as Observation;
    const next = obs[i + 1];
    if (same(prev, cur)) continue;
    if (next !== undefined && next.day - cur.day <= REVERT_DAYS && same(prev, next)) {
      drop.set(i, 'revert');
      drop.set(i + 1, 'revert');
      continue;
    }
    if (inconsistent(prev, cur)) {
      // A first price that the next row corrects is the error; later, the change itself is left out.
      if (i === 1) drop.set(0, 'inconsistent');
      else drop.set(i, 'inconsistent');
      continue;
    }
    if (oneSideZero(prev, cur)) drop.set(i, 'one-side-zero');
  }
  if (drop.size === 0) return { kept: [...obs], excluded: [] };
  const kept: Observation[] = [];
  const excluded: ExcludedObservation[] = [];
  obs.forEach((o, i) => {
    const kind = drop.get(i);
    if (kind === undefined) kept.push(o);
    else excluded.push({ key, date: o.date, kind, input: o.input, output: o.output });
  });
  // A dropped one-side-zero row may leave a later row equal to the kept one before it: merge them.
  const merged = kept.filter((o, i) => i === 0 || !same(kept[i - 1] as Observation, o));
  return { kept: merged, excluded };
}

const NON_CHAT_MODES = new Set(['embedding', 'image_generation', 'audio_transcription', 'audio_speech', 'moderation', 'moderations', 'rerank', 'image_edit', 'video_generation', 'ocr', 'search']);
const NON_CHAT_NAME = /(embed|whisper|(^|[/-])tts|dall-e|moderation|rerank|transcri|speech|imagen|image-gen|stable-diffusion|sora)/i;

/** Is a listing a chat (text generation) model, by its feed's mode or, without one, by its name? */
export function isChatModel(model: string, mode: string | null | undefined): boolean {
  if (mode !== null && mode !== undefined && mode !== '') return !NON_CHAT_MODES.has(mode.toLowerCase());
  return !NON_CHAT_NAME.test(model);
}

/** Counts by reason, for the reply line "N observations left out: …". */
export function exclusionCounts(excluded: readonly ExcludedObservation[]): Partial<Record<ExclusionKind, number>> {
  const counts: Partial<Record<ExclusionKind, number>> = {};
  for (const e of excluded) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return counts;
}
