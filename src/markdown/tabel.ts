import type { Code } from 'mdast';
import type { Element } from 'hast';
import { h } from 'hastscript';
import { z } from 'zod';
import { SourceError } from '../errors.js';
import { formatChange, formatValue } from '../format/nl.js';
import type { LoadedDataset } from '../load/load-document.js';
import { parseYaml } from '../load/read-yaml.js';
import { issueToError } from '../validate/validate-yaml.js';

/**
 * The `tabel` block: a table rendered from a data set in content/<year>/data/.
 *
 *     ```tabel
 *     data: hic                      # content/<year>/data/hic.yaml
 *     jaren: 2011-2021               # one row per year (default: every year in the data)
 *     reeksen: [overvallen, geweld]  # columns (default: every series)
 *     ontwikkeling: true             # adds "Procentuele ontwikkeling 2011-2021"
 *     ```
 *
 * or with the series as rows and chosen (measure, year) columns:
 *
 *     ```tabel
 *     data: opheldering
 *     rijen: reeksen
 *     kop: Ophelderingspercentages
 *     kolommen: [doel 2019, realisatie 2019, realisatie 2021]
 *     ```
 */
export const tabelSchema = z
  .object({
    data: z.string().min(1),
    rijen: z.enum(['jaren', 'reeksen']).default('jaren'),
    kop: z.string().optional(),
    jaren: z
      .union([z.string().regex(/^\d{4}\s*-\s*\d{4}$/, 'expected a range such as 2011-2021'), z.array(z.number().int())])
      .optional(),
    reeksen: z.array(z.string()).min(1).optional(),
    maat: z.string().optional(),
    kolommen: z.array(z.string().regex(/^[a-z][a-z0-9_]*\s+\d{4}$/, 'expected "<maat> <jaar>", e.g. "realisatie 2021"')).min(1).optional(),
    ontwikkeling: z.boolean().default(false),
  })
  .strict();

type Tabel = z.infer<typeof tabelSchema>;

export function renderTabel(node: Code, file: string, datasets: Map<string, LoadedDataset>): Element {
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const source = parseYaml(file, node.value, firstLine - 1);
  const parsed = tabelSchema.safeParse(source.value);
  if (!parsed.success) throw issueToError(source, parsed.error.issues[0]!);
  const spec = parsed.data;
  const fail = (message: string): never => {
    throw new SourceError(file, node.position?.start.line, node.position?.start.column, `tabel: ${message}`);
  };

  const loaded = datasets.get(spec.data) ?? fail(`no data set "${spec.data}" — the data sets of this year are: ${[...datasets.keys()].join(', ') || '(none: add content/<year>/data/<name>.yaml)'}`);
  const data = loaded.data;
  const seriesKeys = spec.reeksen ?? Object.keys(data.reeksen);
  for (const key of seriesKeys) if (!data.reeksen[key]) fail(`data set "${spec.data}" has no series "${key}" — it has: ${Object.keys(data.reeksen).join(', ')}`);
  const measureOf = (m?: string) => {
    const keys = Object.keys(data.maten);
    const measure = m ?? (keys.length === 1 ? keys[0]! : fail(`data set "${spec.data}" has several measures (${keys.join(', ')}): choose one with "maat:"`));
    if (!data.maten[measure]) fail(`data set "${spec.data}" has no measure "${measure}" — it has: ${keys.join(', ')}`);
    return measure;
  };
  const value = (series: string, measure: string, year: number) => (data.reeksen[series]![measure] as Record<string, number> | undefined)?.[String(year)];

  if (spec.rijen === 'jaren') return byYear(spec, seriesKeys, measureOf(spec.maat), value, data, fail);
  return bySeries(spec, seriesKeys, value, data, measureOf, fail);

  // --- layouts -----------------------------------------------------------------------------------
  function years(measure: string): number[] {
    if (Array.isArray(spec.jaren)) return spec.jaren;
    if (typeof spec.jaren === 'string') {
      const [a, b] = spec.jaren.split('-').map((s) => Number(s.trim())) as [number, number];
      if (b < a) fail(`jaren: ${spec.jaren} runs backwards — write the first year first`);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
    const all = new Set<number>();
    for (const key of seriesKeys) for (const y of Object.keys((data.reeksen[key]![measure] as object) ?? {})) all.add(Number(y));
    return [...all].sort((x, y) => x - y);
  }

  function byYear(spec: Tabel, keys: string[], measure: string, get: typeof value, d: typeof data, f: typeof fail): Element {
    const ys = years(measure);
    if (ys.length === 0) f(`data set "${spec.data}" has no years for measure "${measure}"`);
    const head = h('thead', h('tr', [h('th', { scope: 'col' }, spec.kop ?? 'Jaar'), ...keys.map((k) => h('th', { scope: 'col' }, d.reeksen[k]!.label))]));
    const rows = ys.map((y) =>
      h('tr', [h('th', { scope: 'row' }, String(y)), ...keys.map((k) => h('td', formatValue(get(k, measure, y), d.eenheid)))]),
    );
    const foot: Element[] = [];
    if (spec.ontwikkeling) {
      const first = ys[0]!;
      const last = ys[ys.length - 1]!;
      const cells = keys.map((k) => {
        const a = get(k, measure, first);
        const b = get(k, measure, last);
        if (a === undefined || b === undefined) f(`ontwikkeling needs a value for ${first} and ${last} in series "${k}"`);
        if (a === 0) f(`ontwikkeling: series "${k}" is 0 in ${first}, so a change in percent does not exist`);
        return h('td', formatChange(a!, b!));
      });
      foot.push(h('tr', { className: ['berekend'] }, [h('th', { scope: 'row' }, `Procentuele ontwikkeling ${first}-${last}`), ...cells]));
    }
    return h('table', { className: ['tabel', 'tabel-jaren'], dataBron: d.bron }, [head, h('tbody', rows), ...(foot.length ? [h('tfoot', foot)] : [])]);
  }

  function bySeries(spec: Tabel, keys: string[], get: typeof value, d: typeof data, measure: typeof measureOf, f: typeof fail): Element {
    const columns = (spec.kolommen ?? f('with "rijen: reeksen", list the columns as "kolommen: [<maat> <jaar>, …]"')).map((c) => {
      const [m, y] = c.split(/\s+/) as [string, string];
      return { measure: measure(m), year: Number(y) };
    });
    const head = h('thead', h('tr', [h('th', { scope: 'col' }, spec.kop ?? ''), ...columns.map((c) => h('th', { scope: 'col' }, `${d.maten[c.measure]} ${c.year}`))]));
    const rows = keys.map((k) => h('tr', [h('th', { scope: 'row' }, d.reeksen[k]!.label), ...columns.map((c) => h('td', formatValue(get(k, c.measure, c.year), d.eenheid)))]));
    return h('table', { className: ['tabel', 'tabel-reeksen'], dataBron: d.bron }, [head, h('tbody', rows)]);
  }
}
