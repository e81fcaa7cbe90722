import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';
import { pdfCharacters } from './helpers/pdf-raw.js';
import { readLetter, readPdfText, type LetterPage } from './helpers/pdf-text.js';

/** The 2022 letter's chart of the HIC trend, drawn from content/2022/data/hic.yaml at build time. */
let html: string;
let pages: LetterPage[];
let pdfFile: string;

beforeAll(async () => {
  pdfFile = join(inject('output'), '2022', 'kamerbrief.pdf');
  html = await readFile(join(inject('output'), '2022', 'kamerbrief.html'), 'utf8');
  pages = await readLetter(pdfFile);
});

describe('the HIC chart of the 2022 letter', () => {
  it('is inline SVG in the HTML, a figure after the first table, with caption, source and a text alternative from the data', () => {
    const figure = /<figure class="grafiek" id="grafiek-1" role="group">(.*?)<\/figure>/s.exec(html)?.[1];
    expect(figure).toBeDefined();
    expect(figure).toMatch(/^<figcaption>Ontwikkeling van de geregistreerde high impact crimes, 2011-2021 \(2011 = 100\)<\/figcaption><svg /);
    expect(figure).toContain('role="img"');
    expect(figure).toContain(
      'aria-label="Lijngrafiek: Ontwikkeling van de geregistreerde high impact crimes, 2011-2021 (2011 = 100). Verticale as: Index (2011 = 100); 11 jaren, 2011 tot en met 2021. Overvallen: van 2.272 in 2011 naar 676 in 2021 (-70%). Straatroven: van 8.400 in 2011 naar 2.321 in 2021 (-72%). Woninginbraken: van 88.960 in 2011 naar 23.452 in 2021 (-74%). Geweld: van 98.050 in 2011 naar 65.849 in 2021 (-33%)."',
    );
    expect(figure).toContain('<p class="bron">Bron: Jaarverslagen politie 2010 t/m 2021; www.data.politie.nl</p>');
    expect(html.indexOf('<figure class="grafiek"')).toBeGreaterThan(html.indexOf('Procentuele ontwikkeling'));
    expect(html.indexOf('<figure class="grafiek"')).toBeLessThan(html.indexOf('De daling van het aantal geregistreerde overvallen'));
  });

  it('is vector in the PDF: its axis labels and legend are text, and the file holds no images', async () => {
    const page = pages.find((p) => p.body.includes('Index (2011 = 100)'));
    expect(page, 'the page with the chart').toBeDefined();
    expect(page!.body).toContain('2011 2012 2013 2014 2015 2016 2017 2018 2019 2020 2021');
    expect(page!.body).toContain('Overvallen Straatroven Woninginbraken Geweld');
    expect(page!.body).toMatch(/120 100 80 60 40 20 0 /);
    // Chart text is set in the letter's typeface, at 7.5 pt.
    const runs = (await readPdfText(pdfFile))[page!.number - 1]!.runs;
    const label = runs.find((r) => r.str === 'Index (2011 = 100)');
    expect(label?.size).toBe(7.5);
    expect(pdfCharacters(pdfFile)).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

describe('a chart that cannot be drawn stops the build at its block', () => {
  const cases = [
    { from: 'reeksen: [overvallen, straatroven, woninginbraken, geweld]\njaren: 2011-2021\nweergave', to: 'reeksen: [overvallen, straatrof]\njaren: 2011-2021\nweergave', error: '02-ontwikkeling-hic.md:12:1: grafiek: data set "hic" has no series "straatrof" — it has: overvallen, straatroven, woninginbraken, geweld' },
    { from: 'jaren: 2011-2021\nweergave: index', to: 'jaren: 2010-2021\nweergave: index', error: '02-ontwikkeling-hic.md:12:1: grafiek: weergave: index divides by the first year, 2010, but series "overvallen" has no figure for it — start "jaren" at a year with figures' },
    { from: 'weergave: index\n', to: 'weergave: index\nkleur: rood\n', error: '02-ontwikkeling-hic.md:17:1: kleur: unknown field — check the spelling; the fields of this block are listed in the README' },
  ];
  for (const c of cases) {
    it(c.error.slice(c.error.indexOf(': ') + 2, 100), () => {
      const dir = scratchCopy(['content']);
      const file = join(dir, 'content', '2022', 'kamerbrief', '02-ontwikkeling-hic.md');
      const text = readFileSync(file, 'utf8');
      if (!text.includes(c.from)) throw new Error('fixture edit does not apply');
      writeFileSync(file, text.replace(c.from, c.to));
      const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`content/2022/kamerbrief/${c.error}`);
    });
  }
});
