import { formatFigure, formatDate } from '../format/nl.js';
import { factView } from '../compose/letter-view.js';
import { cellKey, figureOf, measureKeys, measureLabel, seriesLabel, seriesNames, yearsOf, type LoadedDataset } from '../load/dataset.js';
import { factsOfType } from '../load/kind-rules.js';
import type { DocumentSources } from '../load/load-document.js';

/** A value that differs between two revisions: a figure in a data file, or a fact of the letter. */
export interface ValueChange {
  where: string;
  before: string;
  after: string;
  /** For a document with a public version (a beslisnota): whether the public version prints the change too. */
  openbaar?: boolean;
}

/** Copies of the data sets that keep a record of the figures read from them: render a document with them to learn what it prints. */
export function recordingReads(datasets: Map<string, LoadedDataset>): Map<string, LoadedDataset> {
  return new Map([...datasets].map(([name, d]) => [name, { ...d, reads: new Set<string>() }]));
}

/** Whether either revision of a document printed a figure: read it from its recording copies of the data sets. */
export function printedBy(...revisions: Array<Map<string, LoadedDataset>>): (set: string, series: string, measure: string, year: string) => boolean {
  return (set, series, measure, year) => revisions.some((r) => r.get(set)?.reads?.has(cellKey(series, measure, year)) === true);
}

/**
 * Every figure of the data files that was changed, added or removed and that the document prints (in either
 * revision: a table, a chart, a number in the text), as printed ("–" where there is none). A figure the
 * document does not print is no change of it, whatever another document of the year makes of it.
 */
export function diffData(
  before: Map<string, LoadedDataset>,
  after: Map<string, LoadedDataset>,
  printed: (set: string, series: string, measure: string, year: string) => boolean = () => true,
): ValueChange[] {
  const changes: ValueChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const series = [...new Set([...(a ? seriesNames(a) : []), ...(b ? seriesNames(b) : [])])];
    for (const s of series) {
      const measures = [...new Set([...(a ? measureKeys(a) : []), ...(b ? measureKeys(b) : [])])];
      for (const m of measures) {
        const years = new Set<string>();
        for (const d of [a, b]) for (const y of d ? yearsOf(d, s, m) : []) years.add(String(y));
        for (const y of [...years].sort()) {
          const x = a ? formatFigure(figureOf(a, s, m, y)) : '–';
          const z = b ? formatFigure(figureOf(b, s, m, y)) : '–';
          if (x === z || !printed(name, s, m, y)) continue;
          const d = (b ?? a)!;
          changes.push({ where: `${name}: ${seriesLabel(d, s)}, ${measureLabel(d, m).replace(/\u00AD/g, '')} ${y}`, before: x, after: z });
        }
      }
    }
  }
  return changes;
}

/**
 * The facts of the letter (kenmerk, datum, onderwerp, addressee …) that differ, as printed. With `woo` (a
 * document with a public version) each says whether the public version prints the change: it does unless the
 * fact, or the part of it that changed, is printed internally only (a fact the layout marks `intern`).
 */
export function diffFacts(before: DocumentSources, after: DocumentSources, woo = false): Map<string, ValueChange> {
  // How a fact is printed follows from its type in the kind's descriptor (datum is a date in every kind).
  const dates = new Set(factsOfType(after.layout.descriptor, 'datum'));
  const lines = new Set(factsOfType(after.layout.descriptor, 'regels'));
  const shown = (key: string, value: unknown): string => {
    if (value === undefined || value === null) return '–';
    if (dates.has(key) && typeof value === 'string') return formatDate(value);
    // Explicit margin-column lines print the same words as one text: only the words are compared.
    if (lines.has(key) && Array.isArray(value)) return value.join(' ');
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? Object.values(v as object).join(' ') : String(v))).join('; ');
    // Woo facts hold TOOI values ({ uri, label }): shown by their labels, as written.
    if (key === 'woo' && typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null && 'label' in v ? String(v.label) : String(v)}`).join('; ');
    // An object (the opsteller, the paraaf block) as its printed values, in order.
    if (typeof value === 'object') return Object.values(value).map((v) => shown('', v)).filter((v) => v !== '–').join(', ');
    return String(value);
  };
  const changes = new Map<string, ValueChange>();
  const a = before.brief as Record<string, unknown>;
  const b = after.brief as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = shown(key, a[key]);
    const z = shown(key, b[key]);
    if (x === z) continue;
    changes.set(key, { where: key, before: x, after: z, ...(woo ? { openbaar: publicView(before, key, a[key]) !== publicView(after, key, b[key]) } : {}) });
  }
  return changes;
}

/** A fact as the public version of the document sees it (the common facts, kenmerk, datum …, always). */
function publicView(d: DocumentSources, key: string, value: unknown): string {
  const spec = d.layout.descriptor.feiten[key];
  return JSON.stringify((spec ? factView(spec, value, { openbaar: true }) : value) ?? null);
}
