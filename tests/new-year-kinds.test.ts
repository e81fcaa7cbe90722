import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { newYear } from '../src/new-year/new-year.js';
import { factsOfType } from '../src/load/kind-rules.js';
import { ROOT, voortgang } from './helpers/cli.js';

/**
 * `voortgang new` knows a document's kenmerk, dates and signatories by their type in its kind's descriptor, not
 * by their names: the memo fixture kind (tests/fixtures/soort-memo) with its kenmerk called `referentie`, a
 * second date `vervaldatum` and signatories called `getekend`. (`voortgang new` reads voortgang's own
 * templates/, and has no --templates option, so the new year is made by the function the command runs, with the
 * scratch layouts folder; the build that follows is the command line's.)
 */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'soort-memo');

const DESCRIPTOR_FACTS = `feiten:
  voor:
    type: lijst
    item: addressee
  referentie:
    type: kenmerk
    beschrijving: The memo's own kenmerk, under another name
  vervaldatum:
    type: datum
    beschrijving: the day the memo's decision is due
  getekend:
    type: ondertekening
  behandelaar:
    type: tekst
    intern: true
`;

const MEMO = `soort: memo
referentie: M-2030-17
datum: 2030-03-04
vervaldatum: 2030-04-01
onderwerp: Memo over de planning 2030
afzender: dgsb-jfac
voor:
  - De directeur
getekend: onbekend
behandelaar: A. Jansen
`;

function memoYear(): { dir: string; content: string; templates: string } {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-new-kind-'));
  const templates = join(dir, 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  cpSync(join(FIXTURE, 'templates', 'memo'), join(templates, 'memo'), { recursive: true });
  const layout = join(templates, 'memo', 'layout.yaml');
  writeFileSync(layout, readFileSync(layout, 'utf8').replace(/^feiten:\n[\s\S]*$/m, DESCRIPTOR_FACTS));
  cpSync(join(FIXTURE, 'content'), join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, 'content', '2030', 'memo.yaml'), MEMO);
  return { dir, content: join(dir, 'content'), templates };
}

describe('facts found by their type in the kind\'s descriptor', () => {
  it('factsOfType: the common facts of the type first, then the kind\'s own in the order written', () => {
    const descriptor = { feiten: { referentie: { type: 'kenmerk' as const }, vervaldatum: { type: 'datum' as const }, kenmerk: { type: 'tekst' as const }, getekend: { type: 'ondertekening' as const } } };
    expect(factsOfType(descriptor, 'kenmerk')).toEqual(['referentie']);
    expect(factsOfType(descriptor, 'datum')).toEqual(['datum', 'vervaldatum']);
    expect(factsOfType(descriptor, 'ondertekening')).toEqual(['getekend']);
    expect(factsOfType(descriptor, 'titel')).toEqual(['onderwerp']);
    expect(factsOfType({ feiten: {} }, 'kenmerk')).toEqual([]);
  });

  it('voortgang new empties a kenmerk called referentie and every date, and lists unknown signatories called getekend', async () => {
    const { dir, content, templates } = memoYear();
    const made = voortgang(['new', '2031', '--from', '2030', '--content', content, '--templates', templates], { cwd: dir });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const out = made.stdout;
    const file = join(content, '2031', 'memo.yaml');
    const written = readFileSync(file, 'utf8');
    const lineOf = (key: string) => written.split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1;
    // Emptied, with what to fill in as a comment; the other facts as they were.
    expect(written).toMatch(/^referentie: # vul in: het kenmerk van deze brief$/m);
    expect(written).toMatch(/^datum: # vul in: de datum, JJJJ-MM-DD$/m);
    expect(written).toMatch(/^vervaldatum: # vul in: de datum, JJJJ-MM-DD$/m);
    expect(written).toMatch(/^behandelaar: A\. Jansen$/m);
    expect(written).toMatch(/^getekend: onbekend$/m);
    // The checklist names them, in the order of the file, with the line each is on.
    const shown = relative(dir, file);
    expect(out).toContain(`content/2031/ made from content/2030/. It does not build until referentie, datum and vervaldatum are filled in.`);
    expect(out).toContain(
      '\nFill in:\n' +
        `  ${shown}:${lineOf('referentie')}: referentie — the kenmerk of the new document\n` +
        `  ${shown}:${lineOf('datum')}: datum — its date, YYYY-MM-DD\n` +
        `  ${shown}:${lineOf('vervaldatum')}: vervaldatum — the day the memo's decision is due, YYYY-MM-DD\n` +
        `  ${shown}:${lineOf('getekend')}:11: getekend: onbekend — the signatories are unknown; fill in who signs (a list of - functie: …, naam: …), or keep onbekend (no signature block is printed)\n\n`,
    );
    expect(out).toContain(`${shown}:${lineOf('onderwerp')}: onderwerp: Memo over de planning 2030`);

    // It does not build until they are filled in: the build names each at its line and column …
    const args = ['build', '2031', '--content', content, '--templates', templates, '--output', join(dir, 'output')];
    const before = voortgang(args, { cwd: dir });
    expect(before.status).toBe(1);
    expect(before.stderr).toContain(`${shown}:${lineOf('referentie')}:13: referentie: is empty — fill in the kenmerk of this document, e.g. "4355467"`);
    expect(before.stderr).toContain(`${shown}:${lineOf('vervaldatum')}:14: vervaldatum: is empty — fill in the date of this document, YYYY-MM-DD, e.g. 2022-12-14`);
    expect(existsSync(join(dir, 'output', '2031', 'memo.pdf'))).toBe(false);
    // … and builds once they are.
    writeFileSync(file, written.replace(/^referentie:.*$/m, 'referentie: M-2031-02').replace(/^datum:.*$/m, 'datum: 2031-03-03').replace(/^vervaldatum:.*$/m, 'vervaldatum: 2031-04-01'));
    const after = voortgang(args, { cwd: dir });
    expect(after.stderr).toBe('');
    expect(after.status).toBe(0);
    // The PDF and its records find the kenmerk by its type too: Subject, Keywords and the MDTO record name it.
    const pdf = join(dir, 'output', '2031', 'memo.pdf');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), useSystemFonts: false }).promise;
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info.Subject).toContain('ons kenmerk M-2031-02');
    expect(info.Keywords).toContain('kenmerk M-2031-02');
    expect(readFileSync(`${pdf}.mdto.xml`, 'utf8')).toContain('<identificatieKenmerk>M-2031-02/memo.pdf</identificatieKenmerk>');
  });

  it('a document of a kind the layouts folder lacks: only its datum is emptied, and the checklist says so at its soort', async () => {
    const { dir, content } = memoYear();
    const cwd = process.cwd();
    process.chdir(dir);
    let out: string;
    try {
      out = await newYear(content, '2031', '2030', join(ROOT, 'templates')); // voortgang's own: no memo
    } finally {
      process.chdir(cwd);
    }
    const written = readFileSync(join(content, '2031', 'memo.yaml'), 'utf8');
    expect(written).toMatch(/^referentie: M-2030-17$/m);
    expect(written).toMatch(/^datum: # vul in: de datum, JJJJ-MM-DD$/m);
    expect(out).toContain(`  content/2031/memo.yaml:1:8: soort: memo — no such kind of document in ${relative(dir, join(ROOT, 'templates'))}, so only its datum was emptied: empty its kenmerk and its other dates yourself\n  content/2031/memo.yaml:3: datum — its date, YYYY-MM-DD\n`);
  });
});
