import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { letterAlone, scratchCopy, voortgang } from './helpers/cli.js';
import { plantEverywhere } from './helpers/pdf-plant.js';
import { CHANNELS, contains, pdfWords, type Channel, type PdfWords } from './helpers/pdf-words.js';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';
import { seedBody, wordSimilarity } from './helpers/similarity.js';

const SEED = join(import.meta.dirname, 'fixtures', 'seeds', 'beslisnota-2023.md');
const BODY_TOP = 96; // mm: page 1 of a nota has its head (nota, addressees, title) above this
const BELOW_STREEP = ['Vermeld hier informatie waarvan openbaarmaking evident in strijd is met het belang van de Staat', 'art. 68', 'Grondwet', '5.2 Informatie die niet openbaar gemaakt kan worden'];
// Fictitious author data, only in the fixture below: a beslisnota's personal data never sits in content/.
const OPSTELLER = { naam: 'Fenna Testema-Verzonnen', eenheid: 'Afdeling Fictieve Zaken', telefoon: '06-00011122', email: 'f.testema@voorbeeld.invalid' };

// Added below the streep in the fixture: a link and a chart, so that the internal version carries these words in
// its annotations and its structure tree too.
const BELOW_STREEP_FIXTURE = `Zie de [Grondwet](https://wetten.overheid.nl/BWBR0001840/Grondwet) en mail de [Contactpersoon](mailto:${OPSTELLER.email}).

\`\`\`grafiek
data: hic
reeksen: [overvallen]
jaren: 2011-2021
titel: Grondwet art. 68 - Contactpersoon ${OPSTELLER.naam}, T ${OPSTELLER.telefoon}
\`\`\`
`;
const PERSONAL = [...Object.values(OPSTELLER), 'Testema', 'Contactpersoon'];
// Below the streep too: a heading and a link to it. The link makes Chromium write a named destination for the
// heading's id (kop-contactpersoon-testema), so the internal version carries these words in that channel as well.
const BELOW_STREEP_PLACE = `\n#### Contactpersoon Testema\n\nBereikbaar via [de contactpersoon](#kop-contactpersoon-testema).\n`;
// A section file after the streep's file (05-niet-openbaar.md is the last one of the 2023 beslisnota): a heading,
// a paragraph with distinctive words and a footnote. None of it may reach the public version.
const LATER_FILE = '06-nawoord.md';
const LATER_SECTION = `## 6. Nawoord over de Zilverreiger\n\nDe Boomklever en de Kramsvogel worden intern besproken.[^vogel]\n\n[^vogel]: Zie het verslag van de Goudvink.\n`;
const LATER = ['6. Nawoord over de Zilverreiger', 'Zilverreiger', 'Boomklever', 'Kramsvogel', 'Goudvink'];
const WORDS = [...BELOW_STREEP, ...PERSONAL, ...LATER];

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

  it('leaves nothing from below the streep in the public version\'s text and HTML, and the same checks find it in the internal one', () => {
    const html = (name: string) => readFileSync(join(output, '2023', `${name}.html`), 'utf8');
    for (const s of BELOW_STREEP) {
      expect(contains(text(openbaar), s), s).toBe(false);
      expect(contains(html('beslisnota-openbaar'), s), s).toBe(false);
      expect(contains(text(intern), s), s).toBe(true);
      expect(contains(html('beslisnota'), s), s).toBe(true);
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
    writeFileSync(join(dir, 'content', '2023', 'kamerbrief.yaml'), letterAlone(readFileSync(join(dir, 'content', '2023', 'kamerbrief.yaml'), 'utf8')));
    // Below the streep, the words also go where the internal version carries them in other channels than page
    // text: a link (an annotation's URI), and a chart (its text alternative is the structure tree's /Alt).
    const streep = join(dir, 'content', '2023', 'beslisnota', '05-niet-openbaar.md');
    writeFileSync(streep, `${readFileSync(streep, 'utf8')}\n${BELOW_STREEP_FIXTURE}${BELOW_STREEP_PLACE}`);
    writeFileSync(join(dir, 'content', '2023', 'beslisnota', LATER_FILE), LATER_SECTION);
    writeFileSync(data, `${readFileSync(data, 'utf8')}opsteller:\n  naam: ${OPSTELLER.naam}\n  eenheid: ${OPSTELLER.eenheid}\n  telefoon: "${OPSTELLER.telefoon}"\n  email: ${OPSTELLER.email}\n`);
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.stderr).toBe('');
    // The internal version has the later file's footnote as its third; the public version has only the two above the streep.
    expect(r.stdout).toMatch(/beslisnota\.pdf: \d+ pages, 3 footnotes\n.*beslisnota-openbaar\.pdf: \d+ pages, 2 footnotes\n.*kamerbrief\.pdf: 1\d pages, 51 footnotes/);
  });

  it(`leaves a section file after the streep's file (${LATER_FILE}) out of the public version: its heading, text and footnote, in page text, HTML and bookmarks`, async () => {
    const out = join(dir, 'output', '2023');
    const html = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');
    const [intern, openbaar] = await Promise.all([pdfWords(join(out, 'beslisnota.pdf')), pdfWords(join(out, 'beslisnota-openbaar.pdf'))]);
    for (const w of LATER) {
      for (const channel of ['pageText', 'bookmarks', 'destinations', 'everything'] as const) expect(contains(openbaar.channels[channel], w), `${channel} of the public PDF: "${w}"`).toBe(false);
      expect(contains(html('beslisnota-openbaar'), w), `public HTML: "${w}"`).toBe(false);
      expect(contains(intern.channels.pageText, w), `internal page text: "${w}"`).toBe(true);
      expect(contains(html('beslisnota'), w), `internal HTML: "${w}"`).toBe(true);
    }
    expect(contains(intern.channels.bookmarks, LATER[0]!)).toBe(true);
    // Its footnote is the internal version's third, printed at the foot of the page; the public version has two.
    const pages = await read(join(out, 'beslisnota.pdf'));
    expect(pages.flatMap((p) => p.noteNumbers)).toEqual(['1', '2', '3']);
    expect((await read(join(out, 'beslisnota-openbaar.pdf'))).flatMap((p) => p.noteNumbers)).toEqual(['1', '2']);
  });

  it("prints the author's name, unit and phone in the internal version's margin column", async () => {
    const [first] = await read(join(dir, 'output', '2023', 'beslisnota.pdf'));
    for (const v of Object.values(OPSTELLER)) expect(first!.margin).toContain(v);
  });

  it('keeps every piece of personal data and everything below the streep out of the public version\'s HTML (the internal one has them all)', () => {
    const html = (name: string) => readFileSync(join(dir, 'output', '2023', `${name}.html`), 'utf8');
    for (const v of WORDS) {
      expect(contains(html('beslisnota-openbaar'), v), v).toBe(false);
      expect(contains(html('beslisnota'), v), v).toBe(true);
    }
  });

  describe('the Woo guarantee: no word from below the streep and no personal data in any channel of the public PDF', () => {
    // Where the internal version itself carries the words, channel by channel: the control that the check sees
    // them. Where it carries none (a letter has no form, no attachment, no XMP …), the control is a copy of the
    // public PDF with every word planted in every channel (pdf-plant.ts).
    const IN_INTERNAL: Record<Channel, string[]> = {
      pageText: WORDS,
      contentText: WORDS,
      bookmarks: ['5.2 Informatie die niet openbaar gemaakt kan worden', 'Contactpersoon Testema', LATER[0]!], // the headings below the streep and after it
      destinations: ['Contactpersoon', 'Testema'], // the named destination of the heading the link below the streep points at
      // No word of WORDS can reach the Info dictionary of either version: its values are facts of the data file
      // (onderwerp, kenmerk, sender), never Markdown, and the opsteller is not among them. The planted copy is its
      // control; the test below shows the reader reads the real Info of both files.
      info: [],
      // The XMP stream mirrors the Info dictionary (PDF/A): facts of the data file, never Markdown, so no word from
      // below the streep can occur there naturally; the test below shows the reader reads the real XMP of both
      // versions. Neither version has embedded files or form fields: nothing can occur there naturally, and the
      // test below shows they are empty in the internal version too. The planted copy is their control (a reader
      // that read nothing would also pass the public check, which is why the planted control stays).
      xmp: [],
      annotations: ['Grondwet', OPSTELLER.email], // the link's URI, the mailto
      structure: ['Grondwet', 'art. 68', 'Contactpersoon', OPSTELLER.naam, 'Testema', OPSTELLER.telefoon], // the chart's /Alt
      embeddedFiles: [],
      formFields: [],
      everything: WORDS,
    };
    // Which reader reads a channel: our own object reader reads them all but page text through pdfjs' eyes;
    // pdfjs-dist reads these (its structure tree lists only elements with content on a page).
    const PDFJS: Channel[] = ['pageText', 'bookmarks', 'destinations', 'info', 'xmp', 'annotations', 'embeddedFiles', 'formFields'];
    let intern: PdfWords;
    let openbaar: PdfWords;
    let planted: PdfWords;
    beforeAll(async () => {
      const out = join(dir, 'output', '2023');
      intern = await pdfWords(join(out, 'beslisnota.pdf'));
      openbaar = await pdfWords(join(out, 'beslisnota-openbaar.pdf'));
      const control = join(dir, 'planted-openbaar.pdf');
      writeFileSync(control, plantEverywhere(readFileSync(join(out, 'beslisnota-openbaar.pdf')), WORDS));
      planted = await pdfWords(control);
    });

    it('reads every font that draws text through its ToUnicode map (no text the checks cannot see)', () => {
      expect(intern.fontsWithoutToUnicode).toEqual([]);
      expect(openbaar.fontsWithoutToUnicode).toEqual([]);
    });

    // Info and XMP (which mirrors it, PDF/A) carry facts of the data file: the reader is shown to read both.
    const METADATA = { info: [], xmp: ['pdfaid:part'] } as const;
    for (const [channel, extra] of Object.entries(METADATA) as [keyof typeof METADATA, readonly string[]][]) {
      it(`${channel}: the reader finds in both versions what voortgang writes there (onderwerp, kenmerk${extra.map((e) => `, ${e}`).join('')}), and "openbare versie (Woo)" in the public one only`, () => {
        for (const v of [intern, openbaar]) for (const w of ['Beslisnota Voortgangsrapportage High Impact Crimes', 'kenmerk 5074177', ...extra]) expect(contains(v.channels[channel], w), w).toBe(true);
        expect(contains(openbaar.channels[channel], 'openbare versie (Woo)')).toBe(true);
        expect(contains(intern.channels[channel], 'openbare versie (Woo)')).toBe(false);
      });
    }

    it('embeddedFiles, formFields: empty in the internal version too (no words can occur there naturally)', () => {
      for (const channel of ['embeddedFiles', 'formFields'] as const) expect(intern.channels[channel].trim(), channel).toBe('');
    });

    for (const channel of CHANNELS) {
      it(`${channel}: none of the words in the public version`, () => {
        for (const w of WORDS) expect(contains(openbaar.channels[channel], w), `${channel} of the public PDF contains "${w}"`).toBe(false);
      });

      const natural = IN_INTERNAL[channel];
      if (natural.length > 0)
        it(`${channel}, control: the same check finds ${natural.length === WORDS.length ? 'every word' : natural.map((w) => `"${w}"`).join(', ')} in the internal version`, () => {
          for (const w of natural) expect(contains(intern.channels[channel], w), `${channel} of the internal PDF lacks "${w}"`).toBe(true);
        });

      it(`${channel}, control: the same check finds every word planted in a copy of the public version`, () => {
        const readers = [...(channel === 'pageText' ? [] : (['own'] as const)), ...(PDFJS.includes(channel) ? (['pdfjs'] as const) : [])];
        expect(readers.length).toBeGreaterThan(0);
        for (const reader of readers) for (const w of WORDS) expect(contains(planted.bySource[reader][channel] ?? '', w), `${reader} reader, ${channel}: "${w}"`).toBe(true);
        // and the planting adds the words, it does not find them in what was there already
        for (const w of WORDS) expect(contains(openbaar.bySource.own[channel], w)).toBe(false);
      });
    }
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
