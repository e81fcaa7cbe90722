import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratchCopy } from './helpers/cli.js';
import { refusedBuilds } from './helpers/refused-builds.js';
import { buildBothVersions, type BothVersions } from './helpers/both-versions.js';
import { CHANNELS, contains, type PdfWords } from './helpers/pdf-words.js';

/**
 * Routes by which text meant for the internal version only could reach the public (Woo) version of the 2023
 * beslisnota, each a real build of a scratch copy of content/: a redaction written where none is read (a fact, a
 * block's field, a data set, the streep's sentence, inline code) or in a near-miss spelling; a note or a link
 * address written below the streep but used above it; a streep hidden in a comment. Each stops the build at its
 * file:line:column, the previous PDFs untouched — or, where the text can be redacted (an address in a passage, a
 * file with a tabel and a grafiek), is in no channel of the public PDF and HTML while the internal version has it.
 */
const NOTA = join('content', '2023', 'beslisnota');
const LAK = join(NOTA, '03a-lak.md');
const S5 = join(NOTA, '05-niet-openbaar.md');
const YAML = join('content', '2023', 'beslisnota.yaml');
const DATA = join('content', '2023', 'data', 'hic.yaml');
const AFZENDER = join('content', 'afzenders', 'dgsb-jfac.yaml');
const FORM = 'a redaction is written [[<grond>: tekst]], e.g. [[5.1.2e: de naam]]';
const misplaced = (where: string) =>
  `a redaction is written only in the text of a section (paragraph, heading, list item, table cell, footnote) — in ${where} it would be printed as written, brackets and passage: take the passage out of it (and redact it in the text, if it belongs there)`;
const nearMiss = (written: string) => `"${written}" looks like the start of a redaction but is not one, and would be printed as written — ${FORM}: two ASCII brackets, nothing between them (to print the bracket, write \\[)`;

/** The 2022 data set of high impact crimes, as a data set of 2023 (the beslisnota has none of its own). */
function addData(dir: string, edit: (yaml: string) => string = (y) => y): void {
  mkdirSync(join(dir, 'content', '2023', 'data'), { recursive: true });
  writeFileSync(join(dir, DATA), edit(readFileSync(join(ROOT, 'content', '2022', 'data', 'hic.yaml'), 'utf8')));
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(path, text.replace(from, to));
}

/** 1-based line and column of the first `needle` in a file of the scratch copy (counted in the file as written). */
function whereIn(dir: string, file: string, needle: string): string {
  const text = readFileSync(join(dir, file), 'utf8');
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${file} has no "${needle}"`);
  const before = text.slice(0, i);
  return `${file}:${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
}

const lak = (body: string) => (dir: string) => writeFileSync(join(dir, LAK), `## Lakken\n\n${body}\n`);
const ABOVE = 'ter bescherming van de persoonlijke levenssfeer.';
const SENTENCE = 'Alles onder deze streep wordt verwijderd.';

describe('text that would reach the public version stops the build at its file:line:column, the PDFs stay as they were', () => {
  const cases: Array<{ name: string; setup: (dir: string) => void; at: [string, string]; message: string }> = [
    // A: a redaction where none is read.
    { name: "in a tabel block's kop", setup: (d) => (addData(d), lak('```tabel\ndata: hic\njaren: 2020-2021\nreeksen: [overvallen]\nkop: "Delict [[5.1.2e: zqxkop]]"\n```')(d)), at: [LAK, '[[5.1.2e: zqxkop'], message: misplaced("a tabel block's fields") },
    { name: "in a grafiek block's titel", setup: (d) => (addData(d), lak('```grafiek\ndata: hic\njaren: 2020-2021\ntitel: Overvallen [[5.1.2e: zqxtitel]]\n```')(d)), at: [LAK, '[[5.1.2e: zqxtitel'], message: misplaced("a grafiek block's fields") },
    { name: "in the streep's sentence", setup: (d) => edit(d, S5, SENTENCE, 'Alles onder deze streep wordt verwijderd, ook [[5.1.2e: zqxstreep]].'), at: [S5, '[[5.1.2e: zqxstreep'], message: misplaced("the streep's sentence") },
    { name: 'in inline code', setup: lak('Tekst `[[5.1.2e: zqxinline]]` eind.'), at: [LAK, '[[5.1.2e: zqxinline'], message: misplaced('inline code (`…`)') },
    { name: 'in the onderwerp (a YAML fact)', setup: (d) => edit(d, YAML, 'onderwerp: Beslisnota Voortgangsrapportage High Impact Crimes', 'onderwerp: "Beslisnota over [[5.1.2e: zqxonderwerp]]"'), at: [YAML, '[[5.1.2e: zqxonderwerp'], message: misplaced('the field onderwerp') },
    { name: 'in an addressee (aan, a list)', setup: (d) => edit(d, YAML, '  - De minister voor Rechtsbescherming', '  - "De minister voor [[5.1.2e: zqxaan]]"'), at: [YAML, '[[5.1.2e: zqxaan'], message: misplaced('the field aan.1') },
    { name: "in the sender's website", setup: (d) => edit(d, AFZENDER, 'website: www.rijksoverheid.nl/jenv', 'website: "[[5.1.2e: zqxsite]]"'), at: [AFZENDER, '[[5.1.2e: zqxsite'], message: misplaced('the field website') },
    { name: "in a data set's titel", setup: (d) => addData(d, (y) => y.replace('titel: Geregistreerde high impact crimes', 'titel: "Geregistreerde [[5.1.2e: zqxdata]] crimes"')), at: [DATA, '[[5.1.2e: zqxdata'], message: misplaced('the field titel') },
    { name: "in a data set's bron", setup: (d) => addData(d, (y) => y.replace('bron: Jaarverslagen politie 2010 t/m 2021; www.data.politie.nl', 'bron: "[[5.1.2i: zqxbron]] Jaarverslagen politie"')), at: [DATA, '[[5.1.2i: zqxbron'], message: misplaced('the field bron') },
    { name: "a near-miss in a series' label", setup: (d) => addData(d, (y) => y.replace('label: Overvallen', 'label: "Overvallen [5.1.2e: zqxlabel]"')), at: [DATA, '[5.1.2e: zqxlabel'], message: misplaced('the field reeksen.overvallen.label') },
    // A7: near-miss spellings in the text.
    { name: 'single brackets [5.1.2e: …]', setup: lak('Tekst [5.1.2e: zqxsingle] eind.'), at: [LAK, '[5.1.2e: zqxsingle'], message: nearMiss('[5.1.2e:') },
    { name: 'full-width brackets ［［5.1.2e: …］］', setup: lak('Tekst ［［5.1.2e: zqxfull］］ eind.'), at: [LAK, '［［5.1.2e'], message: nearMiss('［［5.1.2e:') },
    { name: 'one bracket and a mistyped ground [5.1.2.e: …]', setup: lak('Tekst [5.1.2.e: zqxtypo] eind.'), at: [LAK, '[5.1.2.e: zqxtypo'], message: nearMiss('[5.1.2.e:') },
    { name: 'brackets with a space between them [ [5.1.2e: …] ]', setup: lak('Tekst [ [5.1.2e: zqxspace] ] eind.'), at: [LAK, '[ [5.1.2e'], message: nearMiss('[ [5.1.2e:') },
    // B: below the streep, used above it.
    {
      name: 'a footnote called above the streep, defined below it',
      setup: (d) => (edit(d, S5, ABOVE, `${ABOVE}[^zqx]`), writeFileSync(join(d, S5), `${readFileSync(join(d, S5), 'utf8')}\n[^zqx]: zqxnoot.\n`)),
      at: [S5, '[^zqx]:'],
      message: 'the note [^zqx] called above the streep is written below it, and everything below the streep is left out of the public version — move its definition above the streep',
    },
    {
      name: 'a footnote called above the streep, defined below it inside a quote',
      setup: (d) => (edit(d, S5, ABOVE, `${ABOVE}[^zqx]`), writeFileSync(join(d, S5), `${readFileSync(join(d, S5), 'utf8')}\n> [^zqx]: zqxnoot.\n`)),
      at: [S5, '[^zqx]:'],
      message: 'the note [^zqx] called above the streep is written below it, and everything below the streep is left out of the public version — move its definition above the streep',
    },
    {
      name: 'a link reference above the streep, defined below it',
      setup: (d) => (edit(d, S5, ABOVE, `${ABOVE} Zie [de regeling][zqxref].`), writeFileSync(join(d, S5), `${readFileSync(join(d, S5), 'utf8')}\n[zqxref]: https://zqxref.invalid/regeling\n`)),
      at: [S5, '[zqxref]:'],
      message: 'the link reference [zqxref] used above the streep is defined below it, and everything below the streep is left out of the public version — move the definition [zqxref]: … above the streep',
    },
    {
      name: 'a streep inside an HTML comment',
      setup: (d) => (edit(d, S5, '```streep\n', '<!--\n~~~Streep\n'), edit(d, S5, 'geplaatst.\n```\n', 'geplaatst.\n~~~\n-->\n')),
      at: [S5, '~~~Streep'],
      message: 'a streep inside an HTML comment (<!-- … -->) is no streep: the comment hides it, and the public version would print everything below it — take the streep out of the comment (or delete it from the comment)',
    },
    // D18, D19.
    {
      name: 'a control character (U+0001) in the onderwerp',
      setup: (d) => edit(d, YAML, 'onderwerp: Beslisnota Voortgangsrapportage High Impact Crimes', 'onderwerp: "Beslisnota \\u0001 Voortgangsrapportage"'),
      at: [YAML, '"Beslisnota \\u0001'],
      message: 'the field onderwerp holds the character U+0001, which is not printed and cannot be written in the DiWoo record\'s XML — delete it (it often comes with text pasted from another program)',
    },
    {
      name: 'a non-character (U+FFFE) in the onderwerp, written as it is',
      setup: (d) => edit(d, YAML, 'onderwerp: Beslisnota Voortgangsrapportage', 'onderwerp: Beslisnota \uFFFE Voortgangsrapportage'),
      at: [YAML, '\uFFFE'],
      message: 'the field onderwerp holds the character U+FFFE, which is not printed and cannot be written in the DiWoo record\'s XML — delete it (it often comes with text pasted from another program)',
    },
    {
      name: 'a streep fence with a no-break space after its name: the message shows it',
      setup: (d) => edit(d, S5, '```streep\n', '```streep\u00a0\n'),
      at: [S5, '```streep'],
      message: '```streep\\u00a0 is not a block voortgang knows, and would print its lines as code — the blocks are ```streep, ```tabel, ```grafiek; to print the text, delete the fence lines',
    },
  ];

  const refused = refusedBuilds(['beslisnota.pdf', 'beslisnota-openbaar.pdf', 'beslisnota.html', 'beslisnota-openbaar.html', 'beslisnota-openbaar.diwoo.xml']);

  cases.forEach((c, i) => {
    it(c.name, () => {
      const dir = refused.copy(i);
      c.setup(dir);
      const at = whereIn(dir, ...c.at);
      const r = refused.build(dir);
      expect(r.stderr).toBe(`${at}: ${c.message}\n`);
      expect(r.status).toBe(1);
      refused.expectUntouched();
    });
  });
});

describe('a file with a tabel, a grafiek and redactions of addresses: built, the passages in no channel of the public version', () => {
  // Web and e-mail addresses are read by GFM as links (autolink literals): the redaction takes them as it takes any link.
  const PASSAGES = ['zqxpassage', 'piet@zqxmail.nl', 'www.zqxweb.nl', 'zqxurl.invalid'];
  let dir: string;
  let intern: PdfWords;
  let openbaar: PdfWords;
  let html: BothVersions['html'];
  const out = () => join(dir, 'output', '2023');

  beforeAll(async () => {
    dir = scratchCopy(['content']);
    addData(dir);
    lak(
      [
        'Volgens [[5.1.2e: de zqxpassage]] dalen de overvallen.',
        '',
        '```tabel',
        'data: hic',
        'jaren: 2020-2021',
        'reeksen: [overvallen]',
        '```',
        '',
        '```grafiek',
        'data: hic',
        'jaren: 2011-2021',
        'titel: Overvallen per jaar',
        '```',
        '',
        'Mail [[5.1.2e: piet@zqxmail.nl]], zie [[5.1.2e: www.zqxweb.nl]] en [[5.2: https://zqxurl.invalid/pad]].',
      ].join('\n'),
    )(dir);
    const built = await buildBothVersions(dir);
    expect(built.status).toBe(0);
    ({ intern, openbaar, html } = built);
  });

  for (const channel of CHANNELS) {
    it(`${channel}: no passage in the public version`, () => {
      for (const w of PASSAGES) expect(contains(openbaar.channels[channel], w), `${channel} of the public PDF: "${w}"`).toBe(false);
    });
  }

  it('the internal version has every passage (page text; the address also as the link URI)', () => {
    for (const w of PASSAGES) expect(contains(intern.channels.pageText, w), w).toBe(true);
    expect(contains(intern.channels.annotations, 'https://zqxurl.invalid/pad')).toBe(true);
    expect(contains(intern.channels.annotations, 'mailto:piet@zqxmail.nl')).toBe(true);
  });

  it('the public HTML has no passage, the internal HTML all; both print the table and the chart', () => {
    for (const w of PASSAGES) {
      expect(contains(html('beslisnota-openbaar'), w), w).toBe(false);
      expect(contains(html('beslisnota'), w), w).toBe(true);
    }
    for (const name of ['beslisnota', 'beslisnota-openbaar']) {
      // The figures of the data set for 2020 and 2021 (content/2022/data/hic.yaml: 907 and 676 overvallen).
      expect(html(name)).toMatch(/<table[\s\S]*907[\s\S]*676[\s\S]*<\/table>/);
      expect(html(name)).toContain('<figcaption>Overvallen per jaar</figcaption>');
    }
    expect(contains(openbaar.channels.pageText, 'Overvallen per jaar')).toBe(true);
    expect(existsSync(join(out(), 'beslisnota-openbaar.diwoo.xml'))).toBe(true);
  });
});

describe('a tabel and a grafiek in a file with a redaction (no address in it): both versions are built', () => {
  it('the public version prints the table and the chart and a box for the passage, the internal one the passage', async () => {
    const dir = scratchCopy(['content']);
    addData(dir);
    lak(['Volgens [[5.1.2e: de zqxalleen]] dalen de overvallen.', '', '```tabel', 'data: hic', 'jaren: 2020-2021', 'reeksen: [overvallen]', '```', '', '```grafiek', 'data: hic', 'jaren: 2011-2021', 'titel: Overvallen per jaar', '```'].join('\n'))(dir);
    const { status, intern, openbaar } = await buildBothVersions(dir);
    expect(status).toBe(0);
    expect(contains(openbaar.channels.everything, 'zqxalleen')).toBe(false);
    expect(contains(intern.channels.pageText, 'zqxalleen')).toBe(true);
    const text = openbaar.channels.pageText.replace(/\s+/g, ' ');
    // 2020 and 2021 of the overvallen series (content/2022/data/hic.yaml: 907 and 676), and the chart's caption.
    expect(text).toMatch(/907.*676/);
    expect(text).toContain('Overvallen per jaar');
    expect(text).toContain('Volgens 5.1.2e dalen de overvallen.');
  });
});
