import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';
import { buildBothVersions, type BothVersions } from './helpers/both-versions.js';
import { CHANNELS, contains, type Channel, type PdfWords } from './helpers/pdf-words.js';
import { refusedBuilds } from './helpers/refused-builds.js';

/**
 * Lakken: passages of the 2023 beslisnota withheld under a ground of the Woo, written [[5.1.2e: …]]. The
 * internal version prints them marked with their ground; the public version prints a black box carrying the
 * ground instead, has none of their words in any channel, and ends with the list of the grounds used.
 */
const NOTA = join('content', '2023', 'beslisnota');
const S4 = join(NOTA, '04-toelichting.md');
const S5 = join(NOTA, '05-niet-openbaar.md');

/** The redactions, one of each kind of place: a heading, a paragraph, around a link, a footnote, a list item. */
function redact(dir: string): void {
  const edit = (file: string, from: string, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    writeFileSync(path, text.replace(from, to));
  };
  edit(S4, '### 4.2 Financiële overwegingen', '### 4.2 Financiële overwegingen en [[5.1.2i: het Kasboek Zwanenburg]]');
  edit(
    S4,
    'consequenties tot gevolg heeft.',
    'consequenties tot gevolg heeft. Volgens [[5.1.2e: mevrouw Kwartelkoning van de afdeling Tamarinde]] is dat zo, zie [[5.2: [het Notulenarchief](https://notulen.voorbeeld.invalid/pimpelmees) en *de nota Pimpelmees*]].[^fin] Een letterlijke \\[[vierkante haak\\]] blijft staan.\n\n[^fin]: Bron: [[5.1.1c: Offerte Reigerbos BV]], 2023.\n',
  );
  edit(S4, '- Het ontwerp-Besluit Digitaal opkopersregister en Digitaal opkopersloket.', '- Het ontwerp-Besluit Digitaal opkopersregister en [[5.1.2i: het Koekoekdossier]].');
  // Below the streep: the internal version only; its ground is not among the public version's grounds.
  edit(S5, 'art. 68\nGrondwet).', 'art. 68\nGrondwet). Zie [[5.1.2b: de Roerdompbegroting]].');
}

const REDACTED = ['Kasboek Zwanenburg', 'Kwartelkoning', 'Tamarinde', 'Notulenarchief', 'notulen.voorbeeld.invalid', 'Pimpelmees', 'Reigerbos', 'Koekoekdossier'];
const BELOW_STREEP = 'Roerdompbegroting';
const WORDS = [...REDACTED, BELOW_STREEP];

// The grounds used above the streep in order of first use, as the Woo words them (Stb. 2021, 499, art. 5.1, 5.2).
const GROUNDS_LISTED = [
  '5.1.2i artikel 5.1, tweede lid, onderdeel i, Woo: het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen',
  '5.1.2e artikel 5.1, tweede lid, onderdeel e, Woo: de eerbiediging van de persoonlijke levenssfeer',
  '5.2 artikel 5.2, eerste lid, Woo: persoonlijke beleidsopvattingen in documenten voor intern beraad',
  '5.1.1c artikel 5.1, eerste lid, onderdeel c, Woo: bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld',
];

/** Page text as a reader reads it: one space between words, none before a full stop or comma. */
const flat = (text: string) => text.replace(/\s+/g, ' ').replace(/ ([.,])/g, '$1');
// Words in order, allowing a page break between any two of them (the notes, margin column and footer of the page
// that ends, up to its "Pagina i van n"): a paragraph may be split over two pages.
const inOrder = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?: (?:.{0,800}? )?Pagina \\d+ van \\d+)? '));

describe('redactions in the 2023 beslisnota', () => {
  let dir: string;
  let intern: PdfWords;
  let openbaar: PdfWords;
  let html: BothVersions['html'];

  beforeAll(async () => {
    dir = scratchCopy(['content']);
    redact(dir);
    const built = await buildBothVersions(dir);
    expect(built.stdout).toMatch(/beslisnota\.pdf: \d+ pages, 3 footnotes\n.*beslisnota-openbaar\.pdf: \d+ pages, 3 footnotes/);
    ({ intern, openbaar, html } = built);
  });

  // Where the internal version carries the redacted words: its page text, the heading's bookmark, the link's URI.
  const IN_INTERNAL: Partial<Record<Channel, string[]>> = {
    pageText: WORDS.filter((w) => w !== 'notulen.voorbeeld.invalid'),
    contentText: WORDS.filter((w) => w !== 'notulen.voorbeeld.invalid'),
    bookmarks: ['Kasboek Zwanenburg'],
    annotations: ['notulen.voorbeeld.invalid'],
    everything: WORDS,
  };
  for (const channel of CHANNELS) {
    it(`${channel}: no redacted word in the public version${IN_INTERNAL[channel] ? ', and the same check finds them in the internal one' : ''}`, () => {
      for (const w of WORDS) expect(contains(openbaar.channels[channel], w), `${channel} of the public PDF: "${w}"`).toBe(false);
      for (const w of IN_INTERNAL[channel] ?? []) expect(contains(intern.channels[channel], w), `${channel} of the internal PDF: "${w}"`).toBe(true);
    });
  }

  it('no redacted word in the public HTML; all of them in the internal HTML', () => {
    for (const w of WORDS) {
      expect(contains(html('beslisnota-openbaar'), w), w).toBe(false);
      expect(contains(html('beslisnota'), w), w).toBe(true);
    }
  });

  it('prints a black box with its ground where each passage was, in the text, the heading and its bookmark, the list item and the footnote', () => {
    const text = flat(openbaar.channels.pageText);
    expect(text).toContain('4.2 Financiële overwegingen en 5.1.2i');
    // 47 characters: two boxes; "het Notulenarchief en de nota Pimpelmees", 40 characters: one.
    expect(text).toMatch(inOrder(...'Volgens 5.1.2e 5.1.2e is dat zo, zie 5.2. Een letterlijke'.split(' ')));
    expect(text).toContain('Bron: 5.1.1c, 2023.');
    expect(text).toContain('Digitaal opkopersregister en 5.1.2i.');
    expect(contains(openbaar.channels.bookmarks, '4.2 Financiële overwegingen en 5.1.2i')).toBe(true);
    // An escaped \[[ … \]] is text, printed as written.
    expect(text).toContain('Een letterlijke [[vierkante haak]] blijft staan.');
  });

  it('makes each box about as wide as its passage: 47 characters → 50 → a box of 40 and one of 10, at 0.55em each', () => {
    // "mevrouw Kwartelkoning van de afdeling Tamarinde" has 47 characters (counted by hand).
    expect(html('beslisnota-openbaar')).toContain('<span class="lak" data-grond="5.1.2e" style="width: 22em"><span class="lak-label">5.1.2e</span></span> <span class="lak" data-grond="5.1.2e" style="width: 5.5em"><span class="lak-label">5.1.2e</span></span>');
  });

  it('ends the public version with the grounds used above the streep, in order of first use, and no other', () => {
    const text = flat(openbaar.channels.pageText);
    const list = text.slice(text.indexOf('Gelakte passages'));
    expect(list).toMatch(/^Gelakte passages In deze openbare versie zijn passages weggelaten op grond van de Wet open overheid \(Woo\)\. Op elke gelakte passage staat de grond:/);
    let at = 0;
    for (const g of GROUNDS_LISTED) {
      const i = list.indexOf(g, at);
      expect(i, g).toBeGreaterThan(at);
      at = i;
    }
    expect(list).not.toContain('5.1.2b'); // its passage is below the streep
    expect(contains(intern.channels.pageText, 'Gelakte passages')).toBe(false);
  });

  it('shows the passage in the internal version, marked with its ground', () => {
    const text = flat(intern.channels.pageText);
    expect(text).toContain('4.2 Financiële overwegingen en 5.1.2i het Kasboek Zwanenburg');
    expect(text).toMatch(inOrder(...'Volgens 5.1.2e mevrouw Kwartelkoning van de afdeling Tamarinde is dat zo'.split(' ')));
    expect(text).toContain('Zie 5.1.2b de Roerdompbegroting.');
    // The passage in <mark>s of its ground, its label first (a paragraph split over two pages splits the mark too).
    expect(html('beslisnota')).toContain('<mark class="lak-intern" data-grond="5.1.2e"><span class="lak-grond">5.1.2e</span> mevrouw');
    const marked = [...html('beslisnota').matchAll(/<mark class="lak-intern" data-grond="5\.1\.2e">(.*?)<\/mark>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join('');
    expect(marked.replace(/\s+/g, ' ')).toContain('5.1.2e mevrouw Kwartelkoning van de afdeling Tamarinde');
  });

  it('voortgang diff compares a draft with redactions, showing them marked as in the internal version', () => {
    const drafts = scratchCopy(['content']);
    mkdirSync(join(drafts, 'b'));
    cpSync(join(dir, 'content'), join(drafts, 'b', 'content'), { recursive: true });
    const r = voortgang(['diff', '2023', '--from', join(drafts, 'content'), '--to', join(drafts, 'b', 'content'), '--output', join(drafts, 'output')], { cwd: drafts });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const redline = readFileSync(join(drafts, 'output', '2023', 'beslisnota.diff.html'), 'utf8');
    // Marked as inserted (the base has no redaction), inside the marking.
    expect(redline).toMatch(/<mark class="lak-intern" data-grond="5\.1\.2e"><span class="lak-grond"><ins>5\.1\.2e<\/ins><\/span> <ins>mevrouw Kwartelkoning van de afdeling Tamarinde<\/ins><\/mark>/);
    expect(r.stdout).toContain('4.2 Financiële overwegingen en 5.1.2i het Kasboek Zwanenburg');
    expect(contains(redline, 'Kwartelkoning')).toBe(true);
  });
});

describe('redactions written wrong stop the build at their file:line:column, the PDFs stay as they were', () => {
  const FILE = join(NOTA, '03a-lak.md');
  const GROUNDS = '5.1.1a, 5.1.1b, 5.1.1c, 5.1.1d, 5.1.1e, 5.1.2a, 5.1.2b, 5.1.2c, 5.1.2d, 5.1.2e, 5.1.2f, 5.1.2g, 5.1.2h, 5.1.2i, 5.1.5, 5.2';
  const FORM = 'a redaction is written [[<grond>: tekst]], e.g. [[5.1.2e: de naam]]';
  const cases: Array<{ name: string; line: string; message: string }> = [
    { name: 'an unknown ground', line: 'Volgens [[5.1.3: de naam]] is dat zo.', message: `${FILE}:3:11: unknown Woo ground "5.1.3" — the grounds of articles 5.1 and 5.2 of the Woo are: ${GROUNDS}` },
    { name: 'a ground written otherwise (5.1.2E)', line: 'Volgens [[5.1.2E: de naam]] is dat zo.', message: `${FILE}:3:11: unknown Woo ground "5.1.2E" — the grounds of articles 5.1 and 5.2 of the Woo are: ${GROUNDS}` },
    { name: 'never closed', line: 'Volgens [[5.1.2e: de naam is dat zo.', message: `${FILE}:3:9: this redaction is never closed — end it with ]] in the same paragraph (a redaction cannot run across paragraphs, list items or emphasis; redact each part)` },
    { name: 'closed in the next paragraph', line: 'Volgens [[5.1.2e: de naam\n\nis dat zo]].', message: `${FILE}:3:9: this redaction is never closed — end it with ]] in the same paragraph (a redaction cannot run across paragraphs, list items or emphasis; redact each part)\n${FILE}:5:10: ]] closes no redaction — ${FORM}; to print the brackets, write \\]]` },
    { name: 'without its ground', line: 'Volgens [[de naam]] is dat zo.', message: `${FILE}:3:9: ${FORM} — the ground and its colon are missing here (to print the brackets, write \\[[)` },
    { name: 'a ]] that closes none', line: 'Volgens de naam]] is dat zo.', message: `${FILE}:3:16: ]] closes no redaction — ${FORM}; to print the brackets, write \\]]` },
    { name: 'inside a link\'s text', line: 'Zie [de [[5.1.2e: naam]]](https://voorbeeld.invalid).', message: `${FILE}:3:9: a redaction inside a link's text would leave the link's address in the public version — put the whole link inside the redaction: [[5.1.2e: [tekst](adres)]]` },
    { name: 'followed by (…): Markdown reads a link', line: 'Zie [[5.1.2e: de naam]](https://voorbeeld.invalid).', message: `${FILE}:3:5: this [[ is not read as a redaction: Markdown reads it as a link (brackets followed by (…) or [, or a link's text) and would print the passage — ${FORM}, with nothing right after its ]]` },
    { name: 'holding a footnote call', line: 'Volgens [[5.1.2e: de naam[^n]]] is dat zo.\n\n[^n]: Een noot.', message: `${FILE}:3:26: a footnote call inside a redaction — put the call [^n] after the redaction's ]] (and redact in the footnote's own text what must not be published)` },
    // A mistake after a redaction on the same line is still reported at its own column (the `{{`, counted in the line).
    { name: 'a data reference after a redaction', line: 'Volgens [[5.1.2e: de naam]] zijn er {{nergens.x.2021}} overvallen.', message: `${FILE}:3:${'Volgens [[5.1.2e: de naam]] zijn er '.length + 1}: {{nergens.x.2021}}: no data file "nergens" — the data files of this year are: none` },
    { name: 'a link above the streep to a heading below it', line: 'Zie [5.2](#kop-5-2-informatie-die-niet-openbaar-gemaakt-kan-worden).', message: `${FILE}:3:5: link to "#kop-5-2-informatie-die-niet-openbaar-gemaakt-kan-worden": there is no such place in this version of the document — a heading's id is kop-<its number or words> (see the HTML); a place below the streep, or in a heading with a redaction, is not in the public version, so link to it from below the streep only` },
  ];

  const refused = refusedBuilds(['beslisnota.pdf', 'beslisnota-openbaar.pdf', 'beslisnota.html', 'beslisnota-openbaar.html']);

  cases.forEach((c, i) => {
    it(c.name, () => {
      const dir = refused.copy(i);
      writeFileSync(join(dir, FILE), `## Lakken\n\n${c.line}\n`);
      const r = refused.build(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`${c.message}\n`);
      refused.expectUntouched();
    });
  });

  it('a redaction in a Kamerbrief (public as a whole: no version would print the passage)', () => {
    const dir = scratchCopy(['content']);
    const file = join('content', '2022', 'kamerbrief', '09-lak.md');
    writeFileSync(join(dir, file), '## Lakken\n\nVolgens [[5.1.2e: de naam]] is dat zo.\n');
    const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:3:9: a redaction ([[5.1.2e: …]]) belongs in a document with an internal version beside its public one (a beslisnota): every version of this document is public, so the passage would be printed in none — take the brackets away to print the passage, or take the passage out\n`);
    expect(existsSync(join(dir, 'output', '2022', 'kamerbrief.pdf'))).toBe(false);
  });
});
