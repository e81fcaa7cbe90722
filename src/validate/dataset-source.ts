import { SourceError } from '../errors.js';
import type { YamlSource } from '../load/read-yaml.js';
import { writtenFigures } from '../load/written-figures.js';

/**
 * Checks on how a data file is written, which the parsed values no longer show: the years of a series in
 * increasing order (a JavaScript object lists year keys sorted, so the order must be read from the YAML), and
 * a figure written with a Dutch thousands separator (`1.000` is the number one to YAML). Runs after the
 * schema, so the shape is known to be right.
 */
export function checkDatasetSource(source: YamlSource): SourceError[] {
  const errors: SourceError[] = [];
  const at = (offset: number | undefined, message: string) => {
    const pos = source.lines.linePos(offset ?? 0);
    errors.push(new SourceError(source.file, pos.line, pos.col, message));
  };
  let previous: { series: string; measure: string; year: number } | undefined;
  for (const f of writtenFigures(source)) {
    const path = `reeksen.${f.series}.${f.measure}.${f.year}`;
    const year = Number(f.year);
    if (previous && previous.series === f.series && previous.measure === f.measure && year <= previous.year) {
      at(f.yearNode?.range?.[0], `${path}: year out of order — ${year} comes after ${previous.year}; write the years in increasing order`);
    }
    previous = { series: f.series, measure: f.measure, year };
    const written = f.valueNode?.source;
    if (typeof written === 'string' && /^-?\d{1,3}(\.\d{3})+$/.test(written)) {
      at(f.valueNode?.range?.[0], `${path}: ${written} reads as the decimal number ${Number(written)} — write thousands without a separator: ${written.replace(/\./g, '')}`);
    }
  }
  return errors;
}
