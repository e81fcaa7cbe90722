/** Dutch formatting of dates and numbers, as the letters write them: 14 december 2022; 2.272; 62,57%; -70%. */

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The month and year of a date, as on a report's cover: "november 2022". */
export function formatMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** Decimals as written in the source: 52.4 keeps one, 62.57 two, 51 none. */
export function sourceDecimals(value: number): number {
  const s = String(value);
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * 2272 → "2.272", 62.57 → "62,57", -1000000 → "-1.000.000" (ASCII minus, as in the letters). Written out rather
 * than with Intl.NumberFormat('nl-NL'): the first Intl formatter of a process loads the locale's data, ≈25 ms
 * of every cold build, for two separators. The tests hold it to Intl's output.
 */
export function formatNumber(value: number, decimals = sourceDecimals(value)): string {
  const fixed = roundHalfExpand(Math.abs(value), decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A non-negative number to `decimals` places, rounding half up on the number as written (4.55 → 4.6, as Intl). */
function roundHalfExpand(abs: number, decimals: number): string {
  const written = String(abs);
  if (written.includes('e')) return abs.toFixed(decimals);
  const [whole, fraction = ''] = written.split('.') as [string, string | undefined];
  if (fraction.length <= decimals) return decimals ? `${whole}.${fraction.padEnd(decimals, '0')}` : whole;
  let digits = BigInt(whole + fraction.slice(0, decimals));
  if (fraction.charCodeAt(decimals) >= 53 /* '5' */) digits += 1n;
  const text = digits.toString().padStart(decimals + 1, '0');
  return decimals ? `${text.slice(0, -decimals)}.${text.slice(-decimals)}` : text;
}

export function formatPercent(value: number, decimals = sourceDecimals(value)): string {
  return `${formatNumber(value, decimals)}%`;
}

/** Change from `first` to `last` in whole percent, rounded half away from zero: 2272 → 676 gives "-70%". */
export function formatChange(first: number, last: number): string {
  if (first === 0) throw new RangeError('a change from 0 has no percentage');
  const pct = ((last - first) / first) * 100;
  const rounded = Math.sign(pct) * Math.round(Math.abs(pct));
  return `${rounded > 0 ? '+' : ''}${formatNumber(rounded === 0 ? 0 : rounded, 0)}%`;
}

/** A figure as the tables print it: Dutch separators, the decimals written in the data, a dash where there is none. */
export function formatFigure(figure: { value: number; decimals: number; unit: 'aantal' | 'procent' } | undefined): string {
  if (figure === undefined) return '–';
  return figure.unit === 'procent' ? formatPercent(figure.value, figure.decimals) : formatNumber(figure.value, figure.decimals);
}
