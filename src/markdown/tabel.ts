import type { Code } from 'mdast';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { SourceError } from '../errors.js';
import { formatChange, formatFigure } from '../format/nl.js';
import { figureOf, measureKeys, measureLabel, seriesLabel, seriesNames, yearsOf, type Figure, type LoadedDataset } from '../load/dataset.js';
import { dataResolver, resolveYears, type DataResolver } from './block-data.js';
import type { Tabel } from '../validate/block-schemas.js';

/**
 * The `tabel` block: a table rendered from the data sets in content/<year>/data/.
 *
 * One row per year, a column per series (of one measure):
 *
 *     ```tabel
 *     data: hic                      # content/<year>/data/hic.yaml
 *     jaren: 2011-2021               # rows (default: every year in the data)
 *     reeksen: [overvallen, geweld]  # columns (default: every series); <data>.<reeks> takes one from another file
 *     ontwikkeling: true             # adds "Procentuele ontwikkeling 2011-2021"
 *     ```
 *
 * one row per year, a column per measure of one series (`reeks: overvallen`, `maten: [...]`), or the series
 * as rows with chosen (measure, year) columns (`rijen: reeksen`, `kolommen: [doel 2019, realisatie 2021]`).
 * `titel` prints a caption above, `bron: true` the data's source below, `koppen` replaces the column labels,
 * `jaarkolom: gewoon` sets the years in regular instead of bold type.
 */


/**
 * Rows per table. The page-filling pass splits a long table row by row in the browser; measured (2 cores): a
 * 9,000-row table took 66 s of pagination for 210 pages. A letter's tables have tens of rows.
 */
export const MAX_ROWS = 500;

interface Column {
  label: string;
  /** What the column is, for error messages: "hic.overvallen (aantal)". */
  name: string;
  cell: (year: number) => Figure | undefined;
}

export function renderTabel(node: Code, file: string, datasets: Map<string, LoadedDataset>, spec: Tabel): ElementContent[] {
  const fail = (message: string): never => {
    throw new SourceError(file, node.position?.start.line, node.position?.start.column, `tabel: ${message}`);
  };
  const resolve = dataResolver(datasets, fail);
  const main = resolve.set(spec.data);

  const table = spec.rijen === 'jaren' ? byYear(spec, main, resolve, fail) : bySeries(spec, main, resolve, fail);
  const blocks: ElementContent[] = [table];
  if (spec.bron) blocks.push(h('p', { className: ['bron'] }, `Bron: ${main.data.bron}`));
  return blocks;
}

function withLabels(spec: Tabel, columns: Column[], fail: (m: string) => never): Column[] {
  if (!spec.koppen) return columns;
  if (spec.koppen.length !== columns.length) fail(`koppen has ${spec.koppen.length} labels for ${columns.length} columns`);
  return columns.map((c, i) => ({ ...c, label: spec.koppen![i]! }));
}

function byYear(spec: Tabel, main: LoadedDataset, resolve: DataResolver, fail: (m: string) => never): Element {
  let sources: Array<{ d: LoadedDataset; series: string; measure: string; label: string }>;
  if (spec.reeks) {
    // A column per measure of one series (e.g. ambitie and realisatie side by side).
    if (spec.reeksen) fail('use either "reeks" (one series, a column per measure) or "reeksen" (a column per series)');
    const series = resolve.series(main, spec.reeks);
    sources = (spec.maten ?? measureKeys(main)).map((m) => ({ d: main, series, measure: resolve.measure(main, m), label: measureLabel(main, m) }));
  } else {
    if (spec.maten) fail('"maten" lists the columns of one series: name it with "reeks"');
    sources = (spec.reeksen ?? seriesNames(main)).map((name) => {
      const [setName, key] = name.includes('.') ? (name.split('.', 2) as [string, string]) : [main.name, name];
      const d = resolve.set(setName);
      const series = resolve.series(d, key);
      return { d, series, measure: resolve.measure(d, d === main ? spec.maat : undefined), label: seriesLabel(d, series) };
    });
  }
  const columns = withLabels(
    spec,
    sources.map((s) => ({ label: s.label, name: `${s.d.name}.${s.series} (${s.measure})`, cell: (y: number) => figureOf(s.d, s.series, s.measure, y) })),
    fail,
  );
  const ys = resolveYears(spec.jaren, () => sources.flatMap((c) => yearsOf(c.d, c.series, c.measure)), fail);
  if (ys.length === 0) fail('the data has no years for these columns');
  if (ys.length > MAX_ROWS) fail(`${ys.length} rows (${ys[0]}-${ys[ys.length - 1]}) — a tabel has at most ${MAX_ROWS} rows; choose the years with jaren: (e.g. jaren: ${ys[ys.length - 10]}-${ys[ys.length - 1]})`);
  if (ys.every((y) => columns.every((c) => c.cell(y) === undefined))) {
    const known = [...new Set(sources.flatMap((c) => yearsOf(c.d, c.series, c.measure)))].sort((a, b) => a - b);
    fail(`the data has no figure for any of the years ${ys[0]}-${ys[ys.length - 1]} in these columns, so the table would be all dashes — ${known.length ? `it has figures for ${known[0]}-${known[known.length - 1]}` : 'it has no figures at all'}`);
  }
  const yearClass = spec.jaarkolom === 'gewoon' ? { className: ['gewoon'] } : {};
  const head = h('thead', h('tr', [h('th', { scope: 'col' }, spec.kop ?? 'Jaar'), ...columns.map((c) => h('th', { scope: 'col' }, c.label))]));
  const rows = ys.map((y) => h('tr', [h('th', { scope: 'row', ...yearClass }, String(y)), ...columns.map((c) => h('td', formatFigure(c.cell(y))))]));
  const foot: Element[] = [];
  if (spec.ontwikkeling) {
    const first = ys[0]!;
    const last = ys[ys.length - 1]!;
    const cells = columns.map((c) => {
      const a = c.cell(first)?.value;
      const b = c.cell(last)?.value;
      if (a === undefined || b === undefined) return fail(`ontwikkeling needs a figure for ${first} and ${last} in ${c.name}`);
      if (a === 0) return fail(`ontwikkeling: ${c.name} is 0 in ${first}, so a change in percent does not exist`);
      return h('td', formatChange(a, b));
    });
    foot.push(h('tr', { className: ['berekend'] }, [h('th', { scope: 'row' }, `Procentuele ontwikkeling ${first}-${last}`), ...cells]));
  }
  return h('table', { className: ['tabel', 'tabel-jaren'] }, [
    ...(spec.titel ? [h('caption', spec.titel)] : []),
    head,
    h('tbody', rows),
    ...(foot.length ? [h('tfoot', foot)] : []),
  ]);
}

function bySeries(spec: Tabel, main: LoadedDataset, resolve: DataResolver, fail: (m: string) => never): Element {
  const keys = (spec.reeksen ?? seriesNames(main)).map((k) => resolve.series(main, k));
  const columns = withLabels(
    spec,
    (spec.kolommen ?? fail('with "rijen: reeksen", list the columns as "kolommen: [<maat> <jaar>, …]"')).map((c) => {
      const [m, y] = c.split(/\s+/) as [string, string];
      const measure = resolve.measure(main, m);
      return { label: `${measureLabel(main, measure)} ${y}`, name: c, cell: () => undefined, measure, year: Number(y) };
    }),
    fail,
  ) as Array<Column & { measure: string; year: number }>;
  const head = h('thead', h('tr', [h('th', { scope: 'col' }, spec.kop ?? ''), ...columns.map((c) => h('th', { scope: 'col' }, c.label))]));
  const rows = keys.map((k) =>
    h('tr', [h('th', { scope: 'row' }, seriesLabel(main, k)), ...columns.map((c) => h('td', formatFigure(figureOf(main, k, c.measure, c.year))))]),
  );
  return h('table', { className: ['tabel', 'tabel-reeksen'] }, [...(spec.titel ? [h('caption', spec.titel)] : []), head, h('tbody', rows)]);
}
