// An interactive chart from a reply's Vega-Lite spec: tooltips on every mark, zoom and pan on continuous axes.

const FONT = 'system-ui, "PingFang SC", "Noto Sans SC", "pwbot CJK", sans-serif';

/** Every single-view unit of a spec (the spec itself, or its layers, recursively). */
function units(spec) {
  return Array.isArray(spec.layer) ? spec.layer.flatMap(units) : spec.mark === undefined ? [] : [spec];
}

const TOOLTIP = { content: 'encoding' };
const markType = (unit) => (typeof unit.mark === 'string' ? unit.mark : unit.mark.type);

/**
 * The spec made interactive, the original untouched: tooltips naming the
 * encoded fields under their axis titles (date, model, provider, price) on
 * bars, points and areas (a line's tooltip would name one arbitrary point, so
 * a line without points gets invisible points to hover), and zoom/pan bound
 * to the scales where x and y are both continuous. Vega-Lite makes a mark
 * hoverable only when its own definition asks for a tooltip, so it is set per
 * mark, not in the config.
 */
export function interactive(spec) {
  const copy = structuredClone(spec);
  // The page's fonts (CJK included) rather than vega's bare sans-serif, which may have no Chinese glyphs.
  copy.config = { font: FONT, ...(copy.config ?? {}) };
  const all = units(copy);
  const hasPoints = all.some((u) => ['point', 'circle', 'square'].includes(markType(u)));
  for (const unit of all) {
    const mark = typeof unit.mark === 'string' ? { type: unit.mark } : { ...unit.mark };
    if (mark.type === 'line' || mark.type === 'trail') {
      if (!hasPoints && mark.point === undefined) {
        mark.point = { opacity: 0, size: 80 };
        mark.tooltip ??= TOOLTIP;
      }
    } else if (mark.type !== 'text' && mark.type !== 'rule') {
      mark.tooltip ??= TOOLTIP;
    }
    unit.mark = mark;
  }
  const view = all[0];
  const enc = view?.encoding ?? {};
  const continuous = (ch) => ch !== undefined && (ch.type === 'quantitative' || ch.type === 'temporal');
  if (view !== undefined && view.params === undefined && continuous(enc.x) && continuous(enc.y)) {
    view.params = [{ name: 'zoom', select: 'interval', bind: 'scales' }];
  }
  return copy;
}

const CJK = /[\u3000-\u9fff]/;

const OPTIONS = { actions: false, renderer: 'svg', ast: true, tooltip: { theme: 'light' } };

/** Load a classic script once (the vendored UMD builds set globals); the CSP allows this origin's scripts. */
function script(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.onload = resolve;
    el.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(el);
  });
}

let vegaLoaded;
/** vega, vega-lite and vega-embed (≈ 830 kB) load with the first chart, not with the page: the chat paints first. */
function loadVega() {
  // The CSP forbids eval: vega evaluates expressions with its AST interpreter, which needs the global vega first.
  vegaLoaded ??= script('/vendor/vega.js')
    .then(() => script('/vendor/vega-lite.js'))
    .then(() => script('/vendor/vega-embed.js'))
    .then(() => import('/vendor/vega-interpreter.js'))
    .then(({ expressionInterpreter }) => ({ ...OPTIONS, expr: expressionInterpreter }));
  return vegaLoaded;
}

/** Draw `spec` into `element`; falls back to the spec as given when the interactive additions do not fit it. */
export async function drawChart(element, spec) {
  const options = await loadVega();
  // Vega measures and draws text once: have the CJK font ready first, or Chinese labels stay boxes where the system has no CJK font.
  if (CJK.test(JSON.stringify(spec))) await document.fonts.load('12px "pwbot CJK"', '价').catch(() => undefined);
  try {
    return await globalThis.vegaEmbed(element, interactive(spec), options);
  } catch {
    return globalThis.vegaEmbed(element, structuredClone(spec), options);
  }
}
