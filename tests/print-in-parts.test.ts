import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticContent } from '../bench/synthetic.js';
import { PART_PAGES, SPLIT_ABOVE } from '../src/print/print-in-parts.js';
import { voortgang } from './helpers/cli.js';
import { Name, PdfFile, PdfString, treeEntries, type PdfDict, type PdfValue } from './helpers/pdf-objects.js';
import { readLetter } from './helpers/pdf-text.js';
import { RULES } from './helpers/pdfa-rules.js';

// A letter longer than SPLIT_ABOVE pages is printed in parts of about PART_PAGES pages and joined
// (src/print/merge-pdf.ts). The 2022 body ×26 (≈ 330 pages) is printed in two parts; the same body ×1 (one
// part) is the reference for its bookmarks.
const COPIES = 26;
const dir = mkdtempSync(join(tmpdir(), 'voortgang-parts-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outline = Array<{ title: string; dest: unknown; items: Outline }>;
const build = (copies: number) => {
  const content = syntheticContent(join(dir, `x${copies}`), copies);
  const output = join(dir, `x${copies}`, 'output');
  const r = voortgang(['build', '2022', '--content', content, '--output', output], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return join(output, '2022', 'kamerbrief.pdf');
};

describe(`a letter of more than ${SPLIT_ABOVE} pages, printed in parts`, () => {
  let long: string;
  let short: string;
  beforeAll(() => {
    long = build(COPIES);
    short = build(1);
  }, 300_000);

  it('has every page, every footnote on the page that calls it, every footer "Pagina i van N"', async () => {
    const pages = await readLetter(long);
    expect(pages.length).toBeGreaterThan(SPLIT_ABOVE);
    expect(Math.ceil(pages.length / PART_PAGES)).toBeGreaterThanOrEqual(2);
    const called = pages.flatMap((p) => p.calls.map((c) => [c, p.number] as const));
    expect(called.map(([c]) => Number(c))).toEqual(Array.from({ length: 51 * COPIES }, (_, i) => i + 1));
    for (const [n, page] of called) expect(pages[page - 1]!.noteNumbers, `note ${n} on page ${page}`).toContain(n);
    for (const p of pages) expect(p.footer).toBe(`Pagina ${p.number} van ${pages.length}`);
  });

  it('keeps every PDF/A-2b and PDF/UA-1 rule that tests/pdfa.test.ts checks (the joined file is finalized as any other)', () => {
    const bytes = readFileSync(long);
    for (const rule of RULES) expect(rule.check(bytes), rule.clause).toEqual([]);
  });

  it('has one structure tree: unique parent tree keys for pages and annotations, every key listed, ids unique', () => {
    const pdf = new PdfFile(readFileSync(long));
    const root = pdf.root!;
    const tree = pdf.dict(root.get('StructTreeRoot'))!;
    const entries = treeEntries(pdf, tree.get('ParentTree'));
    const keys = entries.map(([k]) => k as number);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(keys.length);
    expect(tree.get('ParentTreeNextKey')).toBe(Math.max(...keys) + 1);

    const used: number[] = [];
    for (const { dict } of pdf.pages()) {
      used.push(dict.get('StructParents') as number);
      for (const a of (pdf.get(dict.get('Annots')) as PdfValue[] | undefined) ?? []) {
        const annot = pdf.dict(a)!;
        if (annot.has('StructParent')) used.push(annot.get('StructParent') as number);
      }
    }
    expect(new Set(used).size).toBe(used.length);
    expect(used.every((k) => keys.includes(k))).toBe(true);

    // The top elements name the one root as their parent.
    const kids = pdf.get(tree.get('K')) as PdfValue[];
    expect(kids.length).toBeGreaterThanOrEqual(2);
    for (const k of kids) expect(pdf.dict(pdf.dict(k)!.get('P'))).toBe(tree);
    const ids = treeEntries(pdf, tree.get('IDTree')).map(([name]) => (name as PdfString).text());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names each part’s font subsets apart', () => {
    const pdf = new PdfFile(readFileSync(long));
    const fonts = new Map<string, Set<PdfDict>>();
    for (const { resources } of pdf.pages()) {
      const dict = pdf.dict(resources?.get('Font'));
      for (const v of dict?.values() ?? []) {
        const font = pdf.dict(v)!;
        const name = (font.get('BaseFont') as Name).name;
        fonts.set(name, (fonts.get(name) ?? new Set()).add(font));
      }
    }
    expect(fonts.size).toBeGreaterThanOrEqual(6); // three faces, two parts at least
    for (const [name, objects] of fonts) expect(objects.size, name).toBe(1);
  });

  it('links every footnote call to its note on the same page, through the one /Dests', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(long)), verbosity: 0 }).promise;
    try {
      let links = 0;
      for (const n of [1, PART_PAGES, PART_PAGES + 1, doc.numPages]) {
        const page = await doc.getPage(n);
        for (const a of await page.getAnnotations()) {
          if (a.subtype !== 'Link' || typeof a.dest !== 'string' || !a.dest.startsWith('noot-')) continue;
          const dest = (await doc.getDestination(a.dest)) as [{ num: number; gen: number }, ...unknown[]];
          expect(dest, a.dest).not.toBeNull();
          expect((await doc.getPageIndex(dest[0])) + 1, `${a.dest} from page ${n}`).toBe(n);
          links++;
        }
      }
      expect(links).toBeGreaterThan(0);
    } finally {
      await doc.destroy();
    }
  });

  it('has the bookmarks of the letter, once per copy, nested by heading as in a letter printed whole', async () => {
    const outline = async (file: string) => {
      const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
      try {
        return ((await doc.getOutline()) ?? []) as unknown as Outline;
      } finally {
        await doc.destroy();
      }
    };
    const shape = (items: Outline): unknown[] => items.map((i) => [i.title, shape(i.items)]);
    const one = shape(await outline(short));
    expect(one.length).toBeGreaterThan(3);
    expect(shape(await outline(long))).toEqual(Array.from({ length: COPIES }, () => one).flat());
  });
});
