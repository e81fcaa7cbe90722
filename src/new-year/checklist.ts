/**
 * The checklist `voortgang new` prints: the facts first (what to fill in, the facts that name a year, the data
 * files to extend), then the years named in the text grouped per file — one header per file, one line per year
 * with the lines it is named on — so that a year of 300 references reads as a page, every place still reachable
 * as file:line.
 */
export interface YearReference {
  /** The file as the user reads it (relative to the working folder). */
  file: string;
  line: number;
  year: string;
  /** Named in a ```tabel or ```grafiek block, not in prose. */
  block?: 'tabel' | 'grafiek';
}

export interface Checklist {
  target: string;
  source: string;
  /** The names of the facts emptied (a kind's kenmerk and datum facts, by their type), each once. */
  emptied: string[];
  /** `file:line: what`, in the order of the files. */
  fillIn: string[];
  /** `file:line: the fact's line`, for facts (onderwerp, a period) that name a year. */
  factsWithYears: string[];
  /** `file: figures up to <year>`. */
  dataFiles: string[];
  references: YearReference[];
}

export function formatChecklist(c: Checklist): string {
  const until = c.emptied.length ? ` It does not build until ${listed(c.emptied)} ${c.emptied.length === 1 ? 'is' : 'are'} filled in.` : '';
  const lines = [`${c.target}/ made from ${c.source}/.${until}`, '', 'Fill in:', ...c.fillIn.map((l) => `  ${l}`)];
  if (c.factsWithYears.length) lines.push('', 'Facts that name a year, to check:', ...c.factsWithYears.map((l) => `  ${l}`));
  if (c.dataFiles.length) lines.push('', 'Data files, to extend with the figures of the new period:', ...c.dataFiles.map((l) => `  ${l}`));
  const files = groupBy(c.references, (r) => r.file);
  lines.push('', `Years named in the text, to check (${c.references.length} in ${files.size} file${files.size === 1 ? '' : 's'}):`);
  for (const [file, refs] of files) {
    lines.push(`${file}`);
    // The latest years first: they are the ones a new year most often changes.
    const years = [...groupBy(refs, (r) => r.year)].sort(([a], [b]) => Number(b) - Number(a));
    for (const [year, at] of years) lines.push(`  ${at.length} × ${year} at ${placesOf(at)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The lines of a year's references, each once, in order; a line in a block says which. */
function placesOf(refs: YearReference[]): string {
  const seen = new Map<number, YearReference>();
  for (const r of refs) if (!seen.has(r.line)) seen.set(r.line, r);
  const places = [...seen.values()].sort((a, b) => a.line - b.line).map((r) => (r.block ? `${r.line} (${r.block})` : String(r.line)));
  return `${places.length === 1 ? 'line' : 'lines'} ${places.join(', ')}`;
}

/** "a", "a and b", "a, b and c". */
function listed(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
