// vega-interpreter imports three helpers from vega-util; the page already has them in the global `vega` (vendor/vega.js).
const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;
export { ascending, isString, DisallowedObjectProperties };
