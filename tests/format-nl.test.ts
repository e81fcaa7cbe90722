import { describe, expect, it } from 'vitest';
import { formatChange, formatFigure, formatNumber, formatPercent } from '../src/format/nl.js';

describe('Dutch number format, as the letters print figures', () => {
  it('whole numbers: thousands with a dot, an ASCII minus', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(676)).toBe('676');
    expect(formatNumber(1982)).toBe('1.982');
    expect(formatNumber(1_000_000)).toBe('1.000.000');
    expect(formatNumber(-1_000_000)).toBe('-1.000.000');
    expect(formatNumber(-70)).toBe('-70');
  });

  it('percentages keep the decimals written in the data, with a decimal comma', () => {
    expect(formatPercent(52.4)).toBe('52,4%');
    expect(formatPercent(62.57)).toBe('62,57%');
    expect(formatPercent(51)).toBe('51%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(-3.5)).toBe('-3,5%');
    expect(formatFigure({ value: 50, decimals: 1, unit: 'procent' })).toBe('50,0%'); // written 50.0 in the data
    expect(formatFigure({ value: 1234.5, decimals: 1, unit: 'aantal' })).toBe('1.234,5');
  });

  it('writes what Intl.NumberFormat("nl-NL") writes, for every figure of the data and 2,000 others', () => {
    const values = [0, -0, 5, -5, 999, 1000, 1001, 2272, 62.57, 0.5, -0.004, 123456789.12];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) values.push(Math.round((random() - 0.3) * 10 ** (1 + (i % 8)) * 100) / 100);
    for (const v of values) {
      for (const d of [0, 1, 2]) {
        const intl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v).replace('\u2212', '-');
        expect(formatNumber(v, d), `${v} with ${d} decimals`).toBe(intl === '-0' || /^-0(,0+)?$/.test(intl) ? intl.slice(1) : intl);
      }
    }
  });

  it('a missing figure is a dash, never a blank or a zero', () => {
    expect(formatFigure(undefined)).toBe('–');
  });

  it('change first → last year in whole percent, rounded half away from zero, as the seed letter', () => {
    expect(formatChange(2272, 676)).toBe('-70%'); // overvallen 2011-2021
    expect(formatChange(8400, 2321)).toBe('-72%');
    expect(formatChange(88960, 23452)).toBe('-74%');
    expect(formatChange(98050, 65849)).toBe('-33%');
    expect(formatChange(200, 201)).toBe('+1%'); // 0,5% rounds away from zero
    expect(formatChange(200, 199)).toBe('-1%');
    expect(formatChange(100, 100)).toBe('0%');
    expect(formatChange(1000, 3000)).toBe('+200%');
    expect(() => formatChange(0, 5)).toThrow(RangeError);
  });
});
