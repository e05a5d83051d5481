/**
 * The published headline figures (Epoch AI, a16z; see knowledge/data/SOURCES.md)
 * and how one of our fitted declines relates to them, in words.
 */
import type { PriceData } from './data.js';
import { fmtFactorShort as fmtFactor } from './format.js';
import type { PublishedTrendRow } from './schemas.js';

export interface PublishedComparison {
  readonly source: string;
  readonly published: string;
  readonly factorLow: number;
  readonly factorHigh: number;
  readonly measure: string;
  readonly url: string;
  /** below | within | above the published range (a point figure counts as within ±25 %). */
  readonly relation: 'below' | 'within' | 'above';
  readonly sentence: string;
}

// A single published figure such as "about 10×/yr" is itself rounded; within a quarter of it counts as agreeing.
const POINT_TOLERANCE = 0.25;

export function comparePublished(data: PriceData, factor: number): PublishedComparison[] {
  return data.raw.published.rows.map((row) => relate(row, factor));
}

function relate(row: PublishedTrendRow, factor: number): PublishedComparison {
  const point = row.factor_low === row.factor_high;
  const low = point ? row.factor_low * (1 - POINT_TOLERANCE) : row.factor_low;
  const high = point ? row.factor_high * (1 + POINT_TOLERANCE) : row.factor_high;
  const relation = factor < low ? 'below' : factor > high ? 'above' : 'within';
  const theirs = point ? `~${fmtFactor(row.factor_low)}/yr` : `${fmtFactor(row.factor_low)}–${fmtFactor(row.factor_high)}/yr`;
  const ours = `${fmtFactor(factor)}/yr`;
  const verb =
    relation === 'within'
      ? point
        ? 'in line with'
        : 'within'
      : relation === 'below'
        ? point
          ? 'slower than'
          : 'below'
        : point
          ? 'faster than'
          : 'above';
  const sentence =
    factor < 1
      ? `prices rose ${fmtFactor(1 / factor)}/yr, the opposite of the ${theirs} decline ${row.source} reports`
      : `${ours} is ${verb} ${row.source}'s ${theirs}`;
  return {
    source: row.source,
    published: row.published,
    factorLow: row.factor_low,
    factorHigh: row.factor_high,
    measure: row.measure,
    url: row.url,
    relation,
    sentence,
  };
}
