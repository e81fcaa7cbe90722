import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../src/diff/tokens.js';
import { diffOutputOf, ROOT, voortgang } from './helpers/cli.js';
import { edit, twoRevisions } from './helpers/revisions.js';
import { colouredRuns, type ColouredRun } from './helpers/pdf-colours.js';
import { readLetter } from './helpers/pdf-text.js';

/**
 * `voortgang diff`: the redline of two revisions of a letter. The second revision of the 2022 letter carries
 * ten real differences between the two revisions in the seeds; the redline must mark exactly those, in the
 * terminal's word diff and in the PDF (inserted text is drawn in one colour, deleted text in another).
 */
interface Edit {
  file: string;
  from: string;
  to: string;
  marks: Array<[string, string]>;
}
const revision = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'kamerbrief-2022-revisie.json'), 'utf8')) as { edits: Edit[] };
const INS = '#0047b3';
const DEL = '#c00000';

const scratch = () => twoRevisions('diff');

const diff = (dir: string, ...args: string[]) => voortgang(['diff', '2022', ...args, '--output', join(dir, 'out')], { cwd: dir });

/** The [-deleted-] and {+inserted+} pairs of a word diff, in order; a lone side pairs with "". */
function markPairs(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const m of text.matchAll(/\[-(.*?)-\](?:\{\+(.*?)\+\})?|\{\+(.*?)\+\}/g)) pairs.push(m[3] !== undefined ? ['', m[3]] : [m[1]!, m[2] ?? '']);
  return pairs;
}

/** The same pairs read from the PDF: a run in the deletion colour followed by one in the insertion colour. */
function colourPairs(runs: ColouredRun[]): Array<[string, string]> {
  const marked = runs.filter((r) => r.colour === INS || r.colour === DEL);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < marked.length; i++) {
    const r = marked[i]!;
    const next = marked[i + 1];
    if (r.colour === DEL && next?.colour === INS && next.page === r.page) {
      pairs.push([r.text, next.text]);
      i++;
    } else pairs.push(r.colour === DEL ? [r.text, ''] : ['', r.text]);
  }
  return pairs;
}

const sorted = (pairs: Array<[string, string]>) => pairs.map((p) => p.join(' → ')).sort();

describe('the redline of two revisions of the 2022 letter', () => {
  let dir: string;
  let text: string;
  let summary: string;
  beforeAll(() => {
    dir = scratch();
    for (const e of revision.edits) edit(join(dir, 'b', '2022', e.file), e.from, e.to);
    const r = diff(dir, '--from', 'a', '--to', 'b', '--format', 'text');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    text = r.stdout;
    summary = diffOutputOf(diff(dir, '--from', 'a', '--to', 'b').stdout, 'kamerbrief');
  });

  it('the word diff marks exactly the ten edits, nothing else', () => {
    expect(revision.edits.length).toBeGreaterThanOrEqual(8);
    expect(sorted(markPairs(text))).toEqual(sorted(revision.edits.flatMap((e) => e.marks)));
  });

  it('the PDF marks exactly the same words: deletions in red, insertions in blue', async () => {
    // The letter's text, after the change list (which shows each change in a few words too).
    const runs = await colouredRuns(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'));
    const body = runs.slice(runs.findIndex((r) => r.text.includes('Gewijzigde gegevens')));
    expect(sorted(colourPairs(body))).toEqual(sorted(revision.edits.flatMap((e) => e.marks)));
  });

  it('is the letter in its own layout: margin column, page numbers, footnotes on their page', async () => {
    const pages = await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'));
    for (const p of pages) {
      expect(p.margin).toContain('4355467');
      expect(p.footer).toBe(`Pagina ${p.number} van ${pages.length}`);
    }
    const notes = pages.flatMap((p) => p.noteNumbers);
    expect(notes).toEqual(Array.from({ length: 51 }, (_, i) => String(i + 1)));
  });

  it('summarises per nearest heading (words inserted/deleted) and footnotes, on the terminal and on page 1', async () => {
    // Each change under the heading right above it, with that heading's number (a tussenkop: its number's heading › itself).
    expect(summary.split('\n').slice(1, 8).map((l) => l.trim().replace(/ {2,}/g, ' | '))).toEqual([
      'Overkoepelende strategie | +1 -1 words',
      '2. Preventie (herhaald) daderschap | +1 -1 words',
      '2.1 › Meisjescriminaliteit | +2 -2 words',
      '2.1 › Voorkomen online daderschap | +1 -1 words',
      '2.3.3 Aanpak persisterende daders | +1 -2 words',
      '3.1 Publieksvoorlichting | +1 -1 words',
      '3.2 › Ram- en plofkraken | +1 -1 words',
    ]);
    expect(summary).toContain('  footnotes: 0 added, 0 removed, 1 changed (13)\n');
    const first = (await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body;
    expect(first).toContain('Wijzigingen Van a naar b: 8 wijzigingen.');
    expect(first).toContain('Voetnoten: 0 toegevoegd, 0 verwijderd, 1 gewijzigd (13).');
  });

  it('the word diff is by heading and footnote, each change with its file:line in the new revision', () => {
    expect(text).toMatch(/## voetnoot 13 \(gewijzigd\)\nb\/2022\/kamerbrief\/03-preventie-daderschap\.md:\d+ gewijzigd\nKamerstukken II \[-2018-2019/);
    const line = readFileSync(join(dir, 'b', '2022', 'kamerbrief', '05-aanpak-recidive.md'), 'utf8').split('\n').findIndex((l) => l.includes('groepsgesprekken')) + 1;
    expect(text).toContain(`## 2.3.3 Aanpak persisterende daders\nb/2022/kamerbrief/05-aanpak-recidive.md:${line} gewijzigd\n`);
    expect(text).toMatch(/interviews en \[-groeps gesprekken-\]\{\+groepsgesprekken\+\} vertraging/);
  });
});

describe('what a diff shows besides wording', () => {
  it('no change: a redline that says so, with nothing marked — re-wrapped lines and spacing are no change', async () => {
    const dir = scratch();
    // Re-wrap the introduction: a line break before every fifth word that starts with a lower-case letter, and double spaces.
    const intro = join(dir, 'b', '2022', 'kamerbrief', '01-inleiding.md');
    let n = 0;
    writeFileSync(intro, readFileSync(intro, 'utf8').replace(/ (?=[a-zë])/g, () => (++n % 5 === 0 ? '\n' : n % 7 === 0 ? '  ' : ' ')));
    expect(n).toBeGreaterThan(100);
    const r = diff(dir, '--from', 'a', '--to', 'b');
    expect(r.stdout).toContain('kamerbrief: a → b\n  no changes\n');
    const first = (await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body;
    expect(first).toContain('Geen wijzigingen: b is gelijk aan a');
    expect((await colouredRuns(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'))).filter((x) => x.colour === INS || x.colour === DEL)).toEqual([]);
  });

  it('a changed datum is marked in every margin; a changed figure where it is printed: table, computed row, prose, chart', async () => {
    const dir = scratch();
    // The letter has no chart (like the real one): both revisions get the same one, after the table.
    const chart = '```grafiek\ndata: hic\nreeksen: [overvallen, straatroven, woninginbraken, geweld]\njaren: 2011-2021\nweergave: index\ntitel: Ontwikkeling van de geregistreerde high impact crimes, 2011-2021 (2011 = 100)\n```\n\n';
    for (const side of ['a', 'b']) {
      edit(join(dir, side, '2022', 'kamerbrief', '08-tot-slot.md'), '## Tot slot\n\n', '## Tot slot\n\nIn 2021 waren er {{hic.overvallen.2021}} overvallen.\n\n');
      edit(join(dir, side, '2022', 'kamerbrief', '02-ontwikkeling-hic.md'), 'ontwikkeling: true\n```\n\n', `ontwikkeling: true\n\`\`\`\n\n${chart}`);
    }
    edit(join(dir, 'b', '2022', 'kamerbrief.yaml'), 'datum: 2022-12-14', 'datum: 2022-12-15');
    edit(join(dir, 'b', '2022', 'data', 'hic.yaml'), '2021: 676 }', '2021: 1676 }');
    const r = diff(dir, '--from', 'a', '--to', 'b', '--format', 'text');
    // A table's change as a reader says it: the row's year, the column's heading (hic.yaml's label), old → new.
    expect(r.stdout).toContain('\n2021: Overvallen [-676-] → {+1.676+}\n');
    expect(r.stdout).toContain('\nProcentuele ontwikkeling 2011-2021: Overvallen [--70%-] → {+-26%+}\n');
    expect(r.stdout).toContain('In 2021 waren er [-676-]{+1.676+} overvallen.');
    expect(r.stdout).toContain('Grafiek gewijzigd: ');
    // Figures only: the kind "cijfer", for the table, the chart and the sentence alike.
    expect(r.stdout.match(/^b\/2022\/kamerbrief\/\S+\.md:\d+ \w+$/gm)!.map((l) => l.split(' ')[1])).toEqual(['cijfer', 'cijfer', 'cijfer']);
    // The old chart is drawn beside the new one (grey, dashed), its ids apart from the new one's.
    const html = readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.html'), 'utf8');
    const old = /<div class="diff-grafiek-oud">.*?<\/svg>/s.exec(html)?.[0] ?? '';
    expect(old).toContain('Vorige versie (grijs, gestreept)');
    expect(old).toMatch(/<svg[^>]*aria-label="Vorige versie: /);
    expect(old.match(/ id="(?!oud-)/g) ?? []).toEqual([]);
    expect(html).toContain('<div class="diff-grafiek-nieuw">');
    expect(r.stdout).toContain('datum: [-14 december 2022-]{+15 december 2022+}');
    expect(r.stdout).toContain('hic: Overvallen, Aantal 2021: [-676-]{+1.676+}');
    const runs = await colouredRuns(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'));
    const pages = Math.max(...runs.map((x) => x.page));
    for (let p = 1; p <= pages; p++) {
      const onPage = colourPairs(runs.filter((x) => x.page === p)).map((x) => x.join(' → '));
      expect(onPage, `page ${p}`).toContain('14 december 2022 → 15 december 2022');
    }
  });

  it('footnotes added and removed are renumbered and marked; a paragraph moved to another section is shown as moved', () => {
    const dir = scratch();
    const intro = join(dir, 'b', '2022', 'kamerbrief', '01-inleiding.md');
    const paragraphs = readFileSync(intro, 'utf8').split('\n\n');
    const moved = paragraphs.find((p) => p.startsWith('Het lokaal bestuur'))!;
    writeFileSync(intro, paragraphs.filter((p) => p !== moved).join('\n\n'));
    edit(join(dir, 'b', '2022', 'kamerbrief', '08-tot-slot.md'), '## Tot slot\n\n', `## Tot slot\n\n${moved}\n\n`);
    const hic = join(dir, 'b', '2022', 'kamerbrief', '02-ontwikkeling-hic.md');
    edit(hic, 'berichtgeving[^telegraaf]', 'berichtgeving');
    edit(hic, /\n\[\^telegraaf\]:[^\n]*/.exec(readFileSync(hic, 'utf8'))![0], '');
    edit(hic, 'Zaanstad is een nieuw', 'Zaanstad[^zaanstad] is een nieuw');
    writeFileSync(hic, `${readFileSync(hic, 'utf8')}\n[^zaanstad]: Gemeente Zaanstad, persbericht.\n`);
    const r = diff(dir, '--from', 'a', '--to', 'b', '--format', 'text');
    expect(r.stdout).toMatch(/## Tot slot\nb\/2022\/kamerbrief\/08-tot-slot\.md:3 verplaatst\n\[Verplaatst uit “Overkoepelende strategie”\] Het lokaal bestuur is primair verantwoordelijk[^\n[{]*\n/);
    expect(r.stdout).toContain('burgemeester Hamming van Zaanstad{+^5+} is een nieuw');
    expect(r.stdout).toContain('## voetnoot 5 (nieuw)\nb/2022/kamerbrief/02-ontwikkeling-hic.md:21 ingevoegd\n{+Gemeente Zaanstad, persbericht.+}');
    expect(r.stdout).toContain('Naar aanleiding van de berichtgeving [-^a-] over de toename');
    expect(r.stdout).toMatch(/## voetnoot a \(verwijderd\)\nb\/2022\/kamerbrief\/02-ontwikkeling-hic\.md:16 verwijderd\n\[-https:\/\/www\.telegraaf\.nl\/nieuws\/522131123/);
    const summary = diff(dir, '--from', 'a', '--to', 'b').stdout;
    expect(summary).toContain('footnotes: 1 added (5), 1 removed (a), 0 changed');
    expect(summary).toMatch(/^ {2}Tot slot +\+0 -0 words \(1 moved\)$/m);
    const html = readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.html'), 'utf8');
    expect(html).toContain('[Alinea verplaatst naar “Tot slot”]');
  });

  it('compares git revisions of content/, and the working tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-git-'));
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir });
    git('init', '-q');
    git('add', 'content');
    git('commit', '-qm', 'first');
    const e = revision.edits[0]!;
    edit(join(dir, 'content', '2022', e.file), e.from, e.to);
    git('commit', '-qam', 'second');
    const committed = voortgang(['diff', '2022', '--from', 'HEAD~1', '--to', 'HEAD', '--format', 'text'], { cwd: dir });
    expect(committed.stderr).toBe('');
    expect(committed.stdout).toMatch(/^kamerbrief: HEAD~1 \([0-9a-f]{8}\) → HEAD \([0-9a-f]{8}\)$/m);
    expect(markPairs(committed.stdout)).toEqual(e.marks);
    const e2 = revision.edits[1]!;
    edit(join(dir, 'content', '2022', e2.file), e2.from, e2.to);
    const working = voortgang(['diff', '2022', '--from', 'HEAD~1', '--format', 'text'], { cwd: dir });
    expect(sorted(markPairs(working.stdout))).toEqual(sorted([...e.marks, ...e2.marks]));
    const bad = voortgang(['diff', '2022', '--from', 'geen-revisie'], { cwd: dir });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--from geen-revisie: not a folder and not a git revision of .* \(try a commit, branch or tag, e\.g\. HEAD~1\)/);
  });
});

describe('Dutch-aware tokens', () => {
  it('keeps hyphenated words, apostrophes and Dutch numbers whole', () => {
    expect(tokenize("2-staps verificatie, zo'n 1.982 overvallen (62,57%) en -70% HIC-delicten; risico's.").map((t) => t.text)).toEqual([
      '2-staps', 'verificatie', ',', "zo'n", '1.982', 'overvallen', '(', '62,57%', ')', 'en', '-70%', 'HIC-delicten', ';', "risico's", '.',
    ]);
  });
});
