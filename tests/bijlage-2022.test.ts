import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPdfText, type PageText } from './helpers/pdf-text.js';
import { seedBody, wordSimilarity } from './helpers/similarity.js';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';

/**
 * The 2022 letter's bijlage, the Actieprogramma Taskforce Overvallen 2022-2026, as printed by the bijlage
 * layout (templates/bijlage/): read back from the PDF as a reader sees it.
 */
const SEED = readFileSync(join(import.meta.dirname, 'fixtures', 'seeds', 'actieprogramma-taskforce-overvallen-2022-2026.md'), 'utf8');
const SECTIONS = join(ROOT, 'content', '2022', 'actieprogramma');
let pdfFile: string;
let pages: PageText[];

async function open(file: string) {
  return getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}
const squash = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
const pageText = (p: PageText) => squash(p.runs.map((r) => r.str).join(' '));

/** The headings of the sources, in order, as written (a tussenkop without its *emphasis*). */
function sourceHeadings(): { level: number; text: string }[] {
  return readdirSync(SECTIONS)
    .sort()
    .flatMap((f) => readFileSync(join(SECTIONS, f), 'utf8').split('\n'))
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => ({ level: l.indexOf(' '), text: l.replace(/^#+ /, '').replace(/^\*(.*)\*$/, '$1') }));
}

interface TocEntry { text: string; printed: number; target: number; targetY: number; lines: number; pageNumberOnLastLine: boolean; numberOnFirstLine: boolean }

/** The table of contents as printed: each link on its pages, the text inside it and the page it goes to. */
async function readToc(file: string): Promise<TocEntry[]> {
  const doc = await open(file);
  const entries: TocEntry[] = [];
  const text = await readPdfText(file);
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3]!;
    for (const a of await page.getAnnotations()) {
      if (a.subtype !== 'Link' || typeof a.dest !== 'string' || !a.dest.startsWith('kop-')) continue;
      const dest = (await doc.getDestination(a.dest))!;
      const target = (await doc.getPageIndex(dest[0] as never)) + 1;
      const [, y1, , y2] = a.rect as number[];
      const runs = text[i - 1]!.runs.filter((r) => height - r.top >= y1! - 1 && height - r.top <= y2! + 1);
      const words = squash(runs.map((r) => r.str).join(' '));
      const m = /^(.*?)\s*(\d+)$/.exec(words)!;
      // Where the entry's lines are: the page number is the rightmost run of digits, a heading number its leftmost run.
      const tops = [...new Set(runs.map((r) => Math.round(r.top)))].sort((a, b) => a - b).filter((t, k, all) => k === 0 || t - all[k - 1]! > 2);
      const pageNumber = runs.filter((r) => /^\d+$/.test(r.str.trim())).sort((a, b) => b.x - a.x)[0]!;
      const first = [...runs].sort((a, b) => a.x - b.x)[0]!;
      entries.push({
        text: m[1]!, printed: Number(m[2]), target, targetY: dest[3] as number, lines: tops.length,
        pageNumberOnLastLine: Math.abs(pageNumber.top - tops[tops.length - 1]!) <= 2,
        numberOnFirstLine: !/^\d/.test(m[1]!) || Math.abs(first.top - tops[0]!) <= 2,
      });
    }
  }
  await doc.destroy();
  return entries;
}

beforeAll(async () => {
  pdfFile = join(inject('output'), '2022', 'actieprogramma.pdf');
  pages = await readPdfText(pdfFile);
});

describe('the Actieprogramma Taskforce Overvallen 2022-2026, as printed', () => {
  it('has a cover with the title, "Den Haag, november 2022" and the partners, and no page number', () => {
    const cover = pageText(pages[0]!);
    expect(cover).toContain('Actieprogramma Taskforce Overvallen 2022-2026');
    expect(cover).toContain('Den Haag, november 2022');
    for (const p of ['Retail Veiligheids Overleg', 'Ministerie van Justitie en Veiligheid', 'Openbaar Ministerie']) expect(cover).toContain(p);
    expect(pageText(pages[1]!)).toMatch(/^Actieprogramma Taskforce Overvallen 2022-2026 Inhoud/); // running header, then the contents
  });

  it('has a table of contents whose every entry is a heading, numbered by the layout, with the page the heading lands on, linked to it', async () => {
    const toc = await readToc(pdfFile);
    const headings = sourceHeadings();
    expect(toc.length).toBe(headings.length);
    // Chapters (##) 1., 2., …; paragraphs (###) 1.1, …; the title (#) and the tussenkoppen (*…*) unnumbered.
    let chapter = 0;
    let paragraph = 0;
    const expected = headings.map((h, i) => {
      const tussenkop = /^\*.*\*$/.test(readdirSync(SECTIONS).sort().flatMap((f) => readFileSync(join(SECTIONS, f), 'utf8').split('\n')).filter((l) => /^#{1,6} /.test(l))[i]!.replace(/^#+ /, ''));
      if (h.level === 2) { chapter++; paragraph = 0; return `${chapter}. ${h.text}`; }
      if (h.level === 3 && !tussenkop) { paragraph++; return `${chapter}.${paragraph} ${h.text}`; }
      return h.text;
    });
    expect(toc.map((e) => e.text)).toEqual(expected.map(squash));
    expect(expected).toContain('2.3 Tweejarige algemene recidive van overvallers, 2008-2017');
    expect(expected).toContain('7. Concrete maatregelen');
    for (const e of toc) {
      // The link goes to the page the number says …
      expect(e.target, e.text).toBe(e.printed);
      // … and that page has the heading where the link lands (its first line at the link's height).
      const page = pages[e.target - 1]!;
      const height = 297 * (72 / 25.4);
      const at = squash(page.runs.filter((r) => height - r.top <= e.targetY + 1 && height - r.top >= e.targetY - 45).map((r) => r.str).join(' '));
      expect(at.startsWith(e.text.slice(0, 30)), `${e.text} on page ${e.target}: "${at.slice(0, 80)}"`).toBe(true);
    }
  });

  it('prints a wrapped contents entry with its number on the first line and its dots and page number on the last', async () => {
    const toc = await readToc(pdfFile);
    const wrapped = toc.filter((e) => e.lines > 1);
    // Headings longer than the column wrap (2. Ontwikkelingen aard en omvang overvallen, straatroven en ram- en plofkraken).
    expect(wrapped.map((e) => e.text)).toContain('2. Ontwikkelingen aard en omvang overvallen, straatroven en ram- en plofkraken');
    for (const e of toc) {
      expect(e.pageNumberOnLastLine, `${e.text}: page number not on its last line`).toBe(true);
      expect(e.numberOnFirstLine, `${e.text}: heading number not on its first line`).toBe(true);
    }
  });

  it('keeps a paragraph that ends in ":" on the page where the list it introduces begins', () => {
    // From the sources: every paragraph ending in ":" followed by a list; its last words and the list's first words.
    const plain = (md: string) => squash(md.replace(/\[\^[^\]]+\]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/^\s*(?:[-*]|\d+\.)\s+/, ''));
    const pairs = readdirSync(SECTIONS).sort().flatMap((f) => {
      const lines = readFileSync(join(SECTIONS, f), 'utf8').split('\n');
      return lines.flatMap((l, i) => (/:\s*$/.test(l) && !/^\s*(?:[-*#|]|\d+\.)/.test(l) && lines[i + 1]?.trim() === '' && /^\s*(?:[-*]|\d+\.)\s/.test(lines[i + 2] ?? '') ? [{ at: `${f}:${i + 1}`, end: plain(l).split(' ').slice(-4).join(' '), list: plain(lines[i + 2]!).split(' ').slice(0, 4).join(' ') }] : []));
    });
    expect(pairs.length).toBe(6); // 03-resultaten.md: 4, 07-concrete-maatregelen.md: 2
    const bare = (t: string) => t.replace(/\s+/g, ''); // runs of one line may be joined with or without a space
    const pageOf = (words: string) => pages.findIndex((p) => bare(pageText(p)).includes(bare(words))) + 1;
    for (const { at, end, list } of pairs) {
      expect(pageOf(end), `${at}: "${end}"`).toBeGreaterThan(0);
      expect(pageOf(list), `${at}: the list after "${end}" starts with "${list}"`).toBe(pageOf(end));
    }
  });

  it('starts the title page and the contents on pages of their own; notes are printed at the foot of their call\'s page', () => {
    expect(pageText(pages[1]!)).toContain('Inhoud');
    const title = pages.findIndex((p, i) => i > 1 && pageText(p).includes('Actieprogramma aanpak overvallen 2022-2026 De Taskforce Overvallen'));
    expect(title).toBeGreaterThan(1);
    expect(pageText(pages[title]!)).not.toContain('Inhoud');
    // Note 1 (the Besluit of 1 december 2021) on the page of its call, below the text.
    const page = pages[title]!;
    const note = page.runs.find((r) => r.str.startsWith('Besluit van de Minister van Justitie en Veiligheid van 1 december 2021'))!;
    expect(note.size).toBe(7);
    expect(note.top).toBeGreaterThan(Math.max(...page.runs.filter((r) => r.size === 9).map((r) => r.top)));
  });

  it('prints the cells of the tables of § 2.1, 2.2 and 6.5 as the seed has them', () => {
    const all = pages.map(pageText).join(' ');
    // § 2.1 and § 2.2: every row of the seed's tables (an empty cell is printed as a dash).
    const rows = (from: RegExp, count: number) => {
      const lines = SEED.split('\n');
      const start = lines.findIndex((l) => from.test(l));
      return lines.slice(start + 1, start + 1 + count).map((l) => l.split('\t').map((c) => c.trim() || '–').join(' '));
    };
    for (const row of [...rows(/^Jaar\tOvervallen\tStraatroof\tRam- en plofkraken$/, 10), ...rows(/^Jaar\tOvervallen\tStraatroof$/, 8)]) expect(all).toContain(row);
    // § 6.5: the realised and ambitioned figures, without the seed's note calls.
    for (const row of ['2019 1.000 1.174 51% 52,4% 36% 43%', '2020 925 907 53% 53,4% 35% 43%', '2021 – 681 – 62,57% – 38%', '2023 900 – 53% – – –',
      '2019 3.100 3.777 28% 29,2% 48% 54%', '2020 2.900 3.184 30% 32,6% 47% 53%', '2021 – 2.318 – 38,56% – 44%', '2023 2.900 – 30% – – –']) expect(all).toContain(row);
  });

  it('draws the § 2.3 recidive figure from its data set: its years, its caption and source, and its figures in the text alternative', () => {
    const i = pages.findIndex((p) => pageText(p).includes('Tweejarige algemene recidive (%)'));
    expect(i).toBeGreaterThan(0);
    const figurePage = pageText(pages[i]!);
    expect(figurePage).toContain('2008 2009 2010 2011 2012 2013 2014 2015 2016 2017');
    expect(figurePage).toContain('Bron: WODC, Achtergronden en recidive onder daders van high impact crimes veroordeeld in 2002-2017, Cahier 2021-7');
    const html = readFileSync(join(inject('output'), '2022', 'actieprogramma.html'), 'utf8');
    expect(html).toContain('Overvallers: van 45,9% in 2008 naar 37,6% in 2017');
  });

  it('has the body text of the seed (word-sequence similarity ≥ 0.98)', () => {
    const seed = seedBody(SEED, { from: /^Actieprogramma aanpak overvallen 2022-2026$/, to: /^$ZZZ/ });
    const header = 'Actieprogramma Taskforce Overvallen 2022-2026';
    const body = pages
      .slice(pages.findIndex((p, i) => i > 1 && pageText(p).includes('Actieprogramma aanpak overvallen 2022-2026 De Taskforce')))
      .map((p) => p.runs.filter((r) => r.size !== 7 && r.size !== 6 && !(r.str === header && r.top < 60) && r.top < 780).map((r) => r.str).join(' '))
      .join(' ');
    const similarity = wordSimilarity(seed, body);
    expect(similarity).toBeGreaterThanOrEqual(0.98);
  });

  it('has an outline (bookmarks) of its headings, and the PDF\'s facts', async () => {
    const doc = await open(pdfFile);
    const outline = await doc.getOutline();
    expect(outline[0]!.title).toBe('Actieprogramma aanpak overvallen 2022-2026');
    const flat = (items: typeof outline): string[] => items.flatMap((o) => [o.title, ...flat(o.items)]);
    expect(flat(outline)).toContain('2.3 Tweejarige algemene recidive van overvallers, 2008-2017');
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> & { Custom: Record<string, string> } };
    expect(info.Title).toBe('Actieprogramma Taskforce Overvallen 2022-2026');
    expect(info.Subject).toBe('Bijlage');
    expect(info.Custom.VoortgangDocument).toBe('2022/actieprogramma');
    await doc.destroy();
    expect(readFileSync(pdfFile).toString('latin1')).toContain('/StructTreeRoot'); // tagged
  });

  it('verifies as identical to a rebuild from its sources', () => {
    const r = voortgang(['verify', pdfFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/actieprogramma\.pdf: identical — rebuilt 2022\/actieprogramma/);
  });
});

describe('figures bound to the data', () => {
  it('prints the prose figures from the data sets: "af met 71%", overvallen "af met 66%" (the original says 68%, its own table 1.982 → 676), "62,57%", "49,9% in 2017", "van 45,9% tot 37,6%"', () => {
    const all = pages.map(pageText).join(' ');
    expect(all).toContain('nam tussen 2012 en 2021 af met 71%');
    expect(all).toContain('overvallen nam in dezelfde periode af met 66%');
    expect(all).toContain('werd bereikt in 2021 met 62,57%. Het laagste percentage was 49,9% in 2017');
    expect(all).toContain('is gedaald van 45,9% tot 37,6%. Dit betekent dat 37,6% van de overvallers');
    const source = readFileSync(join(SECTIONS, '02-ontwikkelingen.md'), 'utf8');
    for (const written of ['af met 71%', 'af met 68%', 'af met 66%', '62,57%', '49,9%', '45,9%', '37,6%']) expect(source).not.toContain(written);
  });

  it('a changed figure in a data set changes the table, the prose and the figure together', async () => {
    const dir = scratchCopy(['content']);
    const data = (f: string) => join(dir, 'content', '2022', 'data', f);
    const edit = (f: string, from: string, to: string) => {
      const t = readFileSync(data(f), 'utf8');
      expect(t).toContain(from);
      writeFileSync(data(f), t.replace(from, to));
    };
    edit('hic.yaml', '2021: 2321 }', '2021: 2415 }');
    edit('opheldering-politie.yaml', '2017: 49.9,', '2017: 48.8,');
    edit('recidive.yaml', '2017: 37.6', '2017: 36.1');
    const out = join(dir, 'output');
    const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const all = (await readPdfText(join(out, '2022', 'actieprogramma.pdf'))).map(pageText).join(' ');
    expect(all).toContain('2021 676 2.415 20'); // table § 2.1
    expect(all).toContain('nam tussen 2012 en 2021 af met 70%'); // (2415 − 8050) / 8050
    expect(all).toContain('2017 48,8% 25,7%'); // table § 2.2
    expect(all).toContain('Het laagste percentage was 48,8% in 2017');
    expect(all).toContain('is gedaald van 45,9% tot 36,1%');
    expect(readFileSync(join(out, '2022', 'actieprogramma.html'), 'utf8')).toContain('Overvallers: van 45,9% in 2008 naar 36,1% in 2017'); // figure
  });
});

describe('the Kamerbrief\'s bijlagen', () => {
  it('builds the letter and its bijlage with voortgang build 2022', () => {
    expect(readdirSync(join(inject('output'), '2022')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['actieprogramma.pdf', 'kamerbrief.pdf']);
  });

  /** The 2022 letter with one edit of its kamerbrief.yaml, built: the result, the file and the line where `marker` is. */
  const buildEdited = (from: string, to: string, marker: (line: string) => boolean) => {
    const dir = scratchCopy(['content']);
    const file = join(dir, 'content', '2022', 'kamerbrief.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    return { r, line: readFileSync(file, 'utf8').split('\n').findIndex(marker) + 1 };
  };

  it('an error at the bijlagen line when their number is not that of the bijlagen the letter lists', () => {
    const { r, line } = buildEdited('bijlagen: 2\n', 'bijlagen: 3\n', (l) => l.startsWith('bijlagen:'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`content/2022/kamerbrief.yaml:${line}:11: bijlagen: says 3, but bijlagestukken lists 2 — make them agree (a bijlage not made by voortgang is listed as { extern: <title> })`);
  });

  it('an error at its line for a bijlage named as a document of the year that does not exist', () => {
    const { r, line } = buildEdited('document: actieprogramma', 'document: actieprogram', (l) => l.includes('document: actieprogram'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`content/2022/kamerbrief.yaml:${line}:15: bijlagestukken: "actieprogram" is not another document of 2022`);
  });
});
