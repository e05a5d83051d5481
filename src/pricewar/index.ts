/**
 * /pricewar analyses on real, dated, sourced price data. Plain functions over
 * a loaded `PriceData` (see service.ts for the per-process cache); nothing
 * here knows about chat platforms.
 */
export { priceAlerts, findPriceAlerts, formatAlert, DEFAULT_MIN_CHANGE, DEFAULT_ALERT_WINDOW_DAYS, type AlertOptions, type AlertsResult, type PriceAlert } from './alerts.js';
export { comparePrices, MAX_COMPARE, type CompareOptions, type CompareResult, type ComparedModel } from './compare.js';
export { unitEconomics, verdictFor, THIN_MARGIN, type CostInputs, type CostResult, type Verdict } from './cost.js';
export { costPreset, listCostPresets, canonicalPresetId, COST_PRESET_IDS, type CostPreset, type PresetLookup } from './cost-presets.js';
export { priceCuts, pctChange, vendorZh, type CutsOptions, type CutsResult, type PriceCut } from './cuts.js';
export { indexPriceData, loadPriceData, type PriceData } from './data.js';
export { fitLogLinear, fittedPrice, type LogLinearFit, type FitPoint } from './fit.js';
export { loadRawPriceData, validateCsv, BUNDLED_DATA_DIR, TABLES, type DataIssue } from './load.js';
export { blendedPrice, parseRatio, formatRatio, DEFAULT_BLEND, type BlendWeights } from './prices.js';
export { getPriceData, priceDataService } from './service.js';
export { simulatePriceWar, DEFAULT_SIMULATION, SIMULATION_ASSUMPTIONS, type SimulationOptions, type SimulationResult } from './simulate.js';
export { priceTrend, MIN_FIT_POINTS, type TrendOptions, type TrendResult, type TrendSeries } from './trend.js';
