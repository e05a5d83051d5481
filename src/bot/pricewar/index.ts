/**
 * The /pricewar chat layer: what commands/pricewar.ts calls (one answer per
 * subcommand) and the option schemas and constants its arguments use.
 */
export { answerAlerts, answerCompare, answerCuts, answerOverview, answerSimulation, answerSources, answerSync, answerTrend } from './answers.js';
export { priceScheduleService, priceSyncService } from './sync-service.js';
export { PRICEWAR_INTENTS } from './intent.js';
export { answerUnwatch, answerWatchOrList } from './watches.js';
export { answerCost, type CostArgs } from './cost-answer.js';
export { rawOption, blendOption, COST_PRESET_IDS, dateOption, DEFAULT_SIMULATION, MAX_COMPARE, providerOption, ratioOption, shareOption, sinceOption, untilOption } from './options.js';
