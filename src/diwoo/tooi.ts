import lists from './tooi-lists.json' with { type: 'json' };

/**
 * The TOOI value lists of the DiWoo standard (schemas/standards/diwoo-metadata-lijsten.xsd, read into
 * tooi-lists.json by scripts/write-tooi-lists.mjs): a value is a URI with a label, e.g.
 * https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f "beslisnota".
 */
export type TooiListName = keyof typeof lists.lists;

export interface TooiValue {
  uri: string;
  label: string;
}

/** What each list is, for messages. */
const WHAT: Record<TooiListName, string> = {
  ministerielijst: 'ministries',
  informatiecategorielijst: 'Woo informatiecategorieën',
  documentsoortlijst: 'documentsoorten',
  soorthandelinglijst: 'documenthandelingen',
  documentrelatielijst: 'documentrelaties',
  taallijst: 'languages',
  formatlijst: 'file formats',
};

export function tooiValues(list: TooiListName): TooiValue[] {
  return lists.lists[list].values.map(([uri, label]) => ({ uri: uri!, label: label! }));
}

/** The one value of a list with this URI, or by its label (case aside); else a message saying what to write. */
export function findTooi(list: TooiListName, written: string): { value: TooiValue } | { problem: string } {
  const values = tooiValues(list);
  const byUri = values.find((v) => v.uri === written);
  if (byUri) return { value: byUri };
  const key = written.trim().toLowerCase();
  const byLabel = values.filter((v) => v.label.toLowerCase() === key);
  if (byLabel.length === 1) return { value: byLabel[0]! };
  const where = `the TOOI list of ${WHAT[list]} (${lists.lists[list].set.replace('https://identifier.overheid.nl/tooi/set/', '')}, in ${lists.source})`;
  if (byLabel.length > 1) return { problem: `"${written}" names ${byLabel.length} values of ${where}: ${byLabel.map((v) => v.uri).join(', ')} — write the URI of the one meant` };
  const all = values.length <= 20;
  const shown = all ? values : nearest(values, key, 3);
  return { problem: `"${written}" is not in ${where} — write a label or URI of that list; ${all ? 'its labels' : 'the closest labels'}: ${shown.map((v) => `"${v.label}"`).join(', ')}` };
}

/** The values whose labels are nearest to what was written (edit distance), for a long list. */
function nearest(values: TooiValue[], key: string, n: number): TooiValue[] {
  return values
    .map((v) => ({ v, d: distance(v.label.toLowerCase(), key) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.v);
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
