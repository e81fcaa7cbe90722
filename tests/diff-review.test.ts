import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { removedLabel } from '../src/diff/note-match.js';
import { diffOutputOf, ROOT, voortgang } from './helpers/cli.js';
import { edit, twoRevisions } from './helpers/revisions.js';
import { readLetter } from './helpers/pdf-text.js';

/**
 * The redline as a reviewer relies on it, on revisions of the real 2022 letter and 2023 beslisnota made here:
 * long titles, renamed/renumbered/split files, changes under the heading right above them, the change list
 * "Wijzigingen" with the page of each change and a link to it, bookmarks, the Woo marking of a beslisnota.
 */
const scratch = () => twoRevisions('review');

const diff = (dir: string, year: string, ...args: string[]) => voortgang(['diff', year, '--from', 'a', '--to', 'b', ...args, '--output', join(dir, 'out')], { cwd: dir });
const letter = (dir: string) => join(dir, 'b', '2022', 'kamerbrief');
const marks = (text: string) => text.match(/\[-.*?-\]|\{\+.*?\+\}/g) ?? [];

/** Link annotations of a page: the named destination each goes to, and the page that destination is on. */
async function links(pdf: string, page: number): Promise<Array<{ dest: string; page: number }>> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  const out = [];
  for (const a of await (await doc.getPage(page)).getAnnotations()) {
    if (a.subtype !== 'Link' || typeof a.dest !== 'string') continue;
    const dest = await doc.getDestination(a.dest);
    out.push({ dest: a.dest, page: dest ? (await doc.getPageIndex(dest[0])) + 1 : 0 });
  }
  return out;
}

async function outline(pdf: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  const titles: string[] = [];
  const walk = (items: Array<{ title: string; items: unknown[] }>) => items.forEach((i) => (titles.push(i.title), walk(i.items as never)));
  walk(((await doc.getOutline()) ?? []) as never);
  return titles;
}

describe('1. a changed section with a long title', () => {
  it('diffs without a layout error; the change list wraps the title and gives the page of the change, linked', async () => {
    const dir = scratch();
    edit(join(letter(dir), '07-beleidsreactie-wodc.md'), 'In september jl.', 'In oktober jl.');
    const text = diff(dir, '2022', '--format', 'text');
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    const r = diff(dir, '2022');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}4\. Beleidsreactie WODC rapport .* persoonsgegevens \+1 -1 words$/m);
    const pdf = join(dir, 'out', '2022', 'kamerbrief.diff.pdf');
    const pages = await readLetter(pdf);
    const at = pages.find((p) => p.number > 1 && /september ?oktober jl\. is het WODC-rapport Veilige toegang/.test(p.body))!;
    expect(at).toBeDefined();
    // The change list on page 1: page number, heading (wrapped), kind, a few words with the change.
    // (The text is read line by line across the columns.)
    expect(pages[0]!.body).toContain(`Blz. Onderdeel Soort Tekst ${at.number} 4. Beleidsreactie WODC gewijzigd In september oktober jl. is het WODC-`);
    expect(pages[0]!.body).toContain('Psychologische determinanten van veilig wachtwoordgedrag en het veilig online delen van persoonsgegevens Voetnoten:');
    expect(await links(pdf, 1)).toContainEqual({ dest: 'wijziging-1', page: at.number });
    expect(await outline(pdf)).toContain('4. Beleidsreactie WODC rapport Veilige toegang en verantwoord delen: Psychologische determinanten van veilig wachtwoordgedrag en het veilig online delen van persoonsgegevens — 1 wijziging');
    expect(await outline(pdf)).toContain('Wijzigingen');
  });

  it('a chapter split in two files: the new section, its paragraphs shown as moved, no layout error', () => {
    const dir = scratch();
    const file = join(letter(dir), '04-opsporing-vervolging.md');
    // The text from 2.2.1 on goes to a file of its own; each file keeps the definitions of the notes it cites.
    const all = readFileSync(file, 'utf8');
    const definitions = all.match(/^\[\^[^\]]+\]:.*(?:\n\n?(?: {4}|\t).*)*/gm)!;
    const body = definitions.reduce((t, d) => t.replace(d, ''), all);
    const [head, tail] = body.split('#### 2.2.1 Wet en regelgeving');
    const own = (text: string) => `${text.trimEnd()}\n\n${definitions.filter((d) => text.includes(`${d.slice(0, d.indexOf(']') + 1)}`)).join('\n\n')}\n`;
    writeFileSync(file, own(head!));
    writeFileSync(join(letter(dir), '04b-wet-en-regelgeving.md'), own(`#### 2.2.1 Wet en regelgeving${tail}`));
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const paragraphs = tail!.split('\n\n').filter((p) => p.trim() && !p.startsWith('#')).length;
    expect(r.stdout).toContain('verplaatst\n[Verplaatst uit 04-opsporing-vervolging.md] 2.2.1 Wet en regelgeving');
    expect((r.stdout.match(/^b\/2022\/kamerbrief\/04b-wet-en-regelgeving\.md:\d+ verplaatst$/gm) ?? []).length).toBeGreaterThanOrEqual(paragraphs);
    expect(marks(r.stdout.replace(/\[Verplaatst[^\]]*\]/g, ''))).toEqual([]);
    const summary = diff(dir, '2022').stdout;
    expect(summary).toContain('  new section: 2.2.1 Wet en regelgeving\n');
    expect(summary).toContain('  footnotes: 0 added, 0 removed, 0 changed\n');
  });
});

describe('2. footnotes and sections followed by their content, not by file names', () => {
  it('a renamed chapter file is a rename: no word, no footnote changed', async () => {
    const dir = scratch();
    renameSync(join(letter(dir), '03-preventie-daderschap.md'), join(letter(dir), '03-preventie-herhaald-daderschap.md'));
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('## 2. Preventie (herhaald) daderschap\nrenamed: 03-preventie-daderschap.md → 03-preventie-herhaald-daderschap.md (no words changed)');
    expect(marks(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain('## voetnoot');
    const summary = diffOutputOf(diff(dir, '2022').stdout, 'kamerbrief');
    expect(summary).toBe(`kamerbrief: a → b\n  renamed: 03-preventie-daderschap.md → 03-preventie-herhaald-daderschap.md\n  footnotes: 0 added, 0 removed, 0 changed\nout/2022/kamerbrief.diff.pdf: ${/: (\d+) pages/.exec(summary)![1]} pages\n`);
    expect((await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body.replace(/- /g, '-')).toContain('Bestand hernoemd: 03-preventie-daderschap.md → 03-preventie-herhaald-daderschap.md (“2. Preventie (herhaald) daderschap”).');
  });

  it('a chapter file inserted and the rest renumbered: only the new chapter and its footnote', () => {
    const dir = scratch();
    const files = readdirSync(letter(dir)).filter((f) => f.endsWith('.md')).sort().reverse();
    for (const f of files) {
      const n = Number(f.slice(0, 2));
      if (n >= 3) renameSync(join(letter(dir), f), join(letter(dir), `${String(n + 1).padStart(2, '0')}${f.slice(2)}`));
    }
    writeFileSync(join(letter(dir), '03-nieuw-hoofdstuk.md'), '## 1a. Een nieuw hoofdstuk\n\nDit hoofdstuk is nieuw in deze versie van de brief.[^nieuw]\n\n[^nieuw]: Een nieuwe bron.\n');
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    expect(marks(r.stdout)).toEqual(['{+1a. Een nieuw hoofdstuk+}', '{+Dit hoofdstuk is nieuw in deze versie van de brief.+}', '{+^6+}', '{+Een nieuwe bron.+}']);
    const summary = diff(dir, '2022').stdout;
    expect(summary).toContain('  new section: 1a. Een nieuw hoofdstuk\n  footnotes: 1 added (6), 0 removed, 0 changed\n');
    expect(summary).not.toContain('renamed');
  });

  it('removed footnotes are lettered a … z, aa, ab …, each once', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(removedLabel)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba', 'zz', 'aaa']);
    const dir = scratch();
    for (const f of ['03-preventie-daderschap.md', '04-opsporing-vervolging.md', '05-aanpak-recidive.md']) rmSync(join(letter(dir), f));
    const r = diff(dir, '2022');
    expect(r.status).toBe(0);
    const removed = /footnotes: 0 added, (\d+) removed \(([^)]*)\)/.exec(r.stdout)!;
    const labels = removed[2]!.split(', ');
    expect(Number(removed[1])).toBeGreaterThan(26);
    expect(labels.slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect(labels.slice(25, 28)).toEqual(['z', 'aa', 'ab']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('3. and 5. a beslisnota: nearest heading, Woo marking, change list', () => {
  it('changes in 4.3 and 4.5 are reported there; above the streep public, below it internal only', async () => {
    const dir = scratch();
    const nota = join(dir, 'b', '2023', 'beslisnota');
    edit(join(nota, '04-toelichting.md'), 'heeft geen nieuwe juridische consequenties', 'heeft geen enkele nieuwe juridische consequentie');
    edit(join(nota, '04-toelichting.md'), 'De brief voor het kerstreces naar de Tweede Kamer verzenden.', 'De brief voor het zomerreces naar de Tweede Kamer verzenden.');
    const below = readFileSync(join(nota, '05-niet-openbaar.md'), 'utf8').split('```streep')[1]!.split('```')[1]!;
    const sentence = below.split('\n').find((l) => /^[A-Z][a-z]+ \w+/.test(l))!;
    edit(join(nota, '05-niet-openbaar.md'), sentence, `${sentence} Dit is toegevoegd.`);
    const r = diff(dir, '2023', '--format', 'text');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/## 4\.3 Juridische overwegingen\nb\/2023\/beslisnota\/04-toelichting\.md:20 gewijzigd, ook in de openbare versie\n.*geen \{\+enkele\+\} nieuwe juridische \[-consequenties-\]\{\+consequentie\+\}/);
    expect(r.stdout).toMatch(/## 4\.5 Strategie\nb\/2023\/beslisnota\/04-toelichting\.md:54 gewijzigd, ook in de openbare versie\n.*\[-kerstreces-\]\{\+zomerreces\+\}/);
    expect(r.stdout).toMatch(/## 5\.2 Informatie die niet openbaar gemaakt kan worden\nb\/2023\/beslisnota\/05-niet-openbaar\.md:\d+ gewijzigd, alleen intern\n.*\{\+Dit is toegevoegd\.\+\}/);
    expect(r.stdout).not.toContain('4.1 Politieke context');
    const pdf = join(dir, 'out', '2023', 'beslisnota.diff.pdf');
    const pages = await readLetter(pdf);
    const list = pages.map((p) => p.body).join(' ');
    expect(list).toContain('Van a naar b: 3 wijzigingen.');
    expect(list).toContain('2 wijzigingen staan ook in de openbare versie (boven de streep), 1 alleen in de interne.');
    expect(list).toMatch(/\d+ 4\.3 Juridische overwegingen gewijzigd … Deze voortgangsrapportage heeft geen ook in de enkele/);
    expect(list).toMatch(/\d+ 5\.2 Informatie die niet gewijzigd .* alleen intern/);
    // Each row's page is where its change is: the link goes there, and the number printed is that page.
    const targets = (await links(pdf, 1)).filter((l) => l.dest.startsWith('wijziging-'));
    expect(new Set(targets.map((t) => t.dest))).toEqual(new Set(['wijziging-1', 'wijziging-2', 'wijziging-3']));
    for (const t of targets) {
      const where = pages[t.page - 1]!.body;
      expect(where, t.dest).toMatch(t.dest === 'wijziging-1' ? /enkele/ : t.dest === 'wijziging-2' ? /kerstreces ?zomerreces/ : /Dit is toegevoegd/);
    }
    const printed = [...list.matchAll(/(\d+) (4\.3 Juridische|4\.5 Strategie|5\.2 Informatie)/g)].map((m) => Number(m[1]));
    expect(printed).toEqual(['wijziging-1', 'wijziging-2', 'wijziging-3'].map((d) => targets.find((t) => t.dest === d)!.page));
    // Provenance: both revisions' source hashes.
    expect(readFileSync(pdf, 'latin1')).toMatch(/\/VoortgangSourceHash \(from sha256:[0-9a-f]{64} \\\(a\\\) to sha256:[0-9a-f]{64} \\\(b\\\)\)/);
  });
});

describe('4. smaller things', () => {
  it('a list item inserted mid-list is one inserted item; its neighbour is untouched', () => {
    const dir = scratch();
    const file = join(dir, 'b', '2023', 'beslisnota', '01-aanleiding.md');
    edit(file, '- De Kamer wordt geïnformeerd over de voortgang', '- Een nieuw punt in het midden van de lijst;\n- De Kamer wordt geïnformeerd over de voortgang');
    const r = diff(dir, '2023', '--format', 'text');
    expect(r.status).toBe(0);
    expect(marks(r.stdout)).toEqual(['{+Een nieuw punt in het midden van de lijst;+}']);
    // The item alone, inserted, at its own line; the other items are not repeated.
    const line = readFileSync(file, 'utf8').split('\n').indexOf('- Een nieuw punt in het midden van de lijst;') + 1;
    expect(r.stdout).toContain(`## 1. Aanleiding\nb/2023/beslisnota/01-aanleiding.md:${line} ingevoegd, ook in de openbare versie\n{+Een nieuw punt in het midden van de lijst;+}\n`);
    expect(r.stdout).not.toContain('De Kamer wordt geïnformeerd');
  });

  it('two paragraphs swapped within one section are moved within it, not "moved to" it', () => {
    const dir = scratch();
    const file = join(letter(dir), '07-beleidsreactie-wodc.md');
    const parts = readFileSync(file, 'utf8').split('\n\n');
    const i = parts.findIndex((p, k) => k > 0 && !p.startsWith('#') && !p.startsWith('[^') && parts[k + 1] && !parts[k + 1]!.startsWith('[^'));
    [parts[i], parts[i + 1]] = [parts[i + 1]!, parts[i]!];
    writeFileSync(file, parts.join('\n\n'));
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[Verplaatst van (hierboven|hieronder), in “4\. Beleidsreactie WODC/);
    expect(r.stdout).not.toMatch(/Verplaatst uit “4\. Beleidsreactie/);
    expect(readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.html'), 'utf8')).toMatch(/\[Alinea verplaatst naar (hieronder|hierboven), in “4\. Beleidsreactie WODC/);
  });

  it('a block the pages cannot hold is reported at its file:line, as build reports it, and nothing is written', () => {
    const dir = scratch();
    edit(join(letter(dir), '08-tot-slot.md'), '## Tot slot\n\n', `## Tot slot\n\nhttps://www.example.org/${'a'.repeat(300)}\n\n`);
    const r = diff(dir, '2022');
    const built = voortgang(['build', '2022', '--content', 'b', '--output', join(dir, 'built')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^b\/2022\/kamerbrief\/08-tot-slot\.md:3: layout: page \d+ has content \d+px wider than the text column/);
    expect(r.stderr).toBe(built.stderr);
    expect(() => readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.pdf'))).toThrow();
  });

  it('a git revision with a mistake is named as git names it, not by a scratch folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-review-git-'));
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir });
    git('init', '-q');
    edit(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'datum: 2022-12-14', 'datum: 14 december');
    git('add', 'content');
    git('commit', '-qm', 'broken');
    edit(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'datum: 14 december', 'datum: 2022-12-14');
    const r = voortgang(['diff', '2022', '--from', 'HEAD'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^HEAD:content\/2022\/kamerbrief\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toContain('voortgang-rev-');
  });
});
