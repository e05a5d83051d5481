// An interactive chart from a reply's Vega-Lite spec: tooltips on every mark, zoom and pan on continuous axes.
import { expressionInterpreter } from '/vendor/vega-interpreter.js';

/** The spec with data tooltips and scale-bound zoom added where the spec has none; the original is untouched. */
export function interactive(spec) {
  const copy = structuredClone(spec);
  copy.config = { ...(copy.config ?? {}), mark: { tooltip: { content: 'data' }, ...(copy.config?.mark ?? {}) } };
  const view = Array.isArray(copy.layer) ? copy.layer[0] : copy;
  const enc = view?.encoding ?? {};
  const continuous = (ch) => ch !== undefined && (ch.type === 'quantitative' || ch.type === 'temporal');
  if (view !== undefined && view.params === undefined && continuous(enc.x) && continuous(enc.y)) {
    view.params = [{ name: 'zoom', select: 'interval', bind: 'scales' }];
  }
  return copy;
}

const OPTIONS = { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter, tooltip: { theme: 'light' } };

/** Draw `spec` into `element`; falls back to the spec as given when the interactive additions do not fit it. */
export async function drawChart(element, spec) {
  try {
    return await globalThis.vegaEmbed(element, interactive(spec), OPTIONS);
  } catch {
    return globalThis.vegaEmbed(element, structuredClone(spec), OPTIONS);
  }
}
