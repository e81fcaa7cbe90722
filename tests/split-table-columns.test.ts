import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { letterAlone, scratchCopy, voortgang } from './helpers/cli.js';
import { twoRevisions } from './helpers/revisions.js';

/**
 * A table split over pages keeps the column widths of the whole table: each part is laid out on a page of its
 * own, and without fixed widths its columns would take the widths of its own rows. Read in the PDF as a reader
 * sees it: where the words of each column start (a left-aligned column) or end (a right-aligned one) on every
 * page the table runs over, the header row (repeated on each part) and the body rows alike.
 */

/** A word as drawn: its page, left and right x and baseline (pt, from the top-left corner). */
interface Word {
  page: number;
  str: string;
  left: number;
  right: number;
  top: number;
}

async function words(file: string): Promise<Word[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: Word[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.view[3]!;
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , e, f] = item.transform as number[];
      out.push({ page: p, str: item.str.trim(), left: e!, right: e! + item.width, top: height - f! });
    }
  }
  await doc.destroy();
  return out;
}

const TOLERANCE = 0.5; // pt

describe('the 2022 Kamerbrief: the table of HIC offences, split over pages 2 and 3', () => {
  let all: Word[];
  beforeAll(async () => {
    all = await words(join(inject('output'), '2022', 'kamerbrief.pdf'));
  });
  // Column 1 (Jaar) is left-aligned, columns 2–5 are right-aligned (house style: figures flush right).
  const HEADER = [
    { word: 'Jaar', edge: 'left' },
    { word: 'Overvallen', edge: 'right' },
    { word: 'Straatroven', edge: 'right' },
    { word: 'Woninginbraken', edge: 'right' },
    { word: 'Geweld', edge: 'right' },
  ] as const;

  it('repeats its header row on page 3, and its columns begin and end at the same x as on page 2 (within 0.5 pt)', () => {
    for (const { word, edge } of HEADER) {
      const on = (page: number) => all.filter((w) => w.page === page && w.str === word);
      expect(on(2), `"${word}" on page 2`).toHaveLength(1);
      expect(on(3), `"${word}" on page 3`).toHaveLength(1);
      expect(Math.abs(on(3)[0]![edge] - on(2)[0]![edge]), `${edge} edge of "${word}": page 2 ${on(2)[0]![edge].toFixed(2)}, page 3 ${on(3)[0]![edge].toFixed(2)}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('puts the figures of 2018 (last row on page 2) and 2019 (first row on page 3) under the same column edges', () => {
    // The rows as in content/2022/data: 2018 on page 2, 2019 on page 3; each row's words in reading order.
    const row = (page: number, year: string) => {
      const head = all.find((w) => w.page === page && w.str === year);
      expect(head, `${year} on page ${page}`).toBeDefined();
      return all.filter((w) => w.page === page && Math.abs(w.top - head!.top) < 1).sort((a, b) => a.left - b.left);
    };
    const r2018 = row(2, '2018');
    const r2019 = row(3, '2019');
    expect(r2018.map((w) => w.str)).toEqual(['2018', '1.143', '3.517', '42.662', '72.533']);
    expect(r2019.map((w) => w.str)).toEqual(['2019', '1.174', '3.777', '39.365', '73.638']);
    expect(Math.abs(r2019[0]!.left - r2018[0]!.left)).toBeLessThanOrEqual(TOLERANCE);
    for (let c = 1; c < 5; c++) expect(Math.abs(r2019[c]!.right - r2018[c]!.right), `column ${c + 1}`).toBeLessThanOrEqual(TOLERANCE);
  });
});

/**
 * A synthetic letter: one Markdown table of 110 rows, left-aligned, whose first rows have long cells and whose
 * later rows short ones ("Rij 40 | A | 7"), so that laid out on their own its later parts would be narrow. It runs
 * over three pages: split twice, the second time a part that was split already.
 */
describe('a long Markdown table whose later rows are short, split over three pages', () => {
  let all: Word[];
  let result: ReturnType<typeof voortgang>;
  const ROWS = 110;
  const LONG = 6;
  beforeAll(async () => {
    const dir = scratchCopy(['content']);
    const year = join(dir, 'content', '2099');
    mkdirSync(join(year, 'kamerbrief'), { recursive: true });
    const rows = Array.from({ length: ROWS }, (_, i) =>
      i < LONG ? `| Aanpak van woninginbraken in gemeente ${i + 1} | Midden-Nederland en Oost-Brabant | Bijdrage ${1000 * (i + 1)} |` : `| Rij ${i + 1} | A | ${i % 10} |`,
    );
    const md = ['## Maatregelen per regio', '', 'De maatregelen per regio staan in de tabel hieronder.', '', '| Maatregel | Regio | Bedrag |', '|:--|:--|:--|', ...rows, '', 'Tot zover de tabel.', ''];
    writeFileSync(join(year, 'kamerbrief', '01-tekst.md'), md.join('\n'));
    writeFileSync(join(year, 'kamerbrief.yaml'), letterAlone(readFileSync(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'utf8')).replace('kenmerk: "4355467"', 'kenmerk: "9999999"'));
    result = voortgang(['build', '2099', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    if (result.status === 0) all = await words(join(dir, 'output', '2099', 'kamerbrief.pdf'));
  });

  it('builds', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('repeats the header row on each of its pages, each column starting at the same x on every page (within 0.5 pt)', () => {
    const headerOn = (word: string) => all.filter((w) => w.str === word);
    const pages = headerOn('Maatregel').map((w) => w.page);
    expect(pages.length, `pages with the header row: ${pages.join(', ')}`).toBeGreaterThanOrEqual(3);
    for (const word of ['Maatregel', 'Regio', 'Bedrag']) {
      const xs = headerOn(word);
      expect(xs.map((w) => w.page)).toEqual(pages);
      for (const w of xs) expect(Math.abs(w.left - xs[0]!.left), `"${word}" on page ${w.page} at ${w.left.toFixed(2)}, page ${xs[0]!.page} at ${xs[0]!.left.toFixed(2)}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('puts every short row of the last page under the header of its column', () => {
    const lastPage = Math.max(...all.filter((w) => w.str === 'Maatregel').map((w) => w.page));
    const at = (word: string) => all.find((w) => w.page === lastPage && w.str === word)!.left;
    const last = all.filter((w) => w.page === lastPage && w.str === `Rij ${ROWS}`);
    expect(last, `"Rij ${ROWS}" on page ${lastPage}`).toHaveLength(1);
    const row = all.filter((w) => w.page === lastPage && Math.abs(w.top - last[0]!.top) < 1).sort((a, b) => a.left - b.left);
    expect(row.map((w) => w.str)).toEqual([`Rij ${ROWS}`, 'A', String((ROWS - 1) % 10)]);
    expect(Math.abs(row[0]!.left - at('Maatregel'))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(row[1]!.left - at('Regio'))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(row[2]!.left - at('Bedrag'))).toBeLessThanOrEqual(TOLERANCE);
  });
});

/**
 * The redline's change list (a table of fixed layout whose widths its <colgroup> sets: 8 / 30 / 18 / 44 %) over
 * several pages: three chapters removed from the 2022 letter make it long. Its later parts once lost the
 * <colgroup> and fell back to four equal columns ("Tekst" at 354.8 pt instead of 280.8 pt from page 2 on).
 */
describe('the redline of the 2022 letter: its change list, split over pages', () => {
  let all: Word[];
  let result: ReturnType<typeof voortgang>;
  beforeAll(async () => {
    const dir = twoRevisions('columns');
    for (const f of ['03-preventie-daderschap.md', '04-opsporing-vervolging.md', '05-aanpak-recidive.md']) rmSync(join(dir, 'b', '2022', 'kamerbrief', f));
    result = voortgang(['diff', '2022', '--from', 'a', '--to', 'b', '--output', join(dir, 'out')], { cwd: dir });
    if (result.status === 0) all = await words(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'));
  });

  it('is made', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('repeats its header row on every page of the list, each column starting at the same x (within 0.5 pt)', () => {
    const heads = all.filter((w) => w.str === 'Blz.').map((blz) => all.filter((w) => w.page === blz.page && Math.abs(w.top - blz.top) < 1).sort((a, b) => a.left - b.left));
    expect(heads.length, `pages with the change list's header: ${heads.map((h) => h[0]!.page).join(', ')}`).toBeGreaterThanOrEqual(3);
    for (const head of heads) expect(head.map((w) => w.str)).toEqual(['Blz.', 'Onderdeel', 'Soort', 'Tekst']);
    for (const head of heads.slice(1))
      for (let c = 0; c < 4; c++) expect(Math.abs(head[c]!.left - heads[0]![c]!.left), `"${head[c]!.str}" on page ${head[c]!.page} at ${head[c]!.left.toFixed(1)}, page ${heads[0]![c]!.page} at ${heads[0]![c]!.left.toFixed(1)}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
