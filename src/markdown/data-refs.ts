import type { Text } from 'mdast';
import { SourceError } from '../errors.js';
import { formatFigure, formatNumber } from '../format/nl.js';
import { figureOf, measureKeys, seriesNames, seriesOf, type LoadedDataset } from '../load/dataset.js';

/**
 * Numbers in prose, bound to data: `{{hic.overvallen.2021}}` prints 676 from content/<year>/data/hic.yaml;
 * with more than one measure the measure is named, `{{opheldering.overvallen.realisatie.2021}}` → 38,56%.
 * Formatted as in the tables (Dutch separators, the decimals written in the data). A change over a period is
 * computed from the series: `{{hic.straatroven.afname.2012-2021}}` → 71% (the fall from 2012 to 2021, in whole
 * percent), `toename` for a rise. A reference that does not resolve is an error at its file, line and column —
 * never a blank.
 */
const CHANGE = /^(afname|toename)$/;
const REF = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function resolveDataRefs(node: Text, file: string, datasets: Map<string, LoadedDataset>): string {
  if (!node.value.includes('{{') && !node.value.includes('}}')) return node.value;
  const resolved = node.value.replace(REF, (_whole, ref: string, offset: number) => {
    const fail = (message: string): never => {
      const { line, column } = positionIn(node, offset);
      throw new SourceError(file, line, column, `{{${ref}}}: ${message}`);
    };
    const parts = ref.split('.').map((p) => p.trim());
    const [set, series, ...rest] = parts;
    const d = datasets.get(set ?? '');
    if (!set || !series || rest.length === 0) fail('write {{data.reeks.jaar}}, e.g. {{hic.overvallen.2021}}, or {{data.reeks.maat.jaar}}');
    if (!d) fail(`no data file "${set}" — the data files of this year are: ${[...datasets.keys()].join(', ') || 'none'}`);
    const reeks = seriesOf(d!, series!);
    if (!reeks) fail(`"${set}" has no series "${series}" — it has: ${seriesNames(d!).join(', ')}`);
    const measures = measureKeys(d!);
    const change = rest.length >= 2 && CHANGE.test(rest[rest.length - 2]!) && /^\d{4}-\d{4}$/.test(rest[rest.length - 1]!);
    if (change) {
      const [direction, period] = rest.slice(-2) as [string, string];
      const named = rest.slice(0, -2);
      if (named.length === 0 && measures.length !== 1) fail(`"${set}" has the measures ${measures.join(', ')}: name one, e.g. {{${set}.${series}.${measures[0]}.${direction}.${period}}}`);
      const m = named[0] ?? measures[0]!;
      if (named.length > 1 || !measures.includes(m)) fail(`"${set}" has no measure "${named.join('.')}" — it has: ${measures.join(', ')}`);
      const [from, to] = period.split('-') as [string, string];
      const a = figureOf(d!, series!, m, from);
      const b = figureOf(d!, series!, m, to);
      if (!a || !b) fail(`"${set}.${series}" has no ${m} for ${!a ? from : to}`);
      if (a!.value === 0) fail(`a change from ${from} divides by its figure, which is 0`);
      const pct = ((b!.value - a!.value) / a!.value) * 100;
      if ((direction === 'afname') !== pct < 0 && pct !== 0) fail(`from ${from} to ${to} the figure ${pct < 0 ? 'falls' : 'rises'} (${formatNumber(pct, 1)}%) — write ${pct < 0 ? 'afname' : 'toename'}`);
      return `${formatNumber(Math.abs(Math.round(pct)), 0)}%`;
    }
    let measure: string;
    let year: string;
    if (rest.length === 1) {
      if (measures.length !== 1) fail(`"${set}" has the measures ${measures.join(', ')}: name one, e.g. {{${set}.${series}.${measures[0]}.${rest[0]}}}`);
      measure = measures[0]!;
      year = rest[0]!;
    } else if (rest.length === 2) {
      [measure, year] = rest as [string, string];
      if (!measures.includes(measure)) fail(`"${set}" has no measure "${measure}" — it has: ${measures.join(', ')}`);
    } else {
      return fail('write {{data.reeks.jaar}} or {{data.reeks.maat.jaar}}');
    }
    const figure = figureOf(d!, series!, measure, year);
    if (figure === undefined) {
      const values = (reeks as Record<string, unknown>)[measure] as Record<string, number> | undefined;
      fail(`"${set}.${series}" has no ${measure} for ${year}${values ? ` — it has ${Object.keys(values).join(', ')}` : ''}`);
    }
    return formatFigure(figure);
  });
  // Braces that are left are half a reference (split by emphasis or a link, or mistyped): never printed.
  const left = /\{\{|\}\}/.exec(node.value.replace(REF, (m) => ' '.repeat(m.length)));
  if (left) {
    const { line, column } = positionIn(node, left.index);
    throw new SourceError(file, line, column, `"${left[0]}" without its other half: a data reference is written in one piece, {{data.reeks.jaar}}, without emphasis, links or line breaks inside it — and braces are not printed as text`);
  }
  return resolved;
}

/** Line and column of an offset inside a text node's value (a paragraph's text spans lines). */
export function positionIn(node: Text, offset: number): { line?: number; column?: number } {
  const start = node.position?.start;
  if (!start) return {};
  const before = node.value.slice(0, offset);
  const lines = before.split('\n');
  if (lines.length === 1) return { line: start.line, column: start.column + offset };
  // Continuation lines: remark strips their indentation from the value; count from the line start.
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}
