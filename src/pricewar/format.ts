/** Number formatting shared by the replies and the charts (plain strings, no chat markup). */

/** $0.075, $2.50, $798.34, $87,072 — enough digits to compare prices, no more. */
export function fmtUsd(value: number | null | undefined, opts: { whole?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const sign = value < 0 ? '−' : '';
  const v = Math.abs(value);
  if (opts.whole === true || v >= 10_000) return `${sign}$${Math.round(v).toLocaleString('en-US')}`;
  if (v >= 1) return `${sign}$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (v === 0) return '$0';
  // Small prices: three significant digits (0.0225, 0.00125).
  const short = Number(v.toPrecision(3)).toString();
  return `${sign}$${(short.split('.')[1]?.length ?? 0) < 2 ? v.toFixed(2) : short}`;
}

export function fmtCny(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `¥${Number(value.toPrecision(4)).toString()}`;
}

/** −97.5 %, +100 %. */
export function fmtPct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const sign = value < 0 ? '−' : value > 0 ? '+' : '';
  return `${sign}${Math.abs(value).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** A share without a sign: 60%, 83.9%. */
export function fmtShare(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** 1.19×, 9.76×, 10×, 11.8×, 900×: three significant digits at most, no trailing zeros. */
export function fmtFactorShort(f: number): string {
  if (!Number.isFinite(f)) return 'n/a';
  if (f >= 1000) return `${Math.round(f).toLocaleString('en-US')}×`;
  return `${Number(f.toPrecision(3))}×`;
}

export function fmtMonths(m: number): string {
  if (!Number.isFinite(m)) return 'n/a';
  if (m >= 24) return `${(m / 12).toFixed(1)} years`;
  return `${m.toFixed(1)} months`;
}

export function fmtTokens(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toFixed(2)}T`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return Math.round(n).toLocaleString('en-US');
}
