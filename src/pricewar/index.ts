/**
 * Price-war analyses on real, dated, sourced price data. Plain functions over
 * a loaded `PriceData`; nothing here knows about chat. The chat layer
 * (src/bot/pricewar/) keeps the data per process, words the results and
 * draws nothing: charts leave here as Vega-Lite specs (./charts.ts).
 */
export { findPriceAlerts, formatAlert, DEFAULT_MIN_CHANGE, DEFAULT_ALERT_WINDOW_DAYS, type AlertOptions, type AlertsResult, type PriceAlert } from './alerts.js';
export { comparePrices, MAX_COMPARE, type CompareOptions, type CompareResult, type ComparedModel } from './compare.js';
export {
  unitEconomics,
  withCostDefaults,
  costInputsProblem,
  verdictFor,
  COST_DEFAULTS,
  REQUIRED_COST_INPUTS,
  THIN_MARGIN,
  type CostInputs,
  type CostInputsProblem,
  type CostResult,
  type RequiredCostInput,
  type Verdict,
} from './cost.js';
export { costPreset, listCostPresets, canonicalPresetId, COST_PRESET_IDS, type CostPreset, type PresetLookup } from './cost-presets.js';
export { priceCuts, pctChange, vendorZh, type CutsOptions, type CutsResult, type PriceCut } from './cuts.js';
export { indexPriceData, loadPriceData, type PriceData } from './data.js';
export { dayParam, isIsoDate, ISO_DATE_RULE } from './dates.js';
export { MissingDataError, ParamError, namesParams, paramKey, type NamesParams, type ParamName } from './errors.js';
export { fitLogLinear, fittedPrice, type LogLinearFit, type FitPoint } from './fit.js';
export { loadRawPriceData, validateCsv, BUNDLED_DATA_DIR, TABLES, type DataIssue } from './load.js';
export { blendedPrice, parseRatio, formatRatio, DEFAULT_BLEND, type BlendWeights } from './prices.js';
export { simulatePriceWar, DEFAULT_SIMULATION, SIMULATION_ASSUMPTIONS, type SimulationOptions, type SimulationResult } from './simulate.js';
export { priceTrend, MIN_FIT_POINTS, type TrendOptions, type TrendResult, type TrendSeries } from './trend.js';
