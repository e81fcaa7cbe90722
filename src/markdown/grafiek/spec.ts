import type { Code } from 'mdast';
import { SourceError } from '../../errors.js';
import { formatChange, formatFigure, formatNumber } from '../../format/nl.js';
import { figureOf, measureLabel, measureUnit, seriesLabel, seriesNames, yearsOf, type LoadedDataset } from '../../load/dataset.js';
import { dataResolver, resolveYears } from '../block-data.js';
import type { Grafiek } from '../../validate/block-schemas.js';

/**
 * The `grafiek` block: a line or bar chart of data series, drawn at build time as vector SVG.
 *
 *     ```grafiek
 *     data: hic
 *     reeksen: [overvallen, straatroven, woninginbraken, geweld]
 *     jaren: 2011-2021
 *     soort: lijn            # lijn (default) or staaf
 *     weergave: index        # aantal (the figures, default) or index (first year = 100)
 *     titel: Ontwikkeling high impact crimes, 2011-2021
 *     ```
 */

/** Everything that determines a chart's picture: plain data, so that it can be a cache key. */
export interface ChartSpec {
  soort: 'lijn' | 'staaf';
  width: number;
  height: number;
  years: string[];
  series: Array<{ label: string; values: Array<number | null> }>;
  axis: { name: string; unit: 'aantal' | 'procent' | 'index' };
}

/** What drawn ids start with; replaced by a per-document prefix where the chart is placed. */
export const ID_PLACEHOLDER = '@@grafiek@@';

/** A chart as the letter shows it: the picture's spec, its caption, source and text alternative. */
export interface Chart {
  spec: ChartSpec;
  titel: string;
  bron: string;
  alt: string;
}

/**
 * A chart is drawn at the size it is printed: the width of the layout's text column (its descriptor's
 * pagina.tekst-breedte, in mm) in CSS pixels.
 */
export function chartFromBlock(node: Code, file: string, datasets: Map<string, LoadedDataset>, g: Grafiek, textWidthMm: number): Chart {
  const fail = (message: string): never => {
    throw new SourceError(file, node.position?.start.line, node.position?.start.column, `grafiek: ${message}`);
  };

  const resolve = dataResolver(datasets, fail);
  const d = resolve.set(g.data);
  const measure = resolve.measure(d, g.maat);
  const keys = (g.reeksen ?? seriesNames(d)).map((k) => resolve.series(d, k));
  const years = resolveYears(g.jaren, () => keys.flatMap((k) => yearsOf(d, k, measure)), fail);
  if (years.length < 2) fail('a chart needs at least two years');

  const unit = measureUnit(d, measure);
  const base = years[0]!;
  const series = keys.map((k) => {
    const raw = years.map((y) => figureOf(d, k, measure, y)?.value ?? null);
    if (g.weergave === 'index') {
      const b = raw[0];
      if (b === null || b === undefined) fail(`weergave: index divides by the first year, ${base}, but series "${k}" has no figure for it — start "jaren" at a year with figures`);
      if (b === 0) fail(`weergave: index divides by the first year, ${base}, but series "${k}" is 0 then`);
      return { label: seriesLabel(d, k), values: raw.map((v) => (v === null ? null : Math.round((v / b!) * 1000) / 10)) };
    }
    return { label: seriesLabel(d, k), values: raw };
  });

  const axis =
    g.weergave === 'index'
      ? { name: `Index (${base} = 100)`, unit: 'index' as const }
      : { name: unit === 'procent' ? `${measureLabel(d, measure)} (%)` : measureLabel(d, measure), unit };
  const spec: ChartSpec = { soort: g.soort, width: Math.round((textWidthMm / 25.4) * 96), height: g.hoogte, years: years.map(String), series, axis };
  return { spec, titel: g.titel, bron: d.data.bron, alt: altText(g.titel, g.soort, axis.name, years, keys, d, measure) };
}

/** The text alternative: what a reader of the picture sees, from the data — first and last figure of each series. */
function altText(titel: string, soort: string, axisName: string, years: number[], keys: string[], d: LoadedDataset, measure: string): string {
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const lines = keys.map((k) => {
    const a = figureOf(d, k, measure, first);
    const b = figureOf(d, k, measure, last);
    const change = a && b && a.value !== 0 ? ` (${formatChange(a.value, b.value)})` : '';
    return `${seriesLabel(d, k)}: van ${formatFigure(a)} in ${first} naar ${formatFigure(b)} in ${last}${change}.`;
  });
  return `${soort === 'staaf' ? 'Staafdiagram' : 'Lijngrafiek'}: ${titel}. Verticale as: ${axisName}; ${formatNumber(years.length, 0)} jaren, ${first} tot en met ${last}. ${lines.join(' ')}`;
}
