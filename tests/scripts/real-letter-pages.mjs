#!/usr/bin/env node
/**
 * The real 2022 Kamerbrief's pages, derived from the text of its PDF (tests/fixtures/seeds/kamerbrief-2022-pdftext.txt,
 * with the real line and page breaks), and written to tests/fixtures/kamerbrief-2022-paginas.json:
 *
 *   node tests/scripts/real-letter-pages.mjs          # rebuilds the fixture from the seed
 *
 * How the seed's text shows the real pages (read off the seed, checked below, the script stops if one fails):
 * - a page's text starts on a line that begins with one space (" strategische inzet …"), except after a page
 *   whose footer was extracted ("Pagina 3 van 1"): then the link texts and the margin column (… "Ons kenmerk…")
 *   follow, and the next page starts on the line after "Ons kenmerk";
 * - the footnotes are at the end of a page: the first is the line "<n> text" for the next note number n; a note
 *   carried over from the page before (13 onto page 5, 25 onto page 7) is the block of lines right above it;
 * - a footnote call is the number glued to the body text ("criminaliteitsbestrijding.1", "(CHO)30", once after a
 *   space: "jaren. 23"), the notes' numbers in order; a note's text starts at the foot of the page of its call or
 *   of the next page (note 35: called on page 8, printed on page 9).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED = join(ROOT, 'tests', 'fixtures', 'seeds', 'kamerbrief-2022-pdftext.txt');
export const FIXTURE = join(ROOT, 'tests', 'fixtures', 'kamerbrief-2022-paginas.json');
const BEGIN_WORDS = 6;

/**
 * The pages of the seed: for each, its body text (calls taken out), the numbers of the footnotes printed at its
 * foot, and the numbers of the calls in its body.
 * @param {string} text the pdftext seed
 * @returns {{ number: number, body: string, notes: number[], calls: number[] }[]}
 */
export function realPages(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  /** @type {string[][]} */
  const pages = [];
  let current = null;
  let inChrome = false;
  for (const line of lines) {
    if (inChrome) {
      if (/^Ons kenmerk/.test(line)) {
        inChrome = false;
        pages.push((current = []));
      }
      continue;
    }
    if (/^Pagina \d+ van \d+\s*$/.test(line)) {
      inChrome = true;
      current = null;
      continue;
    }
    if (/^ \S/.test(line)) pages.push((current = []));
    if (current === null) throw new Error(`seed line "${line}" is outside a page`);
    current.push(line.trim());
  }
  if (inChrome) throw new Error('the seed ends in a page footer without the next page');

  let nextNote = 1;
  const split = pages.map((pageLines, i) => {
    const first = pageLines.findIndex((l) => l.startsWith(`${nextNote} `));
    let zone = first < 0 ? pageLines.length : first;
    while (first >= 0 && zone > 0 && pageLines[zone - 1] !== '') zone--; // a note carried over from the page before
    const notes = [];
    for (const l of pageLines.slice(zone)) if (l.startsWith(`${nextNote} `)) notes.push(nextNote++);
    return { number: i + 1, bodyLines: pageLines.slice(0, zone), notes };
  });

  // Calls, in order: the number n, not part of a larger number (not "5.460", "2.272"), the first after call n − 1.
  const bodies = split.map((p) => p.bodyLines.join('\n'));
  const calls = split.map(() => /** @type {number[]} */ ([]));
  const cut = bodies.map(() => /** @type {[number, number][]} */ ([]));
  let page = 0;
  let from = 0;
  for (let n = 1; n < nextNote; n++) {
    const re = new RegExp(`(?<!\\d)${n}(?![\\d]|[.,]\\d)`, 'g');
    let found = null;
    for (; page < bodies.length && !found; page++, from = 0) {
      re.lastIndex = from;
      found = re.exec(bodies[page]);
      if (found) break;
    }
    if (!found) throw new Error(`no call of footnote ${n} in the body text`);
    const before = bodies[page].slice(0, found.index);
    if (!/(?:[^\s\d]|[.,;:!?”)] )$/.test(before)) throw new Error(`footnote ${n}: "${before.slice(-20)}${n}" is no call`);
    calls[page].push(n);
    cut[page].push([found.index, found.index + String(n).length]);
    from = found.index + String(n).length;
  }

  return split.map((p, i) => {
    for (const n of calls[i]) {
      if (!p.notes.includes(n) && !split[i + 1]?.notes.includes(n)) throw new Error(`footnote ${n}: called on page ${i + 1}, printed on neither it nor the next`);
    }
    let body = bodies[i];
    for (const [a, b] of [...cut[i]].reverse()) body = body.slice(0, a) + body.slice(b);
    return { number: p.number, body: body.replace(/\s+/g, ' ').trim(), notes: p.notes, calls: calls[i] };
  });
}

/** The fixture: the page count, the first words of pages 2–n, the footnotes at the foot of each page. */
export function realLetterFixture(text) {
  const pages = realPages(text);
  const source = relative(ROOT, SEED);
  return {
    bron: `${source}, by tests/scripts/real-letter-pages.mjs (node tests/scripts/real-letter-pages.mjs rebuilds this file): the real letter's pages as its PDF's text shows them`,
    paginas: pages.length,
    begin: pages.slice(1).map((p) => ({ pagina: p.number, woorden: p.body.split(' ').slice(0, BEGIN_WORDS).join(' ') })),
    voetnoten: {
      bron: 'the numbers of the footnotes printed at the foot of each real page, pages 1 to the last; naAanroepPagina: the notes the real letter prints at the foot of the page after their call',
      perPagina: pages.map((p) => p.notes),
      naAanroepPagina: pages.flatMap((p, i) => p.calls.filter((n) => !p.notes.includes(n)).map((n) => ({ noot: n, aanroep: i + 1, voet: i + 2 }))),
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fixture = realLetterFixture(readFileSync(SEED, 'utf8'));
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`${relative(ROOT, FIXTURE)}: ${fixture.paginas} pages; footnotes per page ${fixture.voetnoten.perPagina.map((n) => (n.length ? `${n[0]}-${n[n.length - 1]}` : '–')).join(' ')}`);
}
