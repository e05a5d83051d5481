/**
 * /pricewar simulate: a price war in the spirit of Bertrand competition with
 * capacity limits and cash reserves. It is the quantitative form of the
 * "short-term gain, long-term harm" argument, not a forecast: every rule is
 * listed in `SIMULATION_ASSUMPTIONS` and printed with the result.
 *
 * Units: prices and costs in USD per million tokens; demand and capacity in
 * billions of tokens per round (a round is a month); cash and fixed costs in
 * USD millions. Randomness (cost and cash spread, undercut size) comes from a
 * seeded generator, so the same inputs always give the same war.
 */
import { mulberry32 } from '../random/seeded.js';
import { ParamError } from './errors.js';

export interface SimulationOptions {
  readonly firms: number;
  readonly rounds: number;
  /** Marginal serving cost per firm (one value = the mean, spread ±costSpread by the seed). */
  readonly cost: readonly number[];
  /** Price elasticity of market demand (> 0). */
  readonly elasticity: number;
  /** Cash reserves per firm in USD millions (one value = the mean, spread ±30 % by the seed). */
  readonly cash: readonly number[];
  readonly startPrice: number;
  /** Market demand at the start price, billions of tokens per round. */
  readonly demand: number;
  /** Each firm's capacity as a share of the starting demand. */
  readonly capacity: number;
  /** Fixed cost per firm and round (research, staff), USD millions. */
  readonly fixedCost: number;
  /** How far a firm undercuts the cheapest rival each round (0.1 = 10 %). */
  readonly undercut: number;
  /** Lowest price a firm will charge, as a share of its own marginal cost (0.5 = sells at half of cost). */
  readonly floor: number;
  /** How strongly buyers prefer the cheaper firm: shares ∝ price^(−substitution). */
  readonly substitution: number;
  readonly seed: number;
}

export const DEFAULT_SIMULATION: SimulationOptions = {
  firms: 4,
  rounds: 12,
  cost: [1],
  elasticity: 1.5,
  cash: [15],
  startPrice: 2,
  demand: 20_000,
  capacity: 0.5,
  fixedCost: 3,
  undercut: 0.15,
  floor: 0.5,
  substitution: 6,
  seed: 1,
};

/** Spread of firm costs around a single `cost` value, ± this share. */
const COST_SPREAD = 0.2;
const CASH_SPREAD = 0.3;
/** A firm with fewer rounds of cash than this at its current loss stops subsidising. */
const RUNWAY_ROUNDS = 3;
/** A lone survivor raises its price this much per round… */
const SURVIVOR_RAISE = 0.25;

export const SIMULATION_ASSUMPTIONS: readonly string[] = [
  'Demand: the market buys D·(P/P₀)^(−elasticity) tokens per round, where P is the average price paid.',
  'Split: buyers favour cheaper firms (shares ∝ price^(−substitution)); a firm sells at most its capacity and the overflow goes to firms with room.',
  `Pricing: each round a firm undercuts the cheapest rival by about the undercut share (the seed varies it), but not below floor × its own cost; a firm with less than ${RUNWAY_ROUNDS} rounds of cash left at its current loss stops subsidising and prices at cost.`,
  'Money: profit = (price − cost) × tokens − fixed cost; losses come out of cash; a firm whose cash runs out leaves the market for good (no entry).',
  `Aftermath: a lone survivor raises its price by ${SURVIVOR_RAISE * 100} % a round up to the monopoly price cost × e/(e−1) (or twice the starting price when demand is inelastic, e ≤ 1).`,
  'Everything else (quality, lock-in, new entrants, investors refilling cash) is left out on purpose.',
];

export interface FirmRound {
  readonly firm: number;
  readonly price: number | null;
  /** Billions of tokens sold. */
  readonly quantity: number;
  /** USD millions this round. */
  readonly profit: number;
  readonly cash: number;
  /** (price − cost) ÷ price; null once the firm has left. */
  readonly margin: number | null;
  readonly active: boolean;
}

export interface SimulationRound {
  readonly round: number;
  readonly firms: readonly FirmRound[];
  /** Quantity-weighted average price paid. */
  readonly marketPrice: number;
  readonly marketQuantity: number;
  readonly activeFirms: number;
}

export interface SimulationResult {
  readonly options: SimulationOptions;
  readonly firmCosts: readonly number[];
  readonly firmStartingCash: readonly number[];
  readonly rounds: readonly SimulationRound[];
  readonly exits: readonly { firm: number; round: number }[];
  readonly startPrice: number;
  readonly lowestMarketPrice: number;
  readonly finalMarketPrice: number;
  readonly survivors: readonly number[];
  readonly assumptions: readonly string[];
}

function perFirm(values: readonly number[], firms: number, spread: number, random: () => number, what: string): number[] {
  if (values.length === 1) return Array.from({ length: firms }, () => (values[0] as number) * (1 + spread * (2 * random() - 1)));
  if (values.length === firms) return [...values];
  throw new ParamError([what], (name) => `${name(what)} takes one value or one per firm (${firms}); got ${values.length}.`);
}

/** Split demand by price preference, respecting capacity; returns billions of tokens per firm. */
function split(prices: readonly (number | null)[], total: number, capacity: number, substitution: number): number[] {
  const q = prices.map(() => 0);
  let remaining = total;
  let open = prices.map((p) => p !== null);
  for (let pass = 0; pass < prices.length && remaining > 1e-9; pass++) {
    const weights = prices.map((p, i) => (open[i] && p !== null ? Math.pow(p, -substitution) : 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) break;
    let overflow = 0;
    weights.forEach((w, i) => {
      const want = (remaining * w) / sum;
      const room = capacity - (q[i] as number);
      const take = Math.min(want, room);
      q[i] = (q[i] as number) + take;
      overflow += want - take;
    });
    remaining = overflow;
    open = open.map((o, i) => o && (q[i] as number) < capacity - 1e-9);
  }
  return q;
}

export function simulatePriceWar(input: Partial<SimulationOptions> = {}): SimulationResult {
  const o: SimulationOptions = { ...DEFAULT_SIMULATION, ...input };
  const random = mulberry32(o.seed);
  const costs = perFirm(o.cost, o.firms, COST_SPREAD, random, 'cost');
  const startingCash = perFirm(o.cash, o.firms, CASH_SPREAD, random, 'cash');
  const cash = [...startingCash];
  const active = costs.map(() => true);
  const capacity = o.capacity * o.demand;
  const monopolyPrice = (c: number): number => (o.elasticity > 1 ? (c * o.elasticity) / (o.elasticity - 1) : 2 * o.startPrice);
  let prices: (number | null)[] = costs.map(() => o.startPrice);
  let lastProfit = costs.map(() => 0);
  const rounds: SimulationRound[] = [];
  const exits: { firm: number; round: number }[] = [];

  for (let round = 1; round <= o.rounds; round++) {
    if (round > 1) {
      const previous = prices;
      const alive = active.filter(Boolean).length;
      prices = previous.map((p, i) => {
        if (!active[i] || p === null) return null;
        const c = costs[i] as number;
        if (alive === 1) return Math.min(p * (1 + SURVIVOR_RAISE), Math.max(p, monopolyPrice(c)));
        const rivals = previous.filter((q, j): q is number => j !== i && active[j] === true && q !== null);
        const cheapestRival = Math.min(...rivals);
        const loss = -(lastProfit[i] as number);
        const runway = loss > 0 ? (cash[i] as number) / loss : Number.POSITIVE_INFINITY;
        if (runway < RUNWAY_ROUNDS) return Math.max(c, Math.min(p, cheapestRival));
        const cut = o.undercut * (0.5 + random());
        return Math.max(cheapestRival * (1 - cut), o.floor * c);
      });
    }
    // Market price and quantity are found together: demand depends on the average price paid, which depends on the split.
    let quantities = split(prices, o.demand, capacity, o.substitution);
    for (let iteration = 0; iteration < 20; iteration++) {
      const sold = quantities.reduce((a, b) => a + b, 0);
      const avg = sold > 0 ? quantities.reduce((acc, q, i) => acc + q * ((prices[i] as number | null) ?? 0), 0) / sold : o.startPrice;
      const next = split(prices, o.demand * Math.pow(avg / o.startPrice, -o.elasticity), capacity, o.substitution);
      const delta = next.reduce((acc, q, i) => acc + Math.abs(q - (quantities[i] as number)), 0);
      quantities = next;
      if (delta < 1e-6 * o.demand) break;
    }
    const firms: FirmRound[] = prices.map((p, i) => {
      if (!active[i] || p === null) return { firm: i + 1, price: null, quantity: 0, profit: 0, cash: cash[i] as number, margin: null, active: false };
      const q = quantities[i] as number;
      const profit = ((p - (costs[i] as number)) * q) / 1000 - o.fixedCost;
      cash[i] = (cash[i] as number) + profit;
      return { firm: i + 1, price: p, quantity: q, profit, cash: cash[i] as number, margin: (p - (costs[i] as number)) / p, active: true };
    });
    lastProfit = firms.map((f) => f.profit);
    for (const f of firms) {
      if (f.active && f.cash < 0) {
        active[f.firm - 1] = false;
        exits.push({ firm: f.firm, round });
      }
    }
    const sold = quantities.reduce((a, b) => a + b, 0);
    const marketPrice = sold > 0 ? firms.reduce((acc, f) => acc + f.quantity * (f.price ?? 0), 0) / sold : Number.NaN;
    rounds.push({ round, firms, marketPrice, marketQuantity: sold, activeFirms: firms.filter((f) => f.active).length });
    if (active.every((a) => !a)) break;
  }
  const marketPrices = rounds.map((r) => r.marketPrice).filter((p) => Number.isFinite(p));
  return {
    options: o,
    firmCosts: costs,
    firmStartingCash: startingCash,
    rounds,
    exits,
    startPrice: o.startPrice,
    lowestMarketPrice: Math.min(...marketPrices),
    finalMarketPrice: marketPrices[marketPrices.length - 1] ?? Number.NaN,
    survivors: active.flatMap((a, i) => (a ? [i + 1] : [])),
    assumptions: SIMULATION_ASSUMPTIONS,
  };
}
