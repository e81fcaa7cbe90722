import type { Dataset } from '../validate/schemas.js';
import { sourceDecimals } from '../format/nl.js';

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
  data: Dataset;
  decimals: Map<string, number>;
  /** When kept (the redline's copies): every figure read while a document was rendered, as cellKey — what it prints. */
  reads?: Set<string>;
}

export const cellKey = (series: string, measure: string, year: string | number) => `${series}\0${measure}\0${year}`;

/** A data set as JSON, for the cache of validated files, and back. */
export const datasetCodec = {
  toJson: (d: LoadedDataset) => ({ name: d.name, file: d.file, data: d.data, decimals: [...d.decimals] }),
  fromJson: (j: { name: string; file: string; data: Dataset; decimals: Array<[string, number]> }): LoadedDataset => ({ ...j, decimals: new Map(j.decimals) }),
};

export function measureKeys(d: LoadedDataset): string[] {
  return Object.keys(d.data.maten);
}

/** A measure by name, own properties only (as seriesOf). */
function measureOf(d: LoadedDataset, measure: string): LoadedDataset['data']['maten'][string] | undefined {
  return Object.hasOwn(d.data.maten, measure) ? d.data.maten[measure] : undefined;
}

export function measureLabel(d: LoadedDataset, measure: string): string {
  const m = measureOf(d, measure);
  return typeof m === 'string' ? m : (m?.label ?? measure);
}

export function measureUnit(d: LoadedDataset, measure: string): Unit {
  const m = measureOf(d, measure);
  return (typeof m === 'object' && m.eenheid) || d.data.eenheid;
}

export function seriesLabel(d: LoadedDataset, series: string): string {
  return seriesOf(d, series)?.label ?? series;
}

/**
 * A series by name: the one lookup of a series that the {{…}} references, the tabel and grafiek blocks and the
 * redline's comparison all use. Own properties only: a name like __proto__, constructor or toString finds
 * nothing, not an object's insides.
 */
export function seriesOf(d: LoadedDataset, series: string): LoadedDataset['data']['reeksen'][string] | undefined {
  return Object.hasOwn(d.data.reeksen, series) ? d.data.reeksen[series] : undefined;
}

/** The names of a data set's series, in the order they are written: what a message lists when a name is not one of them. */
export function seriesNames(d: LoadedDataset): string[] {
  return Object.keys(d.data.reeksen);
}

function valuesOf(d: LoadedDataset, series: string, measure: string): Record<string, number> | undefined {
  const reeks = seriesOf(d, series) as Record<string, unknown> | undefined;
  return reeks && Object.hasOwn(reeks, measure) ? (reeks[measure] as Record<string, number>) : undefined;
}

/** The figure of a series for a measure and year, or undefined where the data has none (printed as a dash). */
export function figureOf(d: LoadedDataset, series: string, measure: string, year: number | string): Figure | undefined {
  d.reads?.add(cellKey(series, measure, year));
  const values = valuesOf(d, series, measure);
  const value = values && Object.hasOwn(values, String(year)) ? values[String(year)] : undefined;
  if (value === undefined) return undefined;
  return { value, decimals: d.decimals.get(cellKey(series, measure, year)) ?? sourceDecimals(value), unit: measureUnit(d, measure) };
}

/** The years a series has figures for, for one measure, in order. */
export function yearsOf(d: LoadedDataset, series: string, measure: string): number[] {
  return Object.keys(valuesOf(d, series, measure) ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}
