import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';
import { seedBody, wordSimilarity } from './helpers/similarity.js';
import { realLetterFixture, SEED } from './scripts/real-letter-pages.mjs';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
/**
 * The real letter's pages, as its PDF's text shows them (the pdftext seed): the page count, the first words of
 * pages 2–13, the footnotes at the foot of each page. Made by tests/scripts/real-letter-pages.mjs, never by hand.
 */
const REAL = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'kamerbrief-2022-paginas.json'), 'utf8')) as ReturnType<typeof realLetterFixture>;
/**
 * Floors and ceilings measured on today's PDF (bundled Chromium 147). A better pass may raise a floor or lower a
 * ceiling — change the figure with it; never loosen one to let a change through.
 */
const FOOTNOTES_ON_THE_REAL_PAGE_FLOOR = 40; // of 51: only goes up
const WORDS_FROM_THE_REAL_BREAKS_CEILING = 1174; // pages 2–13 summed: only goes down
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

  it('is the fixture of the real pages that the script derives from the pdftext seed (so neither can drift)', async () => {
    expect(REAL).toEqual(realLetterFixture(await readFile(SEED, 'utf8')));
    // What the script found holds together: 13 pages, notes 1–51 each once and in order, pages 2–13 begun.
    expect(REAL.paginas).toBe(13);
    expect(REAL.voetnoten.perPagina.flat()).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(REAL.begin.map((b) => b.pagina)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
  });

  it('starts its pages where the real letter does: the first words of each real page 2–13 are on our page of that number, all 12', () => {
    const table = REAL.begin.map(({ pagina, woorden }) => `${pagina}→${realBreak(pagina, woorden).page}`);
    const same = REAL.begin.filter(({ pagina, woorden }) => realBreak(pagina, woorden).page === pagina).length;
    expect(same, `real page → our page with its first words: ${table.join(' ')}`).toBe(REAL.begin.length);
  });

  it(`breaks its pages near the real breaks: words between ours and the real one, summed over pages 2–13, at most ${WORDS_FROM_THE_REAL_BREAKS_CEILING}`, () => {
    // Per page: our page's first word minus the real page's first word, both as positions in our text
    // (negative: our page breaks that many words early). Figures are not counted as words (table cells read in
    // another order than the real PDF's; call numbers).
    const offsets = REAL.begin.map(({ pagina, woorden }) => ({ pagina, words: ourText().pageStart[pagina]! - realBreak(pagina, woorden).at }));
    const sum = offsets.reduce((s, o) => s + Math.abs(o.words), 0);
    const perPage = `words from the real break per page (− early, + late): ${offsets.map((o) => `${o.pagina}: ${o.words > 0 ? '+' : ''}${o.words}`).join(', ')}; sum ${sum}`;
    console.log(perPage);
    expect(sum, perPage).toBeLessThanOrEqual(WORDS_FROM_THE_REAL_BREAKS_CEILING);
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

  it(`starts its footnotes on the pages the real letter does, at least ${FOOTNOTES_ON_THE_REAL_PAGE_FLOOR} of the 51`, () => {
    // The real page of a note is the one at whose foot its text starts; the real letter prints 4 notes on the
    // page after their call (REAL.voetnoten.naAanroepPagina), which our rule (a note on its call's page) never does.
    const real = new Map<string, number>();
    REAL.voetnoten.perPagina.forEach((notes, i) => notes.forEach((n) => real.set(String(n), i + 1)));
    expect(real.size).toBe(51);
    const ours = new Map<string, number>();
    for (const page of pages) for (const n of page.noteNumbers) ours.set(n, page.number);
    const differ = [...real].filter(([n, page]) => ours.get(n) !== page).map(([n, page]) => `${n}: real ${page}, ours ${ours.get(n)}`);
    const same = real.size - differ.length;
    console.log(`footnotes on the real page: ${same} of 51; differ: ${differ.join('; ')}`);
    expect(same, `${same} of 51 on the real page; differ: ${differ.join('; ')}`).toBeGreaterThanOrEqual(FOOTNOTES_ON_THE_REAL_PAGE_FLOOR);
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

/** A word as counted here: letters and digits only, lower case; figures (no letter in them) are left out. */
const toWords = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => /\p{L}/u.test(w));

let text: { words: { word: string; page: number }[]; pageStart: number[] } | undefined;
/** Our letter's body text as one run of words, each with its page, and where each page starts in it. */
function ourText() {
  if (text) return text;
  const words: { word: string; page: number }[] = [];
  const pageStart: number[] = [];
  for (const page of pages) {
    pageStart[page.number] = words.length;
    for (const word of toWords(page.body)) words.push({ word, page: page.number });
  }
  return (text = { words, pageStart });
}

/** Where the real page's first words are in our text (the first place after the real page before's). */
function realBreak(pagina: number, woorden: string): { at: number; page: number } {
  const { words } = ourText();
  const phrase = toWords(woorden);
  const previous = REAL.begin.find((b) => b.pagina === pagina - 1);
  const from = previous ? realBreak(previous.pagina, previous.woorden).at + 1 : 0;
  const at = words.findIndex((_, i) => i >= from && phrase.every((w, k) => words[i + k]?.word === w));
  expect(at, `the first words of real page ${pagina}, "${woorden}", are not in our text`).toBeGreaterThanOrEqual(0);
  return { at, page: words[at]!.page };
}
