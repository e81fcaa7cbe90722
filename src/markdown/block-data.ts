import { measureKeys, seriesNames, seriesOf, type LoadedDataset } from '../load/dataset.js';

/** What the ```tabel and ```grafiek blocks share: finding their data and their years, failing with what exists. */

/** Looks up data sets, series and measures, failing with the names that do exist. */
export function dataResolver(datasets: Map<string, LoadedDataset>, fail: (m: string) => never) {
  const set = (name: string) =>
    datasets.get(name) ?? fail(`no data set "${name}" — the data sets of this year are: ${[...datasets.keys()].join(', ') || '(none: add content/<year>/data/<name>.yaml)'}`);
  const series = (d: LoadedDataset, key: string) => {
    if (!seriesOf(d, key)) fail(`data set "${d.name}" has no series "${key}" — it has: ${seriesNames(d).join(', ')}`);
    return key;
  };
  const measure = (d: LoadedDataset, m?: string) => {
    const keys = measureKeys(d);
    const chosen = m ?? (keys.length === 1 ? keys[0]! : fail(`data set "${d.name}" has several measures (${keys.join(', ')}): choose one with "maat:"`));
    if (!keys.includes(chosen)) fail(`data set "${d.name}" has no measure "${chosen}" — it has: ${keys.join(', ')}`);
    return chosen;
  };
  return { set, series, measure };
}

export type DataResolver = ReturnType<typeof dataResolver>;

/** The years a block asks for: a list, a range "2011-2021", or (none given) every year the data has. */
export function resolveYears(jaren: string | number[] | undefined, present: () => number[], fail: (m: string) => never): number[] {
  if (Array.isArray(jaren)) return jaren;
  if (typeof jaren === 'string') {
    const [a, b] = jaren.split('-').map((s) => Number(s.trim())) as [number, number];
    if (b < a) fail(`jaren: ${jaren} runs backwards — write the first year first`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  return [...new Set(present())].sort((x, y) => x - y);
}
