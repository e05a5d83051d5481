// Vega-Lite spec → SVG (vega, headless) → PNG (resvg), for charts posted in
// chat. Knows nothing about chat: callers build a spec with inline data and
// upload the PNG however their platform wants.
//
// Cost model (measured on 2 cores): SVG ~15–20 ms. resvg-js 2.6 takes fonts
// only as files and reads the face's data again for every text chunk, which
// with the whole 10.5 MB CJK font made a chart cost 250–800 ms; so each chart
// is drawn with a subset of the font holding only the characters its SVG
// contains (./subset.ts, issue #15), which brings the PNG to tens of ms. PNG
// rendering runs on libuv's thread pool (`renderAsync`) to keep the event
// loop responsive.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { renderAsync } from '@resvg/resvg-js';
import { cjkFont } from './font.js';
import { SubsetFiles } from './subset.js';
import { defaultTheme, installTextMetrics, mergeConfig } from './theme.js';

export { cjkFont } from './font.js';
export { textWidthEm } from './theme.js';

export interface RenderedChart {
  png: Buffer;
  svg: string;
  /** PNG size in pixels (SVG size × scale). */
  width: number;
  height: number;
  /** Font family the SVG text asks for and resvg rendered it with. */
  fontFamily: string;
  /** Vega-Lite/Vega warnings (e.g. dropped encodings); the chart still rendered. */
  warnings: string[];
}

export interface RenderOptions {
  /** Pixel ratio of the PNG; 1 → ~720 px wide with the default theme, 2 for retina. */
  scale?: number;
  /** CSS colour; default white, since chat clients in dark mode would show a transparent chart as black on black. */
  background?: string;
}

const DEFAULT_BACKGROUND = '#ffffff';

let subsets: SubsetFiles | undefined;
const MAX_SCALE = 8;

/**
 * Render a Vega-Lite spec to SVG and PNG with the bundled CJK font and the
 * default theme (the spec's own `config` overrides the theme key by key).
 * Data must be inline (`data.values`): loading URLs or files is refused, so a
 * spec built from user or LLM input cannot make the bot fetch anything.
 */
export async function renderChart(spec: TopLevelSpec, opts: RenderOptions = {}): Promise<RenderedChart> {
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new RangeError(`renderChart: scale must be in (0, ${MAX_SCALE}], got ${scale}`);
  }
  const font = cjkFont();
  const background =
    opts.background ?? (typeof spec.background === 'string' ? spec.background : undefined) ?? DEFAULT_BACKGROUND;
  const warnings: string[] = [];

  const svg = await specToSvg(spec, font.family, background, warnings);

  subsets ??= new SubsetFiles(font.file);
  const subset = subsets.acquire(svg);
  const image = await renderAsync(svg, {
    background,
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: {
      fontFiles: [subset.path],
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      // Generic families (a spec saying `font: "sans-serif"`) must still land on our font.
      sansSerifFamily: font.family,
      serifFamily: font.family,
      monospaceFamily: font.family,
    },
    logLevel: 'off',
  }).finally(subset.release);
  return {
    png: image.asPng(),
    svg,
    width: image.width,
    height: image.height,
    fontFamily: font.family,
    warnings,
  };
}

async function specToSvg(spec: TopLevelSpec, fontFamily: string, background: string, warnings: string[]): Promise<string> {
  installTextMetrics();
  const errors: string[] = [];
  const logger = new CollectingLogger(warnings, errors);
  const themed = {
    ...spec,
    background,
    config: mergeConfig(defaultTheme(fontFamily, background), spec.config),
  } as TopLevelSpec;

  let vgSpec;
  try {
    vgSpec = compile(themed, { logger }).spec;
  } catch (err) {
    throw new Error(`renderChart: invalid Vega-Lite spec: ${(err as Error).message}`, { cause: err });
  }

  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: offlineLoader(errors), logger });
  try {
    const svg = await view.toSVG();
    // Vega reports failed data loads (as mere warnings) and runtime errors
    // through the logger and carries on with empty data; a blank chart would
    // be a silent lie in a channel, so surface them.
    if (errors.length > 0) throw new Error(`renderChart: ${errors.join('; ')}`);
    return svg;
  } finally {
    view.finalize(); // drops timers and listeners the headless view registered
  }
}

function offlineLoader(errors: string[]): vega.Loader {
  const loader = vega.loader();
  loader.sanitize = (uri: string) => {
    const message = `external data is not allowed (${uri}); pass rows inline as data.values`;
    errors.push(message);
    return Promise.reject(new Error(message));
  };
  return loader;
}

/** vega-util's LoggerInterface, collecting instead of printing to the console. */
class CollectingLogger {
  private lvl = 2; // Warn: Info/Debug are noise for a bot
  constructor(
    private readonly sink: string[],
    private readonly errors: string[],
  ) {}
  level(): number;
  level(l: number): this;
  level(l?: number): number | this {
    if (l === undefined) return this.lvl;
    this.lvl = l;
    return this;
  }
  error(...args: unknown[]): this {
    if (this.lvl >= 1) this.errors.push(args.map(describe).join(' '));
    return this;
  }
  warn(...args: unknown[]): this {
    if (this.lvl >= 2) this.sink.push(args.map(describe).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

function describe(x: unknown): string {
  return x instanceof Error ? x.message : String(x);
}
