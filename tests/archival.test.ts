import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { diffFacts } from '../src/diff/data-diff.js';
import type { DocumentSources } from '../src/load/load-document.js';
import { checkSection } from '../src/markdown/check-section.js';
import { parseMarkdown } from '../src/markdown/markdown-parser.js';
import { ROOT, voortgang } from './helpers/cli.js';
import { pdfCharacters } from './helpers/pdf-raw.js';
import { LAYOUT, readLetter, readPdfText, type LetterPage, type PageText } from './helpers/pdf-text.js';

/**
 * Archival content: a letter reconstructed from an incomplete source (tests/fixtures/archief: signatories
 * unknown, source comments in its Markdown), and margin-column blocks that give their lines explicitly, as the
 * real 2022 letter prints them (tests/fixtures/seeds/kamerbrief-2022-pdftext.txt).
 */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'archief', 'content');
const HIDDEN = ['ONZICHTBAAR', 'Reconstructed from a scan', 'pagina 2 ontbreekt', 'Wat hier stond', 'OVER-REGELS'];

// The fixture letter, built once.
let fixturePdf: string;
let fixtureHtml: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-archief-'));
  const r = voortgang(['build', '2015', '--content', FIXTURE, '--output', join(dir, 'output')], { cwd: dir });
  expect(r.stderr).not.toMatch(/:\d+:\d+:/);
  expect(r.status).toBe(0);
  fixturePdf = join(dir, 'output', '2015', 'kamerbrief.pdf');
  fixtureHtml = readFileSync(join(dir, 'output', '2015', 'kamerbrief.html'), 'utf8');
});

/** Builds a scratch copy of the fixture after `change`; the result of the command. */
function buildChanged(change: (content: string) => void) {
  const scratch = mkdtempSync(join(tmpdir(), 'voortgang-archief-bad-'));
  cpSync(FIXTURE, join(scratch, 'content'), { recursive: true });
  change(join(scratch, 'content'));
  return { scratch, ...voortgang(['build', '2015', '--content', join(scratch, 'content'), '--output', join(scratch, 'output')], { cwd: scratch }) };
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(file, changed);
}

/** The margin column's printed lines of a page, top to bottom (the page number below it left out). */
function marginLines(page: PageText): string[] {
  const runs = page.runs.filter((r) => r.x >= LAYOUT.marginColumnX && r.top <= LAYOUT.footerTop).sort((a, b) => a.top - b.top || a.x - b.x);
  const lines: Array<{ top: number; parts: string[] }> = [];
  for (const r of runs) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(r.top - last.top) <= 2) last.parts.push(r.str);
    else lines.push({ top: r.top, parts: [r.str] });
  }
  return lines.map((l) => l.parts.join(' ').replace(/\s+/g, ' ').trim());
}

/** Where `expected` occurs as consecutive lines of `lines`, or -1. */
function indexOfLines(lines: string[], expected: string[]): number {
  for (let i = 0; i + expected.length <= lines.length; i++) if (expected.every((l, k) => lines[i + k] === l)) return i;
  return -1;
}

// The real letter's lines (kamerbrief-2022-pdftext.txt; its text extraction runs "Beschermen" and "Directie" together).
const EENHEID = ['Directoraat-Generaal', 'Straffen en Beschermen'];
const ONDERDEEL = ['Directie Jeugd, Familie en', 'Aanpak', 'Criminaliteitsfenomenen'];
const BEANTWOORDING = ['Bij beantwoording de datum', 'en ons kenmerk vermelden.', 'Wilt u slechts één zaak in uw', 'brief behandelen.'];

describe('margin-column blocks with explicit lines', () => {
  it('are the lines of the real letter, which the example sender and the 2022 letter give', () => {
    const seed = readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'kamerbrief-2022-pdftext.txt'), 'utf8').split('\n').map((l) => l.trim());
    const at = seed.indexOf('Directoraat-Generaal');
    expect(seed.slice(at, at + 4)).toEqual(['Directoraat-Generaal', 'Straffen en BeschermenDir', 'ectie Jeugd, Familie en', 'Aanpak']);
    expect(seed[at + 4]).toBe('Criminaliteitsfenomenen');
    const afzender = parse(readFileSync(join(ROOT, 'content', 'afzenders', 'dgsb-jfac.yaml'), 'utf8'));
    expect(afzender.eenheid).toEqual(EENHEID);
    expect(afzender.onderdeel).toEqual(ONDERDEEL);
    expect(parse(readFileSync(join(ROOT, 'content', '2022', 'kamerbrief.yaml'), 'utf8')).beantwoording).toEqual(BEANTWOORDING);
  });

  it('print line for line at the top of the margin column on every page of the 2022 letter and of both 2023 memos', async () => {
    for (const file of ['2022/kamerbrief.pdf', '2023/beslisnota.pdf', '2023/beslisnota-openbaar.pdf']) {
      const pages = await readPdfText(join(inject('output'), file));
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        const lines = marginLines(page);
        expect(lines.slice(0, 5), `${file} page ${page.number}`).toEqual([...EENHEID, ...ONDERDEEL]);
      }
    }
  });

  it('print the "Bij beantwoording" note of page 1 line for line', async () => {
    const [first] = await readPdfText(join(inject('output'), '2022', 'kamerbrief.pdf'));
    expect(indexOfLines(marginLines(first!), BEANTWOORDING)).toBeGreaterThan(0);
  });

  it('are no change in a redline when only the line breaks changed (the words are compared)', () => {
    // As the Kamerbrief's descriptor declares it (templates/kamerbrief/layout.yaml): beantwoording is of type regels.
    const facts = (beantwoording: string | string[]) => ({ brief: { beantwoording }, layout: { descriptor: { feiten: { beantwoording: { type: 'regels' } } } } }) as unknown as DocumentSources;
    expect(diffFacts(facts(BEANTWOORDING.join(' ')), facts(BEANTWOORDING)).size).toBe(0);
    expect(diffFacts(facts(BEANTWOORDING), facts([...BEANTWOORDING.slice(0, 3), 'brief bespreken.'])).get('beantwoording')?.after).toBe('Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief bespreken.');
  });

  it('written as one text still wrap to the column: the same words, over several lines', async () => {
    const [first] = await readPdfText(fixturePdf);
    const lines = marginLines(first!);
    const start = lines.findIndex((l) => l.startsWith('Bij beantwoording'));
    const note = lines.slice(start, start + 6).join(' ');
    expect(note).toContain('Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.');
    expect(lines[start]).not.toBe('Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.');
    expect(lines.slice(0, 3).join(' ')).toBe('Directoraat-Generaal Straffen en Beschermen Directie Justitieel Jeugdbeleid');
  });
});

describe('a letter reconstructed from an incomplete source (tests/fixtures/archief)', () => {
  let pages: LetterPage[];
  let pdf: string;
  let html: string;
  beforeAll(async () => {
    pdf = fixturePdf;
    html = fixtureHtml;
    pages = await readLetter(pdf);
  });

  it('its data files are accepted by the JSON Schemas they name (as an editor checks them)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const files = ['afzenders/dgsb.yaml', '2015/kamerbrief.yaml'].map((f) => join(FIXTURE, f));
    for (const file of files) {
      const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(readFileSync(file, 'utf8').split('\n')[0]!)?.[1];
      const validate = ajv.compile(JSON.parse(readFileSync(resolve(dirname(file), ref!), 'utf8')));
      expect(validate(parse(readFileSync(file, 'utf8'))), `${relative(ROOT, file)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('with `ondertekening: onbekend` prints no signature block: no placeholder, the text ends with its last paragraph', () => {
    expect(html).not.toMatch(/class="ondertekening|class="ondertekenaar/);
    const all = pages.map((p) => `${p.margin} ${p.body} ${p.notes}`).join(' ');
    expect(all).not.toMatch(/onbekend|ondertekening|De Minister/i);
    expect(pages).toHaveLength(2);
    const last = pages[pages.length - 1]!;
    expect(last.body).toMatch(/over het hang- en sluitwerk van woningen\.$/);
    expect(last.footer).toBe('Pagina 2 van 2');
  });

  it('says so in its metadata: Keywords "ondertekening onbekend"', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), useSystemFonts: false, isEvalSupported: false }).promise;
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info.Keywords).toBe('kenmerk 1234567, kamerbrief, ondertekening onbekend, 2015');
    await doc.destroy();
    // A signed letter does not.
    const signed = await getDocument({ data: new Uint8Array(readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'))), useSystemFonts: false, isEvalSupported: false }).promise;
    expect(((await signed.getMetadata()) as unknown as { info: Record<string, string> }).info.Keywords).not.toContain('onbekend');
    await signed.destroy();
  });

  it('drops its HTML comments — block, inline, over several lines, in a heading, a list, a quote and a footnote — from the PDF (text, bookmarks, tags) and the HTML', () => {
    const characters = pdfCharacters(pdf);
    for (const s of HIDDEN) {
      expect(html, s).not.toContain(s);
      expect(characters, s).not.toContain(s);
      expect(pages.map((p) => `${p.margin} ${p.body} ${p.notes}`).join(' '), s).not.toContain(s);
    }
    expect(html).not.toContain('<!--');
    // What stands around the comments is printed, and a comment between words leaves one space.
    const body = pages.map((p) => p.body).join(' ');
    expect(body).toContain('high impact crimes (HIC). Dit zijn delicten');
    expect(body).toContain('straatroven en geweld. Zij treffen slachtoffers');
    expect(body).toContain('Overvallen');
    expect(body).toContain('Een citaat uit de bron.');
    expect(pages[0]!.notes).toContain('Kamerstukken II 2014-15, 28 684 (voetnoot zoals in de bron).');
  });

  it('`voortgang new` from it lists the unknown signatories to fill in', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'voortgang-archief-new-'));
    cpSync(FIXTURE, join(scratch, 'content'), { recursive: true });
    const r = voortgang(['new', '2016', '--from', '2015', '--content', join(scratch, 'content')], { cwd: scratch });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fillIn = r.stdout.slice(r.stdout.indexOf('Fill in:'), r.stdout.indexOf('Years named in the text'));
    expect(fillIn).toMatch(/^ {2}content\/2016\/kamerbrief\.yaml:\d+:16: ondertekening: onbekend — the signatories are unknown; fill in who signs/m);
    const line = Number(/kamerbrief\.yaml:(\d+):16: ondertekening/.exec(fillIn)![1]);
    expect(readFileSync(join(scratch, 'content', '2016', 'kamerbrief.yaml'), 'utf8').split('\n')[line - 1]).toMatch(/^ondertekening: onbekend/);
  });

  it('a signed year copied by `voortgang new` has no line about signatories', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'voortgang-archief-new-'));
    cpSync(join(ROOT, 'content'), join(scratch, 'content'), { recursive: true });
    const r = voortgang(['new', '2024', '--from', '2022', '--content', join(scratch, 'content')], { cwd: scratch });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('ondertekening');
  });
});

describe('HTML comments in Markdown are source comments; other raw HTML is refused', () => {
  const file = join(process.cwd(), 'sectie.md');
  const check = (text: string) => checkSection({ file, text, tree: parseMarkdown(text) }).map((e) => e.message);

  it('allows comments: on a line of their own, inside a paragraph, over several lines, in lists, quotes and footnotes', () => {
    expect(check('<!-- pagina 2 ontbreekt -->\n\n## Kop\n\nTekst <!-- inline --> meer.\n')).toEqual([]);
    expect(check('Tekst\n\n<!--\nregel een\nregel twee\n-->\n\nNog tekst <!-- over\ntwee regels --> en verder.\n')).toEqual([]);
    expect(check('- punt <!-- x -->\n- <!-- y -->\n\n> citaat <!-- z -->\n>\n> <!--\n> twee\n> -->\n\nEen noot.[^a]\n\n[^a]: Noot. <!-- n -->\n')).toEqual([]);
    expect(check('<!-- een --> <!-- twee -->\n\n<!---->\n\nLetterlijk: \\<!-- is tekst, `<!--` ook.\n')).toEqual([]);
  });

  it('an unclosed `<!--` is an error at its line and column, on a line of its own or in a paragraph', () => {
    expect(check('## Kop\n\nTekst.\n\n<!-- pagina 2 ontbreekt\n\nDe rest van de brief.\n')).toEqual([
      'sectie.md:5:1: `<!--` opens a comment that is never closed — end it with `-->` (a comment may span several lines), or write `\\<!--` to print the characters',
    ]);
    expect(check('Tekst met <!-- een open opmerking\n\nen verder.\n')).toEqual([
      'sectie.md:1:11: `<!--` opens a comment that is never closed — end it with `-->` (a comment may span several lines), or write `\\<!--` to print the characters',
    ]);
    expect(check('<!-- een --> <!-- twee\n\nTekst\n')[0]).toMatch(/^sectie\.md:1:14: `<!--` opens a comment that is never closed/);
  });

  it('text after a comment that begins its line is an error (Markdown would drop it with the comment)', () => {
    expect(check('Tekst.\n\n<!-- opmerking --> En dit is tekst.\n')).toEqual([
      'sectie.md:3:20: text after a comment on its line (En dit is tekst.) would be dropped with it: a comment that begins a line takes the rest of that line — put the text on a line of its own',
    ]);
  });

  it('other raw HTML is refused with its file:line:column, also beside a comment', () => {
    expect(check('Hierbij <b>sturen</b> wij u\n')).toEqual([
      'sectie.md:1:9: raw HTML (<b>) is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a `tabel` block for figures',
      'sectie.md:1:18: raw HTML (</b>) is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a `tabel` block for figures',
    ]);
    expect(check('Tekst\n\n<div>\n<!-- x -->\n</div>\n')).toEqual([
      'sectie.md:3:1: raw HTML (<div>) is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a `tabel` block for figures',
    ]);
    expect(check('<!-- x --><span>a</span>\n')).toEqual([
      'sectie.md:1:11: raw HTML (<span>a</span>) is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a `tabel` block for figures',
    ]);
  });

  it('a build stops at an unclosed comment, naming the file, line and column', () => {
    const r = buildChanged((content) => edit(join(content, '2015', 'kamerbrief', '02-ontwikkelingen.md'), 'ontbreekt. -->\n', 'ontbreekt.\n'));
    expect(r.status).toBe(1);
    const line = readFileSync(join(r.scratch, 'content', '2015', 'kamerbrief', '02-ontwikkelingen.md'), 'utf8').split('\n').findIndex((l) => l.startsWith('<!--')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(r.stderr).toBe(`content/2015/kamerbrief/02-ontwikkelingen.md:${line}:1: \`<!--\` opens a comment that is never closed — end it with \`-->\` (a comment may span several lines), or write \`\\<!--\` to print the characters\n`);
  });
});

describe('the new forms, mistyped', () => {
  it('ondertekening: a misspelt onbekend says what is expected', () => {
    const r = buildChanged((content) => edit(join(content, '2015', 'kamerbrief.yaml'), 'ondertekening: onbekend', 'ondertekening: onbekent'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^content\/2015\/kamerbrief\.yaml:16:16: ondertekening: expected the signatories as a list of \{ functie, naam \}, or onbekend for a letter whose source does not say who signed it$/m);
  });

  it('a margin-column block: an empty list of lines, or something that is neither text nor lines', () => {
    let r = buildChanged((content) => edit(join(content, 'afzenders', 'dgsb.yaml'), /^eenheid: .*$/m, 'eenheid: []'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^content\/afzenders\/dgsb\.yaml:4:10: eenheid: is an empty list — give its lines, one per item, or write it as one text$/m);
    r = buildChanged((content) => edit(join(content, '2015', 'kamerbrief.yaml'), /^beantwoording: .*$/m, 'beantwoording: { regels: 2 }'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^content\/2015\/kamerbrief\.yaml:15:16: beantwoording: expected the note as one text \(it wraps to the column\) or a list of lines, one per printed line$/m);
  });
});
