import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';
import { readLetter } from './helpers/pdf-text.js';

/**
 * The tables are rendered from data and must print what the real documents print, cell for cell. The
 * expected rows are read from the seeds themselves (the 2022 letter and the Actieprogramma), not retyped.
 */
const SEEDS = join(ROOT, 'tests', 'fixtures', 'seeds');
const letterSeed = readFileSync(join(SEEDS, 'kamerbrief-2022.md'), 'utf8');
const actieprogramma = readFileSync(join(SEEDS, 'actieprogramma-taskforce-overvallen-2022-2026.md'), 'utf8');

/** The rows of a tab-separated seed table between two markers, as the PDF's text reads them: cells joined by a
 *  space, an empty cell or "-" printed as a dash, footnote marks and markup dropped. */
function seedRows(text: string, from: string, to: string, firstCell = /^(<b>)?\d{4}(<\/b>)?\t/): string[] {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`seed markers not found: ${from} … ${to}`);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => firstCell.test(line))
    .map((line) =>
      line
        .replace(/<\/?b>/g, '')
        .replace(/\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '')
        .split('\t')
        .map((cell) => (cell.trim() === '' || cell.trim() === '-' ? '–' : cell.trim()))
        .join(' '),
    );
}

describe('the 2022 letter\'s tables print what the real letter prints', () => {
  let body: string;
  beforeAll(async () => {
    const pages = await readLetter(join(inject('output'), '2022', 'kamerbrief.pdf'));
    body = pages.map((p) => p.body).join(' ');
  });

  it('high impact crimes 2011-2021: every cell, and the computed row', () => {
    const rows = seedRows(letterSeed, 'Jaar\tOvervallen\tStraatroven', 'Procentuele ontwikkeling 2011-2021</b>\t');
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(body).toContain(row);
    const computed = seedRows(letterSeed, '<sup>4</sup> Bron', '---', /^<b>Procentuele/)[0]!; // "Procentuele ontwikkeling 2011-2021 -70% -72% -74% -33%"
    expect(computed).toBe('Procentuele ontwikkeling 2011-2021 -70% -72% -74% -33%');
    // The row heading wraps onto two lines in its narrow column; the text reads it before or after the cells.
    expect(body).toMatch(/Procentuele ontwikkeling (2011-2021 -70% -72% -74% -33%|-70% -72% -74% -33% 2011-2021)/);
  });

  it('ophelderingspercentages: doel and realisatie per year, with the decimals of the data', () => {
    const rows = seedRows(letterSeed, 'Ophelderingspercentages\tDoel 2019', '**Directoraat', /^(Overvallen|Straatroven)\t/);
    expect(rows).toEqual(['Overvallen 51% 52,4% 53% 53,4% 62,57%', 'Straatroven 28% 29,2% 30% 32,6% 38,56%']);
    for (const row of rows) expect(body).toContain(row);
  });
});

describe('the Actieprogramma\'s figures (§ 2.1, 2.2, 6.5), rendered from content/2022/data', () => {
  let body: string;
  let dir: string;
  beforeAll(async () => {
    // A section that uses every table form on the bijlage's data sets.
    dir = scratchCopy(['content']);
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'bijlage-cijfers.md'), join(dir, 'content', '2022', 'kamerbrief', '09-bijlage-cijfers.md'));
    const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.stderr).toBe('');
    const pages = await readLetter(join(dir, 'output', '2022', 'kamerbrief.pdf'));
    body = pages.map((p) => p.body).join(' ');
  });

  it('§ 2.1 counts 2012-2021, three series from two data files, a dash where there is no figure', () => {
    const rows = seedRows(actieprogramma, 'Jaar\tOvervallen\tStraatroof\tRam- en plofkraken', 'Bron: Overvallen en straatroof');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toBe('2012 1.982 8.050 –');
    for (const row of rows) expect(body).toContain(row);
  });

  it('§ 2.2 ophelderingspercentages 2014-2021 keep the decimals as written: 50,0% and 62,57%', () => {
    const rows = seedRows(actieprogramma, 'Jaar\tOvervallen\tStraatroof\n2014', 'Bron: Politie');
    expect(rows).toHaveLength(8);
    expect(rows).toContain('2015 50,0% 28,7%');
    for (const row of rows) expect(body).toContain(row);
    expect(body).toContain('Bron: Politie');
  });

  it('§ 6.5 Ambities: a column per measure, counts and percentages side by side, 2022 without figures', () => {
    const overvallen = seedRows(actieprogramma, 'Ambities overvallen TFO', 'Ambities straatroof TFO');
    const straatroof = seedRows(actieprogramma, 'Ambities straatroof TFO', '7. Concrete maatregelen');
    expect(overvallen).toEqual(['2019 1.000 1.174 51% 52,4% 36% 43%', '2020 925 907 53% 53,4% 35% 43%', '2021 – 681 – 62,57% – 38%', '2022 – – – – – –', '2023 900 – 53% – – –']);
    expect(straatroof).toHaveLength(5);
    for (const row of [...overvallen, ...straatroof]) expect(body).toContain(row);
    expect(body).toContain('Ambities overvallen TFO en gerealiseerd');
    expect(body).toContain('Bron: Jaarverslagen politie 2019, 2020 en 2021');
  });
});
