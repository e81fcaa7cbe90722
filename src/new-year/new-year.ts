import { cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Code, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { isMap, isScalar, parseDocument, type Document, type Pair, type Scalar } from 'yaml';
import { parseYaml } from '../load/read-yaml.js';
import { lineColumnAt, SourceError } from '../errors.js';
import { positionIn } from '../markdown/data-refs.js';
import { parseSections } from '../markdown/parse-section.js';
import { blockName } from '../markdown/block-names.js';
import type { Ondertekening } from '../validate/schemas.js';
import { factsOfType } from '../load/kind-rules.js';
import { loadKinds, type KindLayout, type Kinds } from '../load/kinds.js';
import { ROOT } from '../paths.js';
import type { LayoutDescriptor } from '../validate/layout-schema.js';
import { formatChecklist, type YearReference } from './checklist.js';

const YEAR = /\b(?:19|20)\d{2}\b/g;

/**
 * `voortgang new <year> --from <earlier>`: content/<year>/ as a copy of the earlier year — its documents with
 * their kenmerk and datum facts emptied (so the new year does not build until they are filled in), its sections
 * and data files — and a checklist on the terminal: the facts to fill in, every year named in the text (prose and
 * table/chart blocks) with file:line:column, and the last year of each data file. Which facts are a document's
 * kenmerk, datum and signatories its kind's descriptor says (their `type`, whatever their names), read from the
 * layouts folder `templatesDir`. Written to a temporary folder and renamed into place: an existing year is never
 * touched.
 */
export async function newYear(contentDir: string, year: string, from: string, templatesDir: string = join(ROOT, 'templates')): Promise<string> {
  const source = join(contentDir, from);
  const target = join(contentDir, year);
  if (!existsSync(source)) throw new SourceError(source, undefined, undefined, `--from ${from}: there is no such year to start from`);
  if (existsSync(target)) throw new SourceError(target, undefined, undefined, `${year} exists already: voortgang new never overwrites a year — remove or rename it first`);
  if (Number(year) <= Number(from)) throw new SourceError(target, undefined, undefined, `the new year ${year} should come after ${from}`);

  // Its YAML read as a build reads it: a file with an alias or an unknown tag is named before anything is made.
  await checkYaml(source);
  const layouts = await loadKinds(templatesDir);
  const staging = join(contentDir, `.${year}.new-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await cp(source, staging, { recursive: true });
  const fillIn: string[] = [];
  const emptied: Array<{ name: string; type: 'kenmerk' | 'datum' }> = [];
  const factsWithYears: string[] = [];
  const shown = (file: string) => relative(process.cwd(), join(target, file));
  try {
    for (const entry of (await readdir(staging)).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = join(staging, entry);
      const doc = parseDocument(await readFile(file, 'utf8'));
      const facts = factsToRenew(doc, layouts);
      for (const { name, type } of facts.empty) {
        doc.set(name, null);
        const value = pairOf(doc, name)?.value;
        if (value && typeof value === 'object') (value as { comment?: string }).comment = type === 'kenmerk' ? ' vul in: het kenmerk van deze brief' : ' vul in: de datum, JJJJ-MM-DD';
      }
      const written = doc.toString({ nullStr: '' });
      await writeFile(file, written);
      const renewed = parseDocument(written);
      const lineOf = (name: string) => lineColumnAt(written, pairOf(renewed, name)?.key.range?.[0] ?? 0).line;
      const lines: Array<{ line: number; text: string }> = facts.empty.map(({ name, what }) => ({ line: lineOf(name), text: `${shown(entry)}:${lineOf(name)}: ${name} — ${what}` }));
      for (const f of facts.empty) if (!emptied.some((e) => e.name === f.name)) emptied.push(f);
      if (!facts.kind) {
        // A kind the layouts folder does not have (the build refuses it too): only its common datum is known to be a date.
        const soort = renewed.get('soort', true);
        const { line, column } = lineColumnAt(written, isScalar(soort) ? (soort.range?.[0] ?? 0) : 0);
        lines.push({ line, text: `${shown(entry)}:${line}:${column}: soort: ${isScalar(soort) ? String(soort.value) : '(none)'} — no such kind of document in ${relative(process.cwd(), layouts.dir) || '.'}, so only its datum was emptied: empty its kenmerk and its other dates yourself` });
      }
      // A document copied from a reconstructed one whose signatories were unknown: the new one needs them.
      for (const name of facts.kind ? factsOfType(facts.kind.descriptor, 'ondertekening') : []) {
        const signed = renewed.get(name, true);
        const ONBEKEND: Extract<Ondertekening, string> = 'onbekend';
        if (!isScalar(signed) || signed.value !== ONBEKEND) continue;
        const { line, column } = lineColumnAt(written, signed.range?.[0] ?? 0);
        lines.push({ line, text: `${shown(entry)}:${line}:${column}: ${name}: ${ONBEKEND} — the signatories are unknown; fill in who signs (a list of - functie: …, naam: …), or keep ${ONBEKEND} (no signature block is printed)` });
      }
      fillIn.push(...lines.sort((a, b) => a.line - b.line).map((l) => l.text));
      // Other facts that name a year (the onderwerp, a period): worth a look too.
      written.split('\n').forEach((line, k) => {
        if (line.trimStart().startsWith('#')) return;
        if (YEAR_IN_LINE.test(line.replace(/#.*$/, ''))) factsWithYears.push(`${shown(entry)}:${k + 1}: ${line.trim()}`);
      });
    }
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }

  return formatChecklist({
    target: relative(process.cwd(), target),
    source: relative(process.cwd(), source),
    // The kenmerk facts first, as in each file's list.
    emptied: [...emptied.filter((e) => e.type === 'kenmerk'), ...emptied.filter((e) => e.type === 'datum')].map((e) => e.name),
    fillIn,
    factsWithYears,
    dataFiles: await dataYears(join(target, 'data')),
    references: await yearReferences(target),
  });
}

const YEAR_IN_LINE = /\b(?:19|20)\d{2}\b/;

/** A top-level fact of a data file, by name. */
function pairOf(doc: Document, name: string): Pair<Scalar, unknown> | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === name) as Pair<Scalar, unknown> | undefined;
}

interface FactsToRenew {
  kind?: KindLayout;
  /** The facts written in the file that a new document has anew: its kind's kenmerk facts, then its datum facts. */
  empty: Array<{ name: string; type: 'kenmerk' | 'datum'; what: string }>;
}

/** Which facts of a document's data file a new year empties, by their type in its kind's descriptor. */
function factsToRenew(doc: Document, layouts: Kinds): FactsToRenew {
  const soort = doc.get('soort', true);
  const kind = isScalar(soort) ? layouts.kinds.get(String(soort.value)) : undefined;
  const descriptor: Pick<LayoutDescriptor, 'feiten'> = kind?.descriptor ?? { feiten: {} };
  const named = (type: 'kenmerk' | 'datum') => factsOfType(descriptor, type).filter((name) => doc.has(name));
  const empty = [
    ...named('kenmerk').map((name) => ({ name, type: 'kenmerk' as const, what: 'the kenmerk of the new document' })),
    ...named('datum').map((name) => ({ name, type: 'datum' as const, what: Object.hasOwn(descriptor.feiten, name) ? `${descriptor.feiten[name]!.beschrijving ?? 'a date'}, YYYY-MM-DD` : 'its date, YYYY-MM-DD' })),
  ];
  return { ...(kind ? { kind } : {}), empty };
}

/** Every year named in the sections' text and in their tabel/grafiek blocks, with its file and line. */
async function yearReferences(dir: string): Promise<YearReference[]> {
  const out: YearReference[] = [];
  for (const sub of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== 'data').map((e) => e.name).sort()) {
    for (const name of (await readdir(join(dir, sub))).filter((f) => f.endsWith('.md')).sort()) {
      const path = join(dir, sub, name);
      const { tree } = (await parseSections([{ file: path, text: await readFile(path, 'utf8') }]))[0]!;
      const file = relative(process.cwd(), path);
      visit(tree, (node) => {
        if (node.type === 'text') {
          const text = node as Text;
          for (const m of text.value.matchAll(YEAR)) out.push({ file, line: positionIn(text, m.index).line ?? 0, year: m[0] });
        } else if (node.type === 'code' && (blockName(node as Code) === 'tabel' || blockName(node as Code) === 'grafiek')) {
          const code = node as Code;
          const block = blockName(code) as 'tabel' | 'grafiek';
          code.value.split('\n').forEach((l, k) => {
            for (const m of l.matchAll(YEAR)) out.push({ file, line: (code.position?.start.line ?? 0) + 1 + k, year: m[0], block });
          });
        }
      });
    }
  }
  return out;
}

/** Every YAML file of a year (its documents' facts and its data sets) parses as a build parses it. */
async function checkYaml(dir: string): Promise<void> {
  for (const sub of [dir, join(dir, 'data')]) {
    if (!existsSync(sub)) continue;
    for (const name of (await readdir(sub)).filter((f) => f.endsWith('.yaml')).sort()) parseYaml(join(sub, name), await readFile(join(sub, name), 'utf8'));
  }
}

/** The last year with figures in each data file. */
async function dataYears(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    const data = parseYaml(file, await readFile(file, 'utf8')).value as { reeksen?: Record<string, Record<string, unknown>> } | null;
    const years = Object.values(data?.reeksen ?? {}).flatMap((series) =>
      Object.values(series).flatMap((figures) => (figures && typeof figures === 'object' ? Object.keys(figures).map(Number).filter((y) => y > 1900) : [])),
    );
    out.push(`${relative(process.cwd(), join(dir, name))}: figures up to ${years.length ? Math.max(...years) : '(none)'}`);
  }
  return out;
}

