import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';
import { seedBody, wordSimilarity } from './helpers/similarity.js';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
/** The real letter's page count and the first words of its pages 2–13 (from the pdftext seed). */
const REAL = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'kamerbrief-2022-paginas.json'), 'utf8')) as { paginas: number; begin: { pagina: number; woorden: string }[]; voetnoten: { perPagina: string[] } };
let pages: LetterPage[];
let pdfFile: string;

beforeAll(async () => {
  pdfFile = join(inject('output'), '2022', 'kamerbrief.pdf');
  pages = await readLetter(pdfFile);
});

describe('the 2022 Kamerbrief, as printed', () => {
  it('has the real letter\'s 13 pages', () => {
    expect(pages.length).toBe(REAL.paginas);
  });

  it('starts its pages where the real letter does: the first words of each real page are on our page of that number', async () => {
    // The phrases are copied from the pdftext seed; each starts a line there.
    const seed = await readFile(join(SEEDS, 'kamerbrief-2022-pdftext.txt'), 'utf8');
    const norm = (s: string) => s.replace(/\s*[\u2010-\u2015-]\s*/g, '-').replace(/[“”]/g, '"').replace(/\s+/g, ' ');
    const bodies = pages.map((p) => norm(p.body));
    let from = 0;
    const table: string[] = [];
    let same = 0;
    for (const { pagina, woorden } of REAL.begin) {
      expect(seed, woorden).toMatch(new RegExp(`^ ?${woorden.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      const ours = bodies.findIndex((b, i) => i >= from && b.includes(norm(woorden))) + 1;
      if (ours > 0) from = ours - 1;
      if (ours === pagina) same++;
      table.push(`${pagina}→${ours || '?'}`);
    }
    expect(same, `real page → ours: ${table.join(' ')}`).toBeGreaterThanOrEqual(10);
  });

  it('carries the margin column with Ons kenmerk, the one kenmerk and the one date on every page', () => {
    for (const page of pages) {
      const text = page.number === 1 ? `${page.margin} ${page.body}` : page.margin;
      expect(page.margin, `page ${page.number}`).toContain('Ons kenmerk');
      expect(page.margin, `page ${page.number}`).toContain('4355467');
      expect(page.margin, `page ${page.number}`).toContain('Directoraat-Generaal Straffen en Beschermen');
      if (page.number > 1) {
        expect(page.margin, `page ${page.number}`).toContain('Datum');
        expect(page.margin, `page ${page.number}`).toContain('14 december 2022');
      }
      expect(text).not.toContain('30 november 2022');
      expect(text).not.toContain('43 55467');
    }
  });

  it('has the full referentiegegevens and the letter head on page 1', async () => {
    const [first] = pages;
    for (const s of ['Turfmarkt 147', '2511 DP Den Haag', 'Postbus 20301', 'www.rijksoverheid.nl/jenv', 'Bijlagen', 'Bij beantwoording de datum en ons kenmerk vermelden.']) {
      expect(first!.margin).toContain(s);
    }
    const all = (await import('./helpers/pdf-text.js')).joinRuns((await (await import('./helpers/pdf-text.js')).readPdfText(pdfFile))[0]!.runs);
    for (const s of ['Retouradres Postbus 20301 2500 EH Den Haag', 'Aan de Voorzitter van de Tweede Kamer', 'der Staten-Generaal', 'Postbus 20018', '2500 EA DEN HAAG', 'Datum 14 december 2022', 'Onderwerp Voortgangsrapportage High Impact Crimes 2021-2022']) {
      expect(all).toContain(s);
    }
  });

  it('starts its footnotes on the pages the real letter does (at least 45 of the 51)', () => {
    const real = new Map<string, number>();
    REAL.voetnoten.perPagina.forEach((range, i) => {
      const [from, to = from] = range.split('-').map(Number);
      for (let n = from!; n <= to!; n++) real.set(String(n), i + 1);
    });
    expect(real.size).toBe(51);
    const ours = new Map<string, number>();
    for (const page of pages) for (const n of page.noteNumbers) ours.set(n, page.number);
    const differ = [...real].filter(([n, page]) => ours.get(n) !== page).map(([n, page]) => `${n}: real ${page}, ours ${ours.get(n)}`);
    expect(differ.length, differ.join('; ')).toBeLessThanOrEqual(6);
  });

  it('breaks the lines of the margin column as the real letter does (its width: 35 mm)', async () => {
    const { readPdfText, LAYOUT } = await import('./helpers/pdf-text.js');
    const runs = (await readPdfText(pdfFile))[0]!.runs.filter((r) => r.x >= LAYOUT.marginColumnX && r.top < LAYOUT.footerTop);
    const lines = new Map<number, string[]>();
    for (const r of runs) {
      const key = [...lines.keys()].find((t) => Math.abs(t - r.top) < 2) ?? r.top;
      lines.set(key, [...(lines.get(key) ?? []), r.str]);
    }
    const printed = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l.join(' ').replace(/\s+/g, ' ').trim());
    for (const line of ['Directoraat-Generaal', 'Straffen en Beschermen', 'Directie Jeugd, Familie en', 'Aanpak', 'Criminaliteitsfenomenen', 'Bij beantwoording de datum', 'en ons kenmerk vermelden.', 'Wilt u slechts één zaak in uw', 'brief behandelen.']) {
      expect(printed, line).toContain(line);
    }
  });

  it('numbers every page "Pagina i van N" with the real page count', () => {
    for (const page of pages) expect(page.footer).toBe(`Pagina ${page.number} van ${pages.length}`);
  });

  it('prints each of the 51 footnotes on the page of its call, once', () => {
    const callPage = new Map<string, number>();
    const notePage = new Map<string, number>();
    for (const page of pages) {
      for (const c of page.calls) if (!callPage.has(c)) callPage.set(c, page.number);
      for (const n of page.noteNumbers) {
        expect(notePage.has(n), `footnote ${n} printed twice`).toBe(false);
        notePage.set(n, page.number);
      }
    }
    const expected = Array.from({ length: 51 }, (_, i) => String(i + 1));
    expect([...notePage.keys()].sort((a, b) => +a - +b)).toEqual(expected);
    expect([...callPage.keys()].sort((a, b) => +a - +b)).toEqual(expected);
    for (const n of expected) expect(notePage.get(n), `footnote ${n}`).toBe(callPage.get(n));
  });

  it('prints the text of the footnotes, multi-paragraph ones included', () => {
    const notes = pages.map((p) => p.notes).join(' ');
    expect(notes).toContain('O.a. Commissiedebat Criminaliteitsbestrijding d.d. 1 december 2021');
    expect(notes).toContain('Met een CHO kunnen horecaondernemers notoire overlastgevers uit hun zaak weren.');
    expect(notes).toContain('Kamerstukken II 2022-23, 26643 nr. 930, 4 november 2022');
  });

  it('has the body text of the seed letter (word-sequence similarity ≥ 0.98)', async () => {
    const seed = seedBody(await readFile(join(SEEDS, 'kamerbrief-2022.md'), 'utf8'), { from: /^### Inleiding/, to: /^De Minister van Justitie/ });
    const printed = pages.map((p) => p.body).join(' ').replace(/De Minister van Justitie en Veiligheid,.*$/, '');
    const similarity = wordSimilarity(seed, printed);
    expect(similarity).toBeGreaterThanOrEqual(0.98);
  });

  it('closes with "Tot slot" and both signatories', () => {
    const last = pages[pages.length - 1]!.body;
    expect(last).toContain('Tot slot');
    expect(last).toContain('De Minister van Justitie en Veiligheid,');
    expect(last).toContain('D. Yeşilgöz-Zegerius');
    expect(last).toContain('De Minister voor Rechtsbescherming,');
    expect(last).toContain('F.M. Weerwind');
  });

  it('embeds its fonts', async () => {
    const raw = (await readFile(pdfFile)).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/DejaVuSans/);
  });
});
