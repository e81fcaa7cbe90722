import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { letterAlone, scratchCopy, voortgang } from './helpers/cli.js';
import { pdfCharacters } from './helpers/pdf-raw.js';
import { readLetter, readPdfText, type LetterPage } from './helpers/pdf-text.js';

/**
 * The HIC chart, drawn from content/2022/data/hic.yaml at build time. The real 2022 letter has no chart (its
 * bijlage has), so the chart is tested on a fixture letter: year 2098, the 2022 letter's facts and data, and one
 * section with the table and the chart (tests/fixtures/grafiek/01-grafiek.md).
 */
const SECTION = join(import.meta.dirname, 'fixtures', 'grafiek', '01-grafiek.md');

function chartLetter(edit?: (dir: string) => void): { dir: string; build: () => ReturnType<typeof voortgang>; html: string; pdf: string; section: string } {
  const dir = scratchCopy(['content']);
  const content = join(dir, 'content');
  const year = join(content, '2098');
  cpSync(join(content, '2022', 'data'), join(year, 'data'), { recursive: true });
  cpSync(SECTION, join(year, 'kamerbrief', '01-grafiek.md'));
  writeFileSync(join(year, 'kamerbrief.yaml'), letterAlone(readFileSync(join(content, '2022', 'kamerbrief.yaml'), 'utf8')));
  edit?.(dir);
  const output = join(dir, 'output');
  return {
    dir,
    build: () => voortgang(['build', '2098', '--content', content, '--output', output], { cwd: dir }),
    html: join(output, '2098', 'kamerbrief.html'),
    pdf: join(output, '2098', 'kamerbrief.pdf'),
    section: join(year, 'kamerbrief', '01-grafiek.md'),
  };
}

let html: string;
let pages: LetterPage[];
let pdfFile: string;

beforeAll(async () => {
  const letter = chartLetter();
  const r = letter.build();
  expect(r.stderr).toBe('');
  pdfFile = letter.pdf;
  html = await readFile(letter.html, 'utf8');
  pages = await readLetter(pdfFile);
});

describe('the HIC chart (fixture letter)', () => {
  it('is inline SVG in the HTML, a figure after the table, with caption, source and a text alternative from the data', () => {
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

  it('is a tagged figure with its alt text', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(pdfFile)), useSystemFonts: false, isEvalSupported: false }).promise;
    type Node = { role?: string; alt?: string; children?: Node[] };
    const figures = (n: Node | null, out: Node[] = []): Node[] => {
      if (!n) return out;
      if (n.role === 'Figure') out.push(n);
      for (const c of n.children ?? []) figures(c, out);
      return out;
    };
    const found: Node[] = [];
    for (let p = 1; p <= doc.numPages; p++) found.push(...figures((await (await doc.getPage(p)).getStructTree()) as Node));
    expect(found).toHaveLength(1);
    expect(found[0]!.alt).toContain('Overvallen: van 2.272 in 2011 naar 676 in 2021 (-70%).');
    await doc.destroy();
  });

  it('follows an edited figure: its drawing and its text alternative', async () => {
    const edited = chartLetter((dir) => {
      const hic = join(dir, 'content', '2098', 'data', 'hic.yaml');
      writeFileSync(hic, readFileSync(hic, 'utf8').replace('2021: 676', '2021: 1676'));
    });
    expect(edited.build().stderr).toBe('');
    const svgOf = (text: string) => /<figure class="grafiek"[^>]*>.*?(<svg .*?<\/svg>)/s.exec(text)?.[1] ?? '';
    const before = svgOf(html);
    const after = svgOf(readFileSync(edited.html, 'utf8'));
    expect(before).toContain('Overvallen: van 2.272 in 2011 naar 676 in 2021 (-70%).');
    expect(after).toContain('Overvallen: van 2.272 in 2011 naar 1.676 in 2021 (-26%).');
    const paths = (svg: string) => [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    const changed = paths(after).filter((d) => !paths(before).includes(d));
    expect(changed.length).toBeGreaterThan(0); // the overvallen line ends elsewhere
  });
});

describe('a chart that cannot be drawn stops the build at its block', () => {
  const cases = [
    { from: 'reeksen: [overvallen, straatroven, woninginbraken, geweld]\njaren: 2011-2021\nweergave', to: 'reeksen: [overvallen, straatrof]\njaren: 2011-2021\nweergave', error: '01-grafiek.md:12:1: grafiek: data set "hic" has no series "straatrof" — it has: overvallen, straatroven, woninginbraken, geweld' },
    { from: 'jaren: 2011-2021\nweergave: index', to: 'jaren: 2010-2021\nweergave: index', error: '01-grafiek.md:12:1: grafiek: weergave: index divides by the first year, 2010, but series "overvallen" has no figure for it — start "jaren" at a year with figures' },
    { from: 'weergave: index\n', to: 'weergave: index\nkleur: rood\n', error: '01-grafiek.md:17:1: kleur: unknown field — check the spelling; the fields of this block are listed in the README' },
  ];
  for (const c of cases) {
    it(c.error.slice(c.error.indexOf(': ') + 2, 100), () => {
      const letter = chartLetter();
      const text = readFileSync(letter.section, 'utf8');
      if (!text.includes(c.from)) throw new Error('fixture edit does not apply');
      writeFileSync(letter.section, text.replace(c.from, c.to));
      const r = letter.build();
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`content/2098/kamerbrief/${c.error}`);
    });
  }
});
