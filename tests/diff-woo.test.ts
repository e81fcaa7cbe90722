import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { voortgang } from './helpers/cli.js';
import { edit, twoRevisions } from './helpers/revisions.js';
import { readLetter } from './helpers/pdf-text.js';

/**
 * The Woo labels of the redline of a beslisnota, as a Woo reviewer relies on them, on revisions of the real 2023
 * beslisnota made here. What the public version prints follows README "The public (Woo) version": everything up
 * to and including the streep (its sentence is printed), a redaction as a box with its ground. So: text that
 * crosses the streep is "nu openbaar" / "niet meer openbaar" (listed first when made public), a change of the
 * words inside a redaction is "alleen intern", a redaction's brackets taken away make its words "nu openbaar".
 * The expected lines are written out by hand from 05-niet-openbaar.md (its lines are numbered in the comments).
 */
const scratch = () => twoRevisions('woo');
const diff = (dir: string, ...args: string[]) => voortgang(['diff', '2023', '--from', 'a', '--to', 'b', ...args, '--output', join(dir, 'out')], { cwd: dir });
const nota = (dir: string, side: 'a' | 'b') => join(dir, side, '2023', 'beslisnota', '05-niet-openbaar.md');
const F = 'b/2023/beslisnota/05-niet-openbaar.md';

// 05-niet-openbaar.md of 2023: 1 "## 5. …", 3 "### 5.1 Toelichting", 5 the italic hint, 7 "Standaard op te nemen",
// 9 "De persoonsgegevens …", 11–13 the streep, 15 "### 5.2 …", 17–18 the paragraph under it.
const STREEP = '```streep\nAlles onder deze streep wordt verwijderd. Neem hier dus alleen informatie op die zich niet leent voor openbaarmaking. Alle overige informatie moet boven deze streep worden geplaatst.\n```\n';
const STREEP_TEXT = 'Alles onder deze streep wordt verwijderd. Neem hier dus alleen informatie op die zich niet leent voor openbaarmaking. Alle overige informatie moet boven deze streep worden geplaatst.';
const H52 = '5.2 Informatie die niet openbaar gemaakt kan worden';
const BELOW = 'Vermeld hier informatie waarvan openbaarmaking evident in strijd is met het belang van de Staat (art. 68\nGrondwet). Bovenstaande voorbeelden van subkopjes kunnen ook hier van toepassing zijn.\n';
const BELOW_TEXT = BELOW.replace('\n', ' ').trim();
const PERSONS = 'De persoonsgegevens van de ambtenaren';
const REDACTED = 'De persoonsgegevens van [[5.1.2e: mevrouw De Vries van de afdeling Inkoop]] en de ambtenaren';
const REST = 'van de afdeling Inkoop en de ambtenaren zijn niet openbaar ter bescherming van de persoonlijke levenssfeer.';

/** The word diff of `--format text` without its last line (the redline's page count, which layout decides). */
function wordDiff(dir: string): string {
  const r = diff(dir, '--format', 'text');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/\nout\/2023\/beslisnota\.diff\.pdf: \d+ pages\n$/);
  return r.stdout.replace(/out\/2023\/beslisnota\.diff\.pdf: \d+ pages\n$/, '');
}

/** The change list's rows in the redline's HTML: the cells of each row as text. */
function rows(dir: string): string[][] {
  const html = readFileSync(join(dir, 'out', '2023', 'beslisnota.diff.html'), 'utf8');
  const body = /<table class="diff-wijzigingen[^"]*">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const text = (s: string) => s.replace(/<br>/g, ' | ').replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].slice(1).map((c) => text(c[1]!)));
}

/** The word diff of one change to 5.1's paragraph (line 9) that makes redacted words public: listed first, then marked. */
const madePublic = (marked: string) =>
  ['beslisnota: a → b', `nu openbaar: 1 wijziging maakt tekst openbaar die dat niet was — ${F}:9`, '', '## 5.1 Toelichting', `${F}:9 gewijzigd, nu openbaar`, marked, ''].join('\n');

const headline = async (dir: string) => (await readLetter(join(dir, 'out', '2023', 'beslisnota.diff.pdf')))[0]!.body;

describe('text that crosses the streep', () => {
  it('the streep moved to the end of its file: 5.2 (heading and paragraph) is "nu openbaar", listed first; the streep moved stays public', async () => {
    const dir = scratch();
    const file = nota(dir, 'b');
    edit(file, `${STREEP}\n`, '');
    edit(file, BELOW, `${BELOW}\n${STREEP}`);
    // New file: 11 "### 5.2 …", 13–14 the paragraph, 16–18 the streep.
    const text = wordDiff(dir);
    expect(text).toBe(
      [
        'beslisnota: a → b',
        `nu openbaar: 2 wijzigingen maken tekst openbaar die dat niet was — ${F}:11, ${F}:13`,
        '',
        `## ${H52}`,
        `${F}:11 ongewijzigd, nu openbaar`,
        H52,
        `${F}:13 ongewijzigd, nu openbaar`,
        BELOW_TEXT,
        // The streep at its own line (its fence), though the last block of its file.
        `${F}:16 verplaatst, ook in de openbare versie`,
        `[Verplaatst uit “5.1 Toelichting”] ${STREEP_TEXT}`,
        '',
      ].join('\n'),
    );
    expect(rows(dir)).toEqual([
      [H52, 'ongewijzigd | nu openbaar', H52],
      [H52, 'ongewijzigd | nu openbaar', 'Vermeld hier informatie waarvan openbaarmaking evident in strijd is met het belang van de …'],
      [H52, 'verplaatst (uit “5.1 Toelichting”) | ook in de openbare versie', 'Alles onder deze streep wordt verwijderd. Neem hier dus alleen informatie op die zich …'],
    ]);
    // In bold: the warning in the headline and the label of each row that makes text public.
    const html = readFileSync(join(dir, 'out', '2023', 'beslisnota.diff.html'), 'utf8');
    expect(html).toContain('<strong>Let op: 2 wijzigingen maken tekst openbaar die dat niet was (bovenaan de lijst).</strong>');
    expect(html.match(/<strong>nu openbaar<\/strong>/g)).toHaveLength(2);
    const first = await headline(dir);
    expect(first).toContain('Van a naar b: 3 wijzigingen.');
    expect(first).toContain('3 wijzigingen staan ook in de openbare versie (boven de streep), 0 alleen in de interne. Let op: 2 wijzigingen maken tekst openbaar die dat niet was (bovenaan de lijst).');
    expect(diff(dir).stdout).toContain(`\n  NOW PUBLIC: 2 changes make text public that was not (${F}:11, ${F}:13)\n  ${H52} +0 -0 words (1 moved, public, 2 now public)\n`);
  });

  it('the streep deleted: its removal is public, and everything that was below it is "nu openbaar"', async () => {
    const dir = scratch();
    edit(nota(dir, 'b'), `${STREEP}\n`, '');
    // New file: 11 "### 5.2 …" (where the streep stood), 13–14 the paragraph.
    expect(wordDiff(dir)).toBe(
      [
        'beslisnota: a → b',
        `nu openbaar: 2 wijzigingen maken tekst openbaar die dat niet was — ${F}:11, ${F}:13`,
        '',
        '## 5.1 Toelichting',
        `${F}:11 verwijderd, ook in de openbare versie`,
        `[-${STREEP_TEXT}-]`,
        '',
        `## ${H52}`,
        `${F}:11 ongewijzigd, nu openbaar`,
        H52,
        `${F}:13 ongewijzigd, nu openbaar`,
        BELOW_TEXT,
        '',
      ].join('\n'),
    );
    expect(rows(dir).map((r) => r[1])).toEqual(['ongewijzigd | nu openbaar', 'ongewijzigd | nu openbaar', 'verwijderd | ook in de openbare versie']);
    expect(await headline(dir)).toContain('3 wijzigingen staan ook in de openbare versie (boven de streep), 0 alleen in de interne. Let op: 2 wijzigingen maken tekst openbaar die dat niet was (bovenaan de lijst).');
  });

  it('a paragraph moved from below the streep to above it is "verplaatst, nu openbaar"; moved back down, "niet meer openbaar"', async () => {
    const dir = scratch();
    edit(nota(dir, 'b'), BELOW, '');
    edit(nota(dir, 'b'), 'Standaard op te nemen\n', `Standaard op te nemen\n\n${BELOW}`);
    // New file: 9–10 the paragraph, after "Standaard op te nemen".
    expect(wordDiff(dir)).toBe(
      [
        'beslisnota: a → b',
        `nu openbaar: 1 wijziging maakt tekst openbaar die dat niet was — ${F}:9`,
        '',
        '## 5.1 Toelichting',
        `${F}:9 verplaatst, nu openbaar`,
        `[Verplaatst uit “${H52}”] ${BELOW_TEXT}`,
        '',
      ].join('\n'),
    );
    expect(await headline(dir)).toContain('1 wijziging staat ook in de openbare versie (boven de streep), 0 alleen in de interne. Let op: 1 wijziging maakt tekst openbaar die dat niet was (bovenaan de lijst).');
    // The same move the other way: a and b swapped.
    const back = scratch();
    edit(nota(back, 'a'), BELOW, '');
    edit(nota(back, 'a'), 'Standaard op te nemen\n', `Standaard op te nemen\n\n${BELOW}`);
    // New file (the real one): 17–18 the paragraph under 5.2.
    expect(wordDiff(back)).toBe(['beslisnota: a → b', '', `## ${H52}`, `${F}:17 verplaatst, niet meer openbaar`, `[Verplaatst uit “5.1 Toelichting”] ${BELOW_TEXT}`, ''].join('\n'));
    expect(await headline(back)).toContain('1 wijziging staat ook in de openbare versie (boven de streep), 0 alleen in de interne. Let op: 1 wijziging haalt tekst uit de openbare versie.');
  });
});

describe('the streep\'s own sentence', () => {
  it('is printed in the public version: a word of it changed is "ook in de openbare versie"', () => {
    const dir = scratch();
    edit(nota(dir, 'b'), 'Alles onder deze streep wordt verwijderd.', 'Alles onder deze streep wordt weggelaten.');
    // Reported at the streep's own line, 11 (its fence ```streep), under the heading it stands in — not at the
    // line of a block beside it (15 "### 5.2 …").
    expect(wordDiff(dir)).toBe(['beslisnota: a → b', '', '## 5.1 Toelichting', `${F}:11 gewijzigd, ook in de openbare versie`, STREEP_TEXT.replace('verwijderd.', '[-verwijderd-]{+weggelaten+}.'), ''].join('\n'));
  });
});

describe('a footnote called under the streep', () => {
  it('the streep deleted: the footnote of the paragraph under it is "nu openbaar" too, its words unchanged', () => {
    const dir = scratch();
    for (const side of ['a', 'b'] as const) {
      edit(nota(dir, side), 'ook hier van toepassing zijn.\n', 'ook hier van toepassing zijn.[^staat]\n\n[^staat]: Zie artikel 68 van de Grondwet.\n');
    }
    edit(nota(dir, 'b'), `${STREEP}\n`, '');
    const text = wordDiff(dir);
    // The beslisnota has 2 footnotes above the streep: this one is note 3. New file: 11 "### 5.2 …", 13–14 the
    // paragraph with its call, 16 the note's definition.
    expect(text).toContain(`\n## ${H52}\n${F}:11 ongewijzigd, nu openbaar\n${H52}\n${F}:13 ongewijzigd, nu openbaar\n${BELOW_TEXT.replace('zijn.', 'zijn.^3')}\n`);
    expect(text).toContain(`\n## voetnoot 3 (tekst ongewijzigd)\n${F}:16 ongewijzigd, nu openbaar\nZie artikel 68 van de Grondwet.\n`);
    expect(text).toContain(`nu openbaar: 3 wijzigingen maken tekst openbaar die dat niet was — ${F}:11, ${F}:13, ${F}:16\n`);
  });
});

describe('changes in and of a redaction', () => {
  it('a redaction\'s words replaced, and words added outside it that it had: "ook in de openbare versie", not "nu openbaar"', () => {
    const dir = scratch();
    for (const side of ['a', 'b'] as const) edit(nota(dir, side), PERSONS, 'De persoonsgegevens van [[5.1.2e: de naam]] en de ambtenaren');
    edit(nota(dir, 'b'), '[[5.1.2e: de naam]] en de ambtenaren', '[[5.1.2e: het adres]] en de ambtenaren van de stad');
    expect(wordDiff(dir)).toBe(['beslisnota: a → b', '', '## 5.1 Toelichting', `${F}:9 gewijzigd, ook in de openbare versie`, 'De persoonsgegevens van 5.1.2e [-de naam-]{+het adres+} en de ambtenaren {+van de stad+} zijn niet openbaar ter bescherming van de persoonlijke levenssfeer.', ''].join('\n'));
  });

  it('words changed inside a redaction: "alleen intern" (the public version shows the same box with the same ground)', async () => {
    const dir = scratch();
    for (const side of ['a', 'b'] as const) edit(nota(dir, side), PERSONS, REDACTED);
    edit(nota(dir, 'b'), 'mevrouw De Vries', 'de heer Jansen');
    expect(wordDiff(dir)).toBe(['beslisnota: a → b', '', '## 5.1 Toelichting', `${F}:9 gewijzigd, alleen intern`, `De persoonsgegevens van 5.1.2e [-mevrouw De Vries-]{+de heer Jansen+} ${REST}`, ''].join('\n'));
    expect(await headline(dir)).toContain('0 wijzigingen staan ook in de openbare versie (boven de streep), 1 alleen in de interne.');
  });

  it('a redaction\'s ground changed: public (the box shows the ground)', () => {
    const dir = scratch();
    for (const side of ['a', 'b'] as const) edit(nota(dir, side), PERSONS, REDACTED);
    edit(nota(dir, 'b'), '[[5.1.2e:', '[[5.1.2i:');
    expect(wordDiff(dir)).toBe(['beslisnota: a → b', '', '## 5.1 Toelichting', `${F}:9 gewijzigd, ook in de openbare versie`, `De persoonsgegevens van [-5.1.2e-]{+5.1.2i+} mevrouw De Vries ${REST}`, ''].join('\n'));
  });

  it('a redaction\'s brackets removed: its words are "nu openbaar", listed first; brackets added: "niet meer openbaar"', async () => {
    const dir = scratch();
    edit(nota(dir, 'a'), PERSONS, REDACTED);
    edit(nota(dir, 'b'), PERSONS, 'De persoonsgegevens van mevrouw De Vries van de afdeling Inkoop en de ambtenaren');
    expect(wordDiff(dir)).toBe(madePublic(`De persoonsgegevens van [-5.1.2e-] mevrouw De Vries ${REST}`));
    expect(rows(dir)).toEqual([['5.1 Toelichting', 'gewijzigd | nu openbaar', 'De persoonsgegevens van 5.1.2e mevrouw De Vries van de afdeling Inkoop en de ambtenaren zijn niet openbaar …']]);
    expect(await headline(dir)).toContain('1 wijziging staat ook in de openbare versie (boven de streep), 0 alleen in de interne. Let op: 1 wijziging maakt tekst openbaar die dat niet was (bovenaan de lijst).');
    // Brackets taken away and a word of the passage changed: still most of its words made public.
    const changed = scratch();
    edit(nota(changed, 'a'), PERSONS, REDACTED);
    edit(nota(changed, 'b'), PERSONS, 'De persoonsgegevens van mevrouw De Wit van de afdeling Inkoop en de ambtenaren');
    expect(wordDiff(changed)).toBe(madePublic(`De persoonsgegevens van [-5.1.2e-] mevrouw De [-Vries-]{+Wit+} ${REST}`));
    const added = scratch();
    edit(nota(added, 'a'), PERSONS, 'De persoonsgegevens van mevrouw De Vries van de afdeling Inkoop en de ambtenaren');
    edit(nota(added, 'b'), PERSONS, REDACTED);
    expect(wordDiff(added)).toBe(['beslisnota: a → b', '', '## 5.1 Toelichting', `${F}:9 gewijzigd, niet meer openbaar`, `De persoonsgegevens van {+5.1.2e+} mevrouw De Vries ${REST}`, ''].join('\n'));
  });
});
