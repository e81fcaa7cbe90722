import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, voortgang } from './helpers/cli.js';
import { joinRuns, readPdfText, type PageText, type TextRun } from './helpers/pdf-text.js';
import { guideBlocks, kindGuide, type GuideBlock } from './helpers/readme-guide.js';

/**
 * The README's "Adding a kind of document", followed as a new user would: its files are written from the
 * README's own code blocks (each under a line naming its path), its shell commands run as written, in a scratch
 * folder holding a copy of voortgang's content/afzenders. The PDF is then read back and held to what the guide
 * promises — and to what a reader checks: every entry of the table of contents gives the page its heading is
 * printed on, and every page after the title page has the margin column and "Pagina n van m".
 */
const GUIDE = kindGuide();

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** 2030-05-14 → "14 mei 2030", written out here as a reader writes it. */
const dutchDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

const MM = 72 / 25.4;
const MARGIN_X = 160 * MM; // the margin column stands at 161 mm (huisstijl.css), right of the 137.5 mm text column
const FOOTER_TOP = 276 * MM; // below the text area (tekst-onder: 275mm)
const squash = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

/** A page's runs in lines (top within 2 pt), each line's runs left to right. */
function linesOf(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => a.top - b.top || a.x - b.x);
  const lines: TextRun[][] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.top - r.top) <= 2) last.push(r);
    else lines.push([r]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

const body = (p: PageText) => p.runs.filter((r) => r.x < MARGIN_X);
const margin = (p: PageText) => squash(joinRuns(p.runs.filter((r) => r.x >= MARGIN_X && r.top < FOOTER_TOP)));
const footer = (p: PageText) => squash(joinRuns(p.runs.filter((r) => r.x >= MARGIN_X && r.top >= FOOTER_TOP)));

/** The headings of the sections as the layout numbers them (## → "1.", ### → "1.1"), counted here from the Markdown. */
function numberedHeadings(sections: string[]): string[] {
  let chapter = 0;
  let paragraph = 0;
  return sections.flatMap((md) =>
    md.split('\n').flatMap((l) => {
      const m = /^(#{2,3}) (.*)$/.exec(l);
      if (!m) return [];
      if (m[1] === '##') {
        chapter++;
        paragraph = 0;
        return [`${chapter}. ${m[2]}`];
      }
      paragraph++;
      return [`${chapter}.${paragraph} ${m[2]}`];
    }),
  );
}

/** The table of contents as printed: on the page that starts with "Inhoud", each line's heading and page number. */
function printedContents(pages: PageText[]): { page: number; entries: Array<{ heading: string; page: number }> } {
  const at = pages.findIndex((p) => linesOf(body(p))[0]?.map((r) => r.str).join('').trim() === 'Inhoud');
  expect(at, 'a page that starts with "Inhoud"').toBeGreaterThan(0);
  const entries = linesOf(body(pages[at]!))
    .slice(1)
    .map((line) => {
      const last = line[line.length - 1]!;
      expect(last.str.trim(), `a page number at the end of "${line.map((r) => r.str).join(' ')}"`).toMatch(/^\d+$/);
      return { heading: squash(line.slice(0, -1).map((r) => r.str).join(' ')), page: Number(last.str.trim()) };
    });
  return { page: at + 1, entries };
}

/** The page each heading is printed on, after the contents: the first page with a line reading as the heading. */
function pageOfHeading(pages: PageText[], after: number, heading: string): number {
  const k = pages.findIndex((p, i) => i + 1 > after && linesOf(body(p)).some((l) => squash(l.map((r) => r.str).join(' ')) === heading));
  return k + 1;
}

let dir: string;
let blocks: GuideBlock[];
const files = () => blocks.filter((b) => b.path);

/** Does what the guide says: its shell commands and its files, in its order. Returns the output of its build. */
function followGuide(): { stdout: string; stderr: string; status: number | null } {
  let build: { stdout: string; stderr: string; status: number | null } | undefined;
  for (const b of blocks) {
    if (b.path) {
      mkdirSync(join(dir, dirname(b.path)), { recursive: true });
      writeFileSync(join(dir, b.path), b.text);
      continue;
    }
    if (b.lang !== 'sh') continue;
    for (const command of b.text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean)) {
      const cp = /^cp -r templates (\S+)$/.exec(command);
      const run = /^npx voortgang (.*)$/.exec(command);
      if (cp) cpSync(join(ROOT, 'templates'), join(dir, cp[1]!), { recursive: true });
      else if (run) build = voortgang(run[1]!.split(/\s+/), { cwd: dir });
      else throw new Error(`the guide has a command this test does not know: ${command}`);
    }
  }
  if (!build) throw new Error('the guide has no voortgang command');
  return build;
}

beforeAll(() => {
  blocks = guideBlocks();
  dir = mkdtempSync(join(tmpdir(), 'voortgang-kind-guide-'));
  cpSync(join(ROOT, 'content', 'afzenders'), join(dir, 'content', 'afzenders'), { recursive: true });
});

describe("the README's guide to adding a kind of document", () => {
  let pages: PageText[];
  let stdout: string;
  const doc = () => parse(files().find((b) => b.path!.endsWith('.yaml') && b.path!.startsWith('content/'))!.text) as Record<string, string>;
  const sections = () => files().filter((b) => b.path!.endsWith('.md')).sort((a, b) => a.path!.localeCompare(b.path!)).map((b) => b.text);

  beforeAll(async () => {
    const r = followGuide();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    stdout = r.stdout;
    pages = await readPdfText(join(dir, 'output', '2030', 'rapport.pdf'));
  });

  it('gives every file of the kind and of its document, under its path', () => {
    expect(files().map((b) => b.path)).toEqual([
      'mijn-sjablonen/rapport/layout.yaml',
      'mijn-sjablonen/rapport/rapport.hbs',
      'mijn-sjablonen/rapport/rapport.css',
      'content/2030/rapport.yaml',
      'content/2030/rapport/01-inleiding.md',
      'content/2030/rapport/02-resultaten.md',
    ]);
  });

  it('builds the rapport with the command it gives, into the pages it says', () => {
    const said = /`output\/2030\/rapport\.pdf: (\d+) pages`/.exec(GUIDE);
    expect(said, 'the guide says how many pages').not.toBeNull();
    expect(stdout).toContain(`output/2030/rapport.pdf: ${said![1]} pages`);
    expect(pages.length).toBe(Number(said![1]));
  });

  it('has a title page with the onderwerp and the month, and no margin column or page number', () => {
    const text = squash(joinRuns(pages[0]!.runs));
    expect(text).toContain(doc().onderwerp);
    expect(text).toContain(dutchDate(String(doc().datum)).replace(/^\d+ /, ''));
    expect(margin(pages[0]!)).not.toContain('Datum');
    expect(footer(pages[0]!)).toBe('');
  });

  it('has a table of contents whose entries are the headings, each with the page it is printed on — as the guide says', () => {
    const toc = printedContents(pages);
    expect(toc.entries.map((e) => e.heading)).toEqual(numberedHeadings(sections()));
    for (const e of toc.entries) expect(e.page, e.heading).toBe(pageOfHeading(pages, toc.page, e.heading));
    // The entries the guide quotes ("1. Inleiding … 3") are those printed.
    const quoted = [...GUIDE.matchAll(/"(\d+(?:\.\d+)*\.? [^"…]+?) … (\d+)"/g)].map((m) => ({ heading: m[1]!, page: Number(m[2]) }));
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(toc.entries).toContainEqual(q);
  });

  it('has on every page after the title page the margin column (unit, datum, kenmerk) and "Pagina n van m"', () => {
    const afzender = parse(readFileSync(join(ROOT, 'content', 'afzenders', `${doc().afzender}.yaml`), 'utf8')) as { eenheid: string | string[] };
    const unit = [afzender.eenheid].flat().join(' ');
    pages.slice(1).forEach((p, k) => {
      expect(margin(p), `page ${k + 2}`).toContain(unit);
      expect(margin(p), `page ${k + 2}`).toContain(`Datum ${dutchDate(String(doc().datum))}`);
      expect(margin(p), `page ${k + 2}`).toContain(`Ons kenmerk ${doc().kenmerk}`);
      expect(footer(p), `page ${k + 2}`).toBe(`Pagina ${k + 2} van ${pages.length}`);
    });
  });

  it('numbers the pages of a longer rapport right: a chapter over several pages, a paragraph on a later one', async () => {
    // Two more sections: a chapter of 60 paragraphs with a paragraph heading at its end, and a closing chapter.
    const long = `## Verdieping\n\n${Array.from({ length: 60 }, (_, i) => `Alinea ${i + 1} van de verdieping, met genoeg woorden om een regel of twee van de tekstkolom te vullen, zodat het hoofdstuk over meer pagina's loopt.`).join('\n\n')}\n\n### Conclusies van de verdieping\n\nDe verdieping sluit af.\n`;
    const slot = '## Slot\n\nTot slot.\n';
    writeFileSync(join(dir, 'content', '2030', 'rapport', '03-verdieping.md'), long);
    writeFileSync(join(dir, 'content', '2030', 'rapport', '04-slot.md'), slot);
    const r = voortgang(['build', '2030', '--templates', 'mijn-sjablonen'], { cwd: dir });
    expect(r.stderr).toBe('');
    const more = await readPdfText(join(dir, 'output', '2030', 'rapport.pdf'));
    const toc = printedContents(more);
    expect(toc.entries.map((e) => e.heading)).toEqual(numberedHeadings([...sections(), long, slot]));
    for (const e of toc.entries) expect(e.page, e.heading).toBe(pageOfHeading(more, toc.page, e.heading));
    const verdieping = toc.entries.find((e) => e.heading === '3. Verdieping')!;
    const conclusies = toc.entries.find((e) => e.heading === '3.1 Conclusies van de verdieping')!;
    expect(conclusies.page).toBeGreaterThan(verdieping.page); // the chapter runs over more than one page
    more.slice(1).forEach((p, k) => expect(footer(p), `page ${k + 2}`).toBe(`Pagina ${k + 2} van ${more.length}`));
  });

  it('stops at a fact the data file lacks, and at one the descriptor does not know, at their lines — as the guide says', () => {
    expect(GUIDE).toContain('A fact missing from the data file, or one the descriptor\n   does not know, stops the build at its line.');
    const year = join(dir, 'content', '2031');
    cpSync(join(dir, 'content', '2030', 'rapport'), join(year, 'rapport'), { recursive: true });
    const data = files().find((b) => b.path === 'content/2030/rapport.yaml')!.text;
    const lines = data.replace(/^kenmerk:.*\n/m, '').concat('auteur: A. Jansen\n');
    writeFileSync(join(year, 'rapport.yaml'), lines);
    const r = voortgang(['build', '2031', '--templates', 'mijn-sjablonen'], { cwd: dir });
    expect(r.status).toBe(1);
    const soortLine = lines.split('\n').findIndex((l) => l.startsWith('soort:')) + 1;
    const auteurLine = lines.split('\n').findIndex((l) => l.startsWith('auteur:')) + 1;
    expect(r.stderr).toContain(`content/2031/rapport.yaml:${soortLine}:1: kenmerk: is required`);
    expect(r.stderr).toContain(`content/2031/rapport.yaml:${auteurLine}:1: auteur: unknown field`);
  });

  it('names the stylesheet a copied kind still asks for when its files were renamed, as the guide warns', () => {
    expect(GUIDE).toContain('no stylesheet bijlage.css');
    const kind = join(dir, 'mijn-sjablonen', 'verslag');
    cpSync(join(dir, 'mijn-sjablonen', 'bijlage'), kind, { recursive: true });
    renameSync(join(kind, 'bijlage.hbs'), join(kind, 'verslag.hbs'));
    renameSync(join(kind, 'bijlage.css'), join(kind, 'verslag.css'));
    writeFileSync(join(kind, 'layout.yaml'), readFileSync(join(kind, 'layout.yaml'), 'utf8').replace('sjabloon: bijlage.hbs', 'sjabloon: verslag.hbs'));
    const year = join(dir, 'content', '2032');
    cpSync(join(dir, 'content', '2030', 'rapport'), join(year, 'verslag'), { recursive: true });
    writeFileSync(join(year, 'verslag.yaml'), 'soort: verslag\ndatum: 2032-01-10\nonderwerp: Verslag\nafzender: dgsb-jfac\nplaats: Den Haag\n');
    const r = voortgang(['build', '2032', '--templates', 'mijn-sjablonen'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mijn-sjablonen/verslag/verslag.hbs: template: no stylesheet bijlage.css');
  });
});
