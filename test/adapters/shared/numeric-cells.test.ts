/** The one rule for right-aligned table columns (src/adapters/shared/numeric-cells.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlankCell, looksNumeric, numericColumns } from '../../../src/adapters/shared/numeric-cells.js';
import { renderTable } from '../../../src/adapters/shared/text.js';
import { MIXED_TABLE, MIXED_TABLE_LINES } from '../table-alignment.js';

describe('looksNumeric', () => {
  // Cells as the presenters format them (/pricewar cost, compare, trend, alerts, cuts, simulate; /train list).
  it.each(['0.400', '12%', '$3.00', '$0.315', '−$590.25', '+40%', '−7%', '0%', '3.89×', '¥20 → ¥0.5', '→ ¥1', '$3.00 / $15.00', '$0.20 / $0', '1,234,567', '12 ms', '1.2K', '5 GB', '≈3.2', '<0.01', ' 42 '])('%j looks numeric', (cell) => {
    expect(looksNumeric(cell)).toBe(true);
  });

  it.each(['below cost', 'firm 4', 'firm 1, firm 3', 'made free (−100%)', 'in −80%, out −80%', 'launch', '2024-05-06', '2026-12-02 18:34', 'gpt-4o', 'GLM-3-Turbo', 'qwen2.5', '4 firms', '', '—'])('%j does not', (cell) => {
    expect(looksNumeric(cell)).toBe(false);
  });

  it('takes finite numbers, not NaN or Infinity', () => {
    expect([0, -3, 1e9, 0.5].every(looksNumeric)).toBe(true);
    expect(looksNumeric(Number.NaN) || looksNumeric(Number.POSITIVE_INFINITY) || looksNumeric(null)).toBe(false);
  });

  it('takes any number a presenter formats as money, percent, ratio or change', () => {
    const formatted = fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('', '$', '¥', '€'), fc.constantFrom('', '%', '×', ' ms', 'K'), fc.constantFrom('', '+')).map(([n, digits, currency, suffix, plus]) => {
      const sign = n < 0 ? '−' : plus;
      return `${sign}${currency}${Math.abs(n).toFixed(digits)}${suffix}`;
    });
    fc.assert(fc.property(formatted, (cell) => looksNumeric(cell)));
    fc.assert(fc.property(fc.tuple(formatted, formatted), ([a, b]) => looksNumeric(`${a} / ${b}`) && looksNumeric(`${a} → ${b}`)));
  });

  it('treats null, "—", "-", "n/a" and "" as blank', () => {
    expect([null, '—', '–', '-', 'n/a', '', ' '].every(isBlankCell)).toBe(true);
    expect(isBlankCell('0') || isBlankCell(0)).toBe(false);
  });
});

describe('numericColumns', () => {
  it('right-aligns a column when its cells look numeric and the rest are blank', () => {
    expect(numericColumns(MIXED_TABLE)).toEqual([false, true, true, true, true, false]);
    expect(numericColumns({ columns: ['a'], rows: [[null], ['—']] })).toEqual([false]);
    expect(numericColumns({ columns: ['a'], rows: [] })).toEqual([false]);
  });

  it('is what renderTable lays out (the shared text renderer every adapter uses)', () => {
    expect(renderTable(MIXED_TABLE).split('\n')).toEqual([...MIXED_TABLE_LINES]);
  });
});
