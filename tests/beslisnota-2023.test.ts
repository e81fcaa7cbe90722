import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';
import { pdfCharacters } from './helpers/pdf-raw.js';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';
import { seedBody, wordSimilarity } from './helpers/similarity.js';

const SEED = join(import.meta.dirname, 'fixtures', 'seeds', 'beslisnota-2023.md');
const BODY_TOP = 96; // mm: page 1 of a nota has its head (nota, addressees, title) above this
const BELOW_STREEP = ['Vermeld hier informatie waarvan openbaarmaking evident in strijd is met het belang van de Staat', 'art. 68', 'Grondwet', '5.2 Informatie die niet openbaar gemaakt kan worden'];
// Fictitious author data, only in the fixture below: a beslisnota's personal data never sits in content/.
const OPSTELLER = { naam: 'Fenna Testema-Verzonnen', eenheid: 'Afdeling Fictieve Zaken', telefoon: '06-00011122', email: 'f.testema@voorbeeld.invalid' };

const read = (file: string) => readLetter(file, { firstPageBodyTop: BODY_TOP });
const text = (pages: LetterPage[]) => pages.map((p) => `${p.margin} ${p.body} ${p.notes} ${p.footer}`).join(' ');

let intern: LetterPage[];
let openbaar: LetterPage[];
let output: string;

beforeAll(async () => {
  output = inject('output');
  intern = await read(join(output, '2023', 'beslisnota.pdf'));
  openbaar = await read(join(output, '2023', 'beslisnota-openbaar.pdf'));
});

describe('the 2023 beslisnota and its public version', () => {
  it('prints the nota head, the paraaf block and the margin column on page 1', () => {
    const first = intern[0]!;
    for (const s of ['Directoraat-Generaal Straffen en Beschermen', 'Turfmarkt 147', 'Datum', '18 december 2023', 'Ons kenmerk', '5074177', 'Bijlagen']) expect(first.margin).toContain(s);
    expect(first.body).toMatch(/^Algemene leiding Minister SG Datum\/eindparaaf Datum\/paraaf 1\. Aanleiding/);
  });

  it('carries the margin column with Datum and Ons kenmerk, and "Pagina i van N", on every page of both versions', () => {
    for (const [name, pages] of [['intern', intern], ['openbaar', openbaar]] as const) {
      expect(pages.length, name).toBeGreaterThanOrEqual(3);
      for (const p of pages) {
        expect(p.margin, `${name} page ${p.number}`).toContain('Ons kenmerk 5074177');
        expect(p.margin, `${name} page ${p.number}`).toContain('Datum 18 december 2023');
        expect(p.margin, `${name} page ${p.number}`).toContain('Directoraat-Generaal Straffen en Beschermen');
        expect(p.footer, `${name} page ${p.number}`).toBe(`Pagina ${p.number} van ${pages.length}`);
      }
    }
  });

  it('puts both footnotes at the bottom of the page that calls them', () => {
    for (const pages of [intern, openbaar]) {
      const called = pages.flatMap((p) => p.calls.map((c) => [c, p.number] as const));
      expect(called.map(([c]) => c)).toEqual(['1', '2']);
      for (const [n, page] of called) expect(pages[page - 1]!.noteNumbers).toContain(n);
    }
    expect(text(intern)).toContain('Kapot Sterk en de re-integratie-officier');
  });

  it('prints the streep with its sentence, and what follows it, in the internal version only', () => {
    const all = text(intern);
    expect(all).toContain('Alles onder deze streep wordt verwijderd.');
    for (const s of BELOW_STREEP) expect(all).toContain(s);
    const pub = text(openbaar);
    expect(pub).toContain('Alles onder deze streep wordt verwijderd.');
    expect(pub.replace(/\s+/g, " ").trimEnd()).toMatch(/boven deze streep worden geplaatst\. Pagina \d van \d$/);
  });

  it('leaves nothing from below the streep in the public PDF: not in its text, not in its bytes, not in its HTML', () => {
    const pdf = join(output, '2023', 'beslisnota-openbaar.pdf');
    const chars = pdfCharacters(pdf);
    const html = readFileSync(join(output, '2023', 'beslisnota-openbaar.html'), 'utf8');
    for (const s of BELOW_STREEP) {
      expect(text(openbaar)).not.toContain(s);
      expect(chars).not.toContain(s);
      expect(html).not.toContain(s);
    }
  });

  it('matches the seed memo word for word (≥ 0.98)', () => {
    const seed = seedBody(readFileSync(SEED, 'utf8'), { from: /^1\. Aanleiding/, to: /^\uFFFF/ });
    const printed = intern.map((p) => p.body).join(' ').replace(/^.*?(?=1\. Aanleiding)/, '');
    expect(wordSimilarity(seed, printed)).toBeGreaterThanOrEqual(0.98);
  });
});

describe('personal data and the streep, on fixtures', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchCopy(['content']);
    const data = join(dir, 'content', '2023', 'beslisnota.yaml');
    // The same year also holds a Kamerbrief: `build 2023` must print every document of the year.
    for (const part of ['kamerbrief.yaml', 'kamerbrief', 'data']) cpSync(join(dir, 'content', '2022', part), join(dir, 'content', '2023', part), { recursive: true });
    writeFileSync(data, `${readFileSync(data, 'utf8')}opsteller:\n  naam: ${OPSTELLER.naam}\n  eenheid: ${OPSTELLER.eenheid}\n  telefoon: "${OPSTELLER.telefoon}"\n  email: ${OPSTELLER.email}\n`);
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/beslisnota\.pdf: \d+ pages, 2 footnotes\n.*beslisnota-openbaar\.pdf: \d+ pages, 2 footnotes\n.*kamerbrief\.pdf: 1\d pages, 51 footnotes/);
  });

  it("prints the author's name, unit and phone in the internal version's margin column", async () => {
    const [first] = await read(join(dir, 'output', '2023', 'beslisnota.pdf'));
    for (const v of Object.values(OPSTELLER)) expect(first!.margin).toContain(v);
  });

  it('keeps every piece of personal data out of the public version: text, bytes (metadata, bookmarks, tags) and HTML', async () => {
    const pdf = join(dir, 'output', '2023', 'beslisnota-openbaar.pdf');
    const pages = await read(pdf);
    const chars = pdfCharacters(pdf);
    const html = readFileSync(join(dir, 'output', '2023', 'beslisnota-openbaar.html'), 'utf8');
    for (const v of [...Object.values(OPSTELLER), 'Testema', 'Contactpersoon']) {
      expect(text(pages)).not.toContain(v);
      expect(chars).not.toContain(v);
      expect(html).not.toContain(v);
    }
    // The check itself can see such data: the same search finds the name in the internal file's HTML and text.
    expect(readFileSync(join(dir, 'output', '2023', 'beslisnota.html'), 'utf8')).toContain(OPSTELLER.naam);
  });

  it('gives a public version identical in print to the internal one when the memo has no streep', async () => {
    const plain = scratchCopy(['content']);
    const section = join(plain, 'content', '2023', 'beslisnota', '05-niet-openbaar.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace(/```streep\n[^`]*```\n\n/, ''));
    const r = voortgang(['build', '2023', '--content', join(plain, 'content'), '--output', join(plain, 'output')], { cwd: plain });
    expect(r.stderr).toBe('');
    const a = await read(join(plain, 'output', '2023', 'beslisnota.pdf'));
    const b = await read(join(plain, 'output', '2023', 'beslisnota-openbaar.pdf'));
    expect(b.map((p) => [p.margin, p.body, p.notes, p.footer])).toEqual(a.map((p) => [p.margin, p.body, p.notes, p.footer]));
    expect(text(b)).toContain('Grondwet');
  });
});

describe('a misplaced streep', () => {
  const cases = [
    {
      name: 'inside a list',
      edit: (md: string) => md.replace('- Het ontwerp-Besluit Digitaal opkopersregister en Digitaal opkopersloket.', '- Het ontwerp-Besluit Digitaal opkopersregister en Digitaal opkopersloket.\n\n  ```streep\n  Alles onder deze streep wordt verwijderd.\n  ```'),
      file: '04-toelichting.md',
      expected: /04-toelichting\.md:31:3: the streep stands inside a list — put the ```streep block on its own/,
    },
    {
      name: 'inside a table',
      edit: (md: string) => md.replace('### 4.2 Financiële overwegingen', '| a | b |\n| - | - |\n| ```streep``` | x |\n\n### 4.2 Financiële overwegingen'),
      file: '04-toelichting.md',
      expected: /04-toelichting\.md:15:3: the streep stands inside a table — end the table first/,
    },
  ];
  for (const c of cases) {
    it(`${c.name} fails the build with file:line, and leaves the PDFs as they were`, () => {
      const dir = scratchCopy(['content']);
      const out = join(dir, 'output');
      expect(voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', out], { cwd: dir }).status).toBe(0);
      const before = readFileSync(join(out, '2023', 'beslisnota-openbaar.pdf'));
      const file = join(dir, 'content', '2023', 'beslisnota', c.file);
      writeFileSync(file, c.edit(readFileSync(file, 'utf8')));
      const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', out], { cwd: dir });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(c.expected);
      expect(existsSync(join(out, '2023', 'beslisnota-openbaar.pdf'))).toBe(true);
      expect(readFileSync(join(out, '2023', 'beslisnota-openbaar.pdf')).equals(before)).toBe(true);
    });
  }
});
