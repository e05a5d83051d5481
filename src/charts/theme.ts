// Default look of every chart the bot posts, and the text-width model Vega
// uses to lay it out. Kept apart from the renderer so that the numbers that
// decide how a chart *looks* can be tuned without touching the pipeline.

import * as vega from 'vega';
import type { Config } from 'vega-lite';

/**
 * Vega-Lite config merged under every spec (the spec's own `config` wins).
 * Sizes are chosen for a chat client: the picture is usually shown at
 * 360–550 px wide, so labels must stay legible after being scaled down.
 */
export function defaultTheme(fontFamily: string, background: string): Config {
  return {
    font: fontFamily,
    background,
    padding: 12,
    // The plot area; axes, legend and padding bring the whole image to ~720 px.
    // Discrete x axes get the same fixed width (Vega-Lite's default is 20 px
    // per category, which makes a 3-month line chart 100 px wide); discrete y
    // axes (horizontal bars) grow with the number of rows instead.
    view: {
      continuousWidth: 580,
      continuousHeight: 300,
      discreteWidth: 580,
      discreteHeight: { step: 24 },
      stroke: '#dddddd',
    },
    // Only the Regular face is bundled (one 10 MB file, see font.ts); asking
    // for bold would silently render regular anyway, so say what we get.
    title: {
      fontSize: 18,
      fontWeight: 'normal',
      color: '#1a1a1a',
      anchor: 'start',
      offset: 12,
      subtitleFontSize: 13,
      subtitleColor: '#555555',
    },
    axis: {
      labelFontSize: 12,
      titleFontSize: 13,
      titleFontWeight: 'normal',
      labelColor: '#333333',
      titleColor: '#333333',
      domainColor: '#888888',
      tickColor: '#888888',
      gridColor: '#e8e8e8',
      titlePadding: 8,
    },
    legend: {
      labelFontSize: 12,
      titleFontSize: 13,
      titleFontWeight: 'normal',
      labelColor: '#333333',
      titleColor: '#333333',
      labelLimit: 260,
    },
    header: { labelFontSize: 13, titleFontSize: 14, titleFontWeight: 'normal' },
    line: { strokeWidth: 2.5 },
    point: { size: 50, filled: true },
    text: { fontSize: 12 },
  };
}

/** Deep merge of plain objects; arrays and scalars from `over` replace `base`. */
export function mergeConfig<T extends object>(base: T, over: object | undefined): T {
  if (!over) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeConfig(prev, value) : value;
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// --- text metrics ---------------------------------------------------------
//
// Without node-canvas Vega guesses every string as 0.8 em per character. For
// Chinese that is 20 % too narrow (ideographs are 1 em) and for Latin text it
// is ~40 % too wide, so axis titles end up far from or on top of labels and
// legends get clipped. We replace the guess with the real advance widths of
// the bundled font: ASCII widths below were read from the hmtx table of
// NotoSansSC_400Regular.ttf (per mille of an em, code points 32..126); all CJK
// ideographs and full-width forms in that font are exactly 1 em.

const ASCII_ADVANCE = [
  224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555,
  555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589, 552, 689,
  728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338,
  392, 338, 555, 559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606,
  620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
];

/** Width of `text` in em units for the bundled font (approximate outside ASCII/CJK). */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 32 && cp <= 126) em += (ASCII_ADVANCE[cp - 32] ?? 555) / 1000;
    else if (isWide(cp)) em += 1;
    else em += 0.6; // Latin-1 accents, Greek, symbols: close to an average Latin glyph
  }
  return em;
}

// East Asian wide ranges: CJK symbols & punctuation, kana, CJK ideographs
// (+ extension A and compatibility), Hangul, full-width forms.
function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

interface TextItem {
  fontSize?: number | string;
  limit?: number;
}

let metricsInstalled = false;

/**
 * Points Vega's (process-global) text measurement at `textWidthEm`. Vega
 * documents this hook for exactly this purpose (vl-convert does the same).
 * It is called with raw, untruncated text, both for bounds and from inside
 * Vega's own truncation search, so it must not truncate itself; clamping to
 * `limit` keeps the bounds of truncated labels right.
 */
export function installTextMetrics(): void {
  if (metricsInstalled) return;
  const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  if (!metrics) return; // a future Vega without the hook: fall back to its estimate
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const str = text == null ? '' : String(text).trim();
    const w = textWidthEm(str) * size;
    return item.limit != null && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
  metricsInstalled = true;
}
