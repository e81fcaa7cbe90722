import { formatFigure, formatDate } from '../format/nl.js';
import { figureOf, measureKeys, measureLabel, seriesLabel, type LoadedDataset } from '../load/dataset.js';
import type { DocumentSources } from '../load/load-document.js';

/** A value that differs between two revisions: a figure in a data file, or a fact of the letter. */
export interface ValueChange {
  where: string;
  before: string;
  after: string;
}

/** Every figure of the data files that was changed, added or removed, as printed ("–" where there is none). */
export function diffData(before: Map<string, LoadedDataset>, after: Map<string, LoadedDataset>): ValueChange[] {
  const changes: ValueChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const series = [...new Set([...Object.keys(a?.data.reeksen ?? {}), ...Object.keys(b?.data.reeksen ?? {})])];
    for (const s of series) {
      const measures = [...new Set([...(a ? measureKeys(a) : []), ...(b ? measureKeys(b) : [])])];
      for (const m of measures) {
        const years = new Set<string>();
        for (const d of [a, b]) for (const y of Object.keys(((d?.data.reeksen[s] as Record<string, unknown> | undefined)?.[m] as object | undefined) ?? {})) years.add(y);
        for (const y of [...years].sort()) {
          const x = a ? formatFigure(figureOf(a, s, m, y)) : '–';
          const z = b ? formatFigure(figureOf(b, s, m, y)) : '–';
          if (x === z) continue;
          const d = (b ?? a)!;
          changes.push({ where: `${name}: ${seriesLabel(d, s)}, ${measureLabel(d, m).replace(/\u00AD/g, '')} ${y}`, before: x, after: z });
        }
      }
    }
  }
  return changes;
}

/** The facts of the letter (kenmerk, datum, onderwerp, addressee …) that differ, as printed. */
export function diffFacts(before: DocumentSources, after: DocumentSources): Map<string, ValueChange> {
  const shown = (key: string, value: unknown): string => {
    if (value === undefined || value === null) return '–';
    if (key === 'datum' && typeof value === 'string') return formatDate(value);
    // Explicit margin-column lines print the same words as one text: only the words are compared.
    if (key === 'beantwoording' && Array.isArray(value)) return value.join(' ');
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? Object.values(v as object).join(' ') : String(v))).join('; ');
    // Woo facts hold TOOI values ({ uri, label }): shown by their labels, as written.
    if (key === 'woo' && typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null && 'label' in v ? String(v.label) : String(v)}`).join('; ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const changes = new Map<string, ValueChange>();
  const a = before.brief as Record<string, unknown>;
  const b = after.brief as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = shown(key, a[key]);
    const z = shown(key, b[key]);
    if (x !== z) changes.set(key, { where: key, before: x, after: z });
  }
  return changes;
}
