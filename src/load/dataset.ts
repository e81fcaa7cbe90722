import type { Dataset } from '../validate/schemas.js';
import { sourceDecimals } from '../format/nl.js';
import type { YamlSource } from './read-yaml.js';
import { writtenFigures } from './written-figures.js';

export type Unit = 'aantal' | 'procent';

/** A figure from a data file with what it takes to print it as written: 50.0 keeps its one decimal. */
export interface Figure {
  value: number;
  decimals: number;
  unit: Unit;
}

/** A data file of content/<year>/data/, validated, with the decimals of every figure as written. */
export interface LoadedDataset {
  name: string;
  file: string;
  source: YamlSource;
  data: Dataset;
  decimals: Map<string, number>;
}

const cellKey = (series: string, measure: string, year: string | number) => `${series}\0${measure}\0${year}`;

export function loadedDataset(name: string, source: YamlSource, data: Dataset): LoadedDataset {
  const decimals = new Map<string, number>();
  for (const f of writtenFigures(source)) {
    const written = f.valueNode?.source;
    const value = f.valueNode?.value;
    if (typeof value !== 'number') continue;
    // The number as typed: `50.0` is 50 to YAML but one decimal to the reader of the table.
    const d = typeof written === 'string' && /^-?\d+\.\d+$/.test(written) ? written.length - written.indexOf('.') - 1 : sourceDecimals(value);
    decimals.set(cellKey(f.series, f.measure, f.year), d);
  }
  return { name, file: source.file, source, data, decimals };
}

export function measureKeys(d: LoadedDataset): string[] {
  return Object.keys(d.data.maten);
}

export function measureLabel(d: LoadedDataset, measure: string): string {
  const m = d.data.maten[measure];
  return typeof m === 'string' ? m : (m?.label ?? measure);
}

export function measureUnit(d: LoadedDataset, measure: string): Unit {
  const m = d.data.maten[measure];
  return (typeof m === 'object' && m.eenheid) || d.data.eenheid;
}

export function seriesLabel(d: LoadedDataset, series: string): string {
  return d.data.reeksen[series]?.label ?? series;
}

function valuesOf(d: LoadedDataset, series: string, measure: string): Record<string, number> | undefined {
  return (d.data.reeksen[series] as Record<string, unknown> | undefined)?.[measure] as Record<string, number> | undefined;
}

/** The figure of a series for a measure and year, or undefined where the data has none (printed as a dash). */
export function figureOf(d: LoadedDataset, series: string, measure: string, year: number | string): Figure | undefined {
  const value = valuesOf(d, series, measure)?.[String(year)];
  if (value === undefined) return undefined;
  return { value, decimals: d.decimals.get(cellKey(series, measure, year)) ?? sourceDecimals(value), unit: measureUnit(d, measure) };
}

/** The years a series has figures for, for one measure, in order. */
export function yearsOf(d: LoadedDataset, series: string, measure: string): number[] {
  return Object.keys(valuesOf(d, series, measure) ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}
