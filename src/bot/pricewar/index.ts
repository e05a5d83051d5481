/**
 * The /pricewar chat layer: what commands/pricewar.ts calls (one answer per
 * subcommand) and the option schemas and constants its arguments use.
 */
export { answerAlerts, answerCompare, answerCuts, answerOverview, answerSimulation, answerTrend } from './answers.js';
export { answerCost, type CostArgs } from './cost-answer.js';
export { blendOption, COST_PRESET_IDS, dateOption, DEFAULT_SIMULATION, MAX_COMPARE, providerOption, ratioOption, shareOption, sinceOption, untilOption } from './options.js';
