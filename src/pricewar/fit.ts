/**
 * Log-linear least squares: ln(price) = a + b·t, t in years. A constant
 * relative decline per year is a straight line in log space, which is how
 * Epoch AI and a16z summarise price trends, so the slope converts directly
 * into "N× cheaper per year" and a halving time.
 */

export interface FitPoint {
  /** Time in years from any fixed origin. */
  readonly t: number;
  /** A positive price. */
  readonly price: number;
}

export interface LogLinearFit {
  readonly n: number;
  /** Slope of ln(price) per year (negative when prices fall). */
  readonly slope: number;
  /** ln(price) at t = 0. */
  readonly intercept: number;
  /** Coefficient of determination in log space; null when every price is the same (nothing to explain). */
  readonly r2: number | null;
  /** exp(−slope): 10 means "10× cheaper each year"; below 1 means prices rose. */
  readonly annualDeclineFactor: number;
  /** Months for the price to halve; null unless prices fall. */
  readonly halvingMonths: number | null;
  /** Months for the price to double; null unless prices rise. */
  readonly doublingMonths: number | null;
}

/** Fit; throws RangeError for fewer than 2 points, a non-positive price, or all points at one time. */
export function fitLogLinear(points: readonly FitPoint[]): LogLinearFit {
  const n = points.length;
  if (n < 2) throw new RangeError(`a trend needs at least 2 points, got ${n}`);
  let sumT = 0;
  let sumY = 0;
  for (const p of points) {
    if (!(p.price > 0) || !Number.isFinite(p.price)) throw new RangeError(`prices must be positive for a log fit, got ${p.price}`);
    sumT += p.t;
    sumY += Math.log(p.price);
  }
  const meanT = sumT / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dt = p.t - meanT;
    const dy = Math.log(p.price) - meanY;
    sxx += dt * dt;
    sxy += dt * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('all points are at the same time; a trend needs points spread over time');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanT;
  // Residual sum of squares = syy − slope·sxy for OLS; clamp rounding noise.
  const ssRes = Math.max(0, syy - slope * sxy);
  const r2 = syy < 1e-15 ? null : Math.min(1, Math.max(0, 1 - ssRes / syy));
  const flat = Math.abs(slope) < 1e-12;
  return {
    n,
    slope,
    intercept,
    r2,
    annualDeclineFactor: Math.exp(-slope),
    halvingMonths: !flat && slope < 0 ? (12 * Math.LN2) / -slope : null,
    doublingMonths: !flat && slope > 0 ? (12 * Math.LN2) / slope : null,
  };
}

/** The fitted price at time t. */
export function fittedPrice(fit: LogLinearFit, t: number): number {
  return Math.exp(fit.intercept + fit.slope * t);
}
