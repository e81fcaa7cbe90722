import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, inject, it } from 'vitest';
import { progress, summaryTable } from '../src/pipeline/progress.js';
import type { Job } from '../src/pipeline/job.js';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const kamerbrief = () => join(inject('output'), '2022', 'kamerbrief.pdf');
const pdfs = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf')).sort();

async function open(file: string) {
  return getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

describe('build --all: every year, every document, side by side', () => {
  it('gives byte-identical PDFs with --jobs 1 and --jobs 2', () => {
    const base = mkdtempSync(join(tmpdir(), 'voortgang-jobs-'));
    const one = voortgang(['build', '--all', '--jobs', '1', '--output', join(base, 'one')]);
    const two = voortgang(['build', '--all', '--jobs', '2', '--output', join(base, 'two')]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const files = pdfs(join(base, 'one'));
    expect(files).toEqual(['2022/actieprogramma.pdf', '2022/kamerbrief.pdf', '2023/beslisnota-openbaar.pdf', '2023/beslisnota.pdf']);
    expect(pdfs(join(base, 'two'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(base, 'two', f)).equals(readFileSync(join(base, 'one', f))), f).toBe(true);
    expect(readFileSync(join(base, 'one', '2022', 'kamerbrief.pdf')).equals(readFileSync(kamerbrief()))).toBe(true);
  });

  it('one broken year: the others are built, the summary names the failure, the exit code is not 0', () => {
    const dir = scratchCopy(['content']);
    const made = voortgang(['new', '2024', '--from', '2023', '--content', join(dir, 'content')], { cwd: dir });
    expect(made.status).toBe(0);
    const r = voortgang(['build', '--all', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(pdfs(join(dir, 'output'))).toEqual(['2022/actieprogramma.pdf', '2022/kamerbrief.pdf', '2023/beslisnota-openbaar.pdf', '2023/beslisnota.pdf']);
    expect(r.stdout).toMatch(/^document +pages +time +result$/m);
    expect(r.stdout).toMatch(/^2022\/kamerbrief +13 +\d+\.\d s +ok$/m);
    expect(r.stdout).toMatch(/^2023\/beslisnota-openbaar +\d+ +\d+\.\d s +ok$/m);
    expect(r.stdout).toMatch(/^2024\/beslisnota +– +\d+\.\d s +FAILED: content\/2024\/beslisnota\.yaml:7:10: kenmerk: is empty — fill in the kenmerk of this document, e\.g\. "4355467"$/m);
    expect(r.stdout).toMatch(/^4 PDFs built, 1 document failed, in \d+\.\d s$/m);
    expect(r.stderr).toContain('content/2024/beslisnota.yaml:8:8: datum: is empty — fill in the date of this document, YYYY-MM-DD, e.g. 2022-12-14');
  });

  it('a year asked for that does not exist: the other year is built, the summary counts the year as failed, exit 1', () => {
    const dir = scratchCopy(['content']);
    const r = voortgang(['build', '2023', '2021', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(pdfs(join(dir, 'output'))).toEqual(['2023/beslisnota-openbaar.pdf', '2023/beslisnota.pdf']);
    expect(r.stderr).toContain('content/2021: no such year: create it from the latest year with voortgang new 2021 --from 2023');
    expect(r.stdout).toMatch(/^2021 +– +– +FAILED: see above$/m);
    expect(r.stdout).toMatch(/^2 PDFs built, 0 documents failed, 1 year failed, in \d+\.\d s$/m);
  });

  it('shows progress on a terminal: a line per document, redrawn in place', () => {
    const queue: Job[] = [
      { kind: 'document', year: '2022', dataFile: 'content/2022/kamerbrief.yaml', label: '2022/kamerbrief' },
      { kind: 'document', year: '2023', dataFile: 'content/2023/beslisnota.yaml', label: '2023/beslisnota' },
    ];
    let text = '';
    const err = new Writable({ write: (chunk, _e, done) => ((text += String(chunk)), done()) });
    const events = progress(queue, true, err, err);
    events.started(queue[0]!);
    events.finished({ job: queue[0]!, built: [{ name: 'kamerbrief', year: '2022', pages: 14 } as never], ms: 1234 });
    expect(text).toContain('\x1b[2K2022/kamerbrief  waiting\n');
    expect(text).toContain('\x1b[2A\x1b[2K2022/kamerbrief  building…\n\x1b[2K2023/beslisnota  waiting\n');
    expect(text.endsWith('\x1b[2A\x1b[2K2022/kamerbrief  done: 14 pages in 1.2 s\n\x1b[2K2023/beslisnota  waiting\n')).toBe(true);
    expect(summaryTable([{ job: queue[0]!, built: [{ name: 'kamerbrief', year: '2022', pages: 14 } as never], ms: 1234 }], 1500)).toBe(
      'document         pages   time  result\n2022/kamerbrief     14  1.2 s  ok\n1 PDF built, 0 documents failed, in 1.5 s\n',
    );
  });
});

describe('provenance and verify', () => {
  it('a fresh PDF verifies as identical', () => {
    const r = voortgang(['verify', kamerbrief()]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kamerbrief\.pdf: identical — rebuilt 2022\/kamerbrief from content\/ gives the same \d+ bytes \(sources sha256:[0-9a-f]{12}…\)/);
  });

  it('after one word of the content changed: different, naming the sources and the changed text', () => {
    const dir = scratchCopy(['content']);
    const intro = join(dir, 'content', '2022', 'kamerbrief', '01-inleiding.md');
    writeFileSync(intro, readFileSync(intro, 'utf8').replace('gedrag van potentiële slachtoffers', 'gedrag van mogelijke slachtoffers'));
    const r = voortgang(['verify', kamerbrief(), '--content', join(dir, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('different from a rebuild of 2022/kamerbrief');
    expect(r.stdout).toMatch(/ {2}sources: sha256:[0-9a-f]{64} in the PDF, sha256:[0-9a-f]{64} now — content, templates, fonts or voortgang changed since it was made/);
    expect(r.stdout).toContain('text of page 1: … effectief beïnvloeden van het gedrag van [-potentiële-]{+mogelijke+} slachtoffers en daders - is een …');
  });

  it("after its bijlage's title changed: the letter is different too — its sources include the bijlage's data file, which its DiWoo record names", () => {
    const dir = scratchCopy(['content']);
    const annex = join(dir, 'content', '2022', 'actieprogramma.yaml');
    writeFileSync(annex, readFileSync(annex, 'utf8').replace('onderwerp: Actieprogramma Taskforce Overvallen 2022-2026', 'onderwerp: Actieprogramma Taskforce Overvallen 2022-2027'));
    const r = voortgang(['verify', kamerbrief(), '--content', join(dir, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ {2}sources: sha256:[0-9a-f]{64} in the PDF, sha256:[0-9a-f]{64} now/);
    expect(r.stdout).toContain('2022-2027');
  });

  it('verifies every PDF it is given, also after one it cannot read: each verdict, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-verify-many-'));
    writeFileSync(join(dir, 'notes.pdf'), 'not a PDF at all');
    const r = voortgang(['verify', join(dir, 'notes.pdf'), kamerbrief(), '--content', join(ROOT, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('notes.pdf: not a readable PDF\n'); // relative to where it runs
    expect(r.stdout).toMatch(/kamerbrief\.pdf: identical — rebuilt 2022\/kamerbrief from /);
  });

  it('a provenance that names a redline or no document of a year is refused with the reason, no folder outside content/ read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-prov-'));
    // Same length as "2022/kamerbrief": the PDF's offsets stay right, only what it says it is changes.
    const forged = (as: string, file: string) => writeFileSync(join(dir, file), readFileSync(kamerbrief()).toString('latin1').replaceAll('2022/kamerbrief', as), 'latin1');
    forged('2022/kamer.diff', 'redline.pdf');
    forged('../kamerbrief00', 'escape.pdf');
    const redline = voortgang(['verify', 'redline.pdf', '--content', join(ROOT, 'content')], { cwd: dir });
    expect(redline.status).toBe(1);
    expect(redline.stderr).toBe('redline.pdf: is a redline (2022/kamer.diff), made by voortgang diff from two revisions — verify rebuilds what build makes; make the redline again with voortgang diff\n');
    const escape = voortgang(['verify', 'escape.pdf', '--content', join(ROOT, 'content')], { cwd: dir });
    expect(escape.status).toBe(1);
    expect(escape.stderr).toBe('escape.pdf: its provenance names "../kamerbrief00", which is no document of voortgang\'s (year/name, e.g. 2022/kamerbrief): it was changed after voortgang made it\n');
  });

  it('a PDF without provenance is refused with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-noprov-'));
    const file = join(dir, 'x.pdf');
    writeFileSync(file, readFileSync(kamerbrief()).toString('latin1').replaceAll('VoortgangSourceHash', 'SomethingElseHash1'), 'latin1');
    const r = voortgang(['verify', file], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('x.pdf: has no voortgang provenance (VoortgangDocument, VoortgangSourceHash): it was not made by voortgang build\n');
  });
});

describe('metadata and accessibility, read back from the PDF', () => {
  it('has the document information: title, author, subject, keywords with the kenmerk, language, producer, dates, source hash, a stable file ID', async () => {
    const doc = await open(kamerbrief());
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> & { Custom: Record<string, string> } };
    expect(info.Title).toBe('Voortgangsrapportage High Impact Crimes 2021-2022');
    expect(info.Author).toBe('Ministerie van Justitie en Veiligheid, Directoraat-Generaal Straffen en Beschermen');
    expect(info.Subject).toBe('Kamerbrief, ons kenmerk 4355467');
    expect(info.Keywords).toContain('kenmerk 4355467');
    expect(info.Language).toBe('nl-NL');
    expect(info.Producer).toBe(`voortgang ${VERSION}`);
    expect(info.CreationDate).toBe("D:20221214120000+00'00'");
    expect(info.ModDate).toBe("D:20221214120000+00'00'");
    expect(info.Custom.VoortgangDocument).toBe('2022/kamerbrief');
    expect(info.Custom.VoortgangSourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    await doc.destroy();
    // A stable file identifier, its own for each document.
    const id = (file: string) => /\/ID \[<([0-9A-F]{32})> <\1>\]\s*\/Prev \d+>>\s*startxref\s*\d+\s*%%EOF\s*$/.exec(readFileSync(file).toString('latin1'))?.[1];
    expect(id(kamerbrief())).toBeDefined();
    expect(id(join(inject('output'), '2023', 'beslisnota.pdf'))).toBeDefined();
    expect(id(join(inject('output'), '2023', 'beslisnota.pdf'))).not.toBe(id(kamerbrief()));
  });

  it('has an outline (bookmarks) from the headings, in order', async () => {
    const doc = await open(kamerbrief());
    const outline = await doc.getOutline();
    const chapters = readdirSync(join(ROOT, 'content', '2022', 'kamerbrief'))
      .sort()
      .flatMap((f) => readFileSync(join(ROOT, 'content', '2022', 'kamerbrief', f), 'utf8').split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3)));
    expect(outline.map((o) => o.title)).toEqual(chapters);
    // Deeper headings nest: § 2.1 and its tussenkoppen under chapter 2.
    const two = outline.find((o) => o.title.startsWith('2. Preventie'))!;
    expect(two.items[0]!.title).toBe('2.1 Interventies, maatregelen en onderzoek voor aandachtsgroepen');
    expect(two.items[0]!.items.map((i: { title: string }) => i.title)).toContain('Meisjescriminaliteit');
    await doc.destroy();
  });

  it('is tagged, shows its title in the window, reads the letter head before the text and the margin column after it; no figure (a chart is tagged as a figure: chart-2022.test.ts)', async () => {
    const raw = readFileSync(kamerbrief()).toString('latin1');
    expect(raw).toMatch(/\/MarkInfo <<\/Type \/MarkInfo\s*\/Marked true>>/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Lang \(nl-NL\)/);
    const doc = await open(kamerbrief());
    type Node = { role?: string; alt?: string; children?: Node[] };
    const roles = (n: Node | null, out: Node[] = []): Node[] => {
      if (!n) return out;
      if (n.role && n.role !== 'NonStruct') out.push(n);
      for (const c of n.children ?? []) roles(c, out);
      return out;
    };
    const first = roles((await (await doc.getPage(1)).getStructTree()) as Node).map((n) => n.role);
    const headTable = first.indexOf('Table'); // Datum / Onderwerp
    expect(headTable).toBeGreaterThan(-1);
    expect(first.indexOf('H2')).toBeGreaterThan(headTable);
    // The margin column (Chromium's Aside, a PDF 2.0 type that PDF/UA-1 asks to role-map: pdf.js reads it
    // through the /RoleMap as Div) after the text: after every heading and after the last paragraph of the body.
    expect(raw).toMatch(/\/RoleMap <<[^>]*\/Aside \/Div/);
    expect(raw.match(/\/S \/Aside\b/g)).toHaveLength(13);
    expect(first.lastIndexOf('Div')).toBeGreaterThan(Math.max(first.lastIndexOf('H2'), first.lastIndexOf('H3')));
    const figures: Node[] = [];
    for (let p = 1; p <= doc.numPages; p++) figures.push(...roles((await (await doc.getPage(p)).getStructTree()) as Node).filter((n) => n.role === 'Figure'));
    // Like the real letter, the 2022 letter has no chart; a figure's alt text is tested on a fixture letter.
    expect(figures).toHaveLength(0);
    await doc.destroy();
  });
});

describe('a new year from the last', () => {
  it('copies sections and data, empties kenmerk and datum, lists the years in the text, and builds once they are filled in', () => {
    const dir = scratchCopy(['content']);
    const content = join(dir, 'content');
    const r = voortgang(['new', '2024', '--from', '2022', '--content', content], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('content/2024/ made from content/2022/. It does not build until kenmerk and datum are filled in.');
    expect(r.stdout).toContain('\nFill in:\n  content/2024/actieprogramma.yaml:5: datum — its date, YYYY-MM-DD\n  content/2024/kamerbrief.yaml:5: kenmerk — the kenmerk of the new document\n  content/2024/kamerbrief.yaml:6: datum — its date, YYYY-MM-DD\n');
    expect(r.stdout).toContain('content/2024/kamerbrief.yaml:7: onderwerp: Voortgangsrapportage High Impact Crimes 2021-2022');
    expect(r.stdout).toMatch(/^Years named in the text, to check \(\d{3} in \d+ files\):$/m);
    expect(r.stdout).toContain('\ncontent/2024/kamerbrief/01-inleiding.md\n  2 × 2023 at lines 9, 11\n');
    expect(r.stdout).toContain('\ncontent/2024/kamerbrief/02-ontwikkeling-hic.md\n');
    expect(r.stdout).toContain('\n  2 × 2011 at lines 3, 7 (tabel)\n');
    expect(r.stdout).toContain('content/2024/data/hic.yaml: figures up to 2021');
    expect(readFileSync(join(content, '2024', 'kamerbrief', '03-preventie-daderschap.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'content', '2022', 'kamerbrief', '03-preventie-daderschap.md'), 'utf8'));
    const yaml = join(content, '2024', 'kamerbrief.yaml');
    expect(readFileSync(yaml, 'utf8')).toMatch(/^kenmerk: # vul in: het kenmerk van deze brief\ndatum: # vul in: de datum, JJJJ-MM-DD$/m);

    const before = voortgang(['build', '2024', '--content', content, '--output', join(dir, 'output')], { cwd: dir });
    expect(before.status).toBe(1);
    expect(before.stderr).toContain('content/2024/kamerbrief.yaml:5:10: kenmerk: is empty — fill in the kenmerk of this document, e.g. "4355467"');
    expect(before.stderr).toContain('content/2024/kamerbrief.yaml:6:8: datum: is empty — fill in the date of this document, YYYY-MM-DD, e.g. 2022-12-14');
    expect(existsSync(join(dir, 'output', '2024', 'kamerbrief.pdf'))).toBe(false);

    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^kenmerk:.*$/m, 'kenmerk: 5012345').replace(/^datum:.*$/m, 'datum: 2024-12-10'));
    // The bijlage came along: its datum is emptied too.
    expect(r.stdout).toContain('content/2024/actieprogramma.yaml:5: datum — its date, YYYY-MM-DD');
    const bijlage = join(content, '2024', 'actieprogramma.yaml');
    writeFileSync(bijlage, readFileSync(bijlage, 'utf8').replace(/^datum:.*$/m, 'datum: 2024-11-30'));
    const after = voortgang(['build', '2024', '--content', content, '--output', join(dir, 'output')], { cwd: dir });
    expect(after.stderr).toBe('');
    expect(after.stdout).toMatch(/output\/2024\/kamerbrief\.pdf: 13 pages, 51 footnotes/);
  });

  it('reads the earlier year\'s YAML as a build does: an alias bomb in a data set is named, and no year is made', () => {
    const dir = scratchCopy(['content']);
    const hic = join(dir, 'content', '2022', 'data', 'hic.yaml');
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const bomb = levels.map((k, i) => `lol${i}: &${k} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n');
    const text = `${readFileSync(hic, 'utf8')}${bomb}\n`;
    writeFileSync(hic, text);
    // Where the first alias is, from the text written.
    const at = text.indexOf('*a');
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.slice(0, at).lastIndexOf('\n');
    const r = voortgang(['new', '2024', '--from', '2022', '--content', join(dir, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`content/2022/data/hic.yaml:${line}:${column}: invalid YAML: the alias *a repeats a value written elsewhere (at its anchor &a) — voortgang's sources take no anchors and aliases: write the value out here\n`);
    expect(existsSync(join(dir, 'content', '2024'))).toBe(false);
    expect(readdirSync(join(dir, 'content')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('never overwrites a year', () => {
    const dir = scratchCopy(['content']);
    const r = voortgang(['new', '2023', '--from', '2022', '--content', join(dir, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('content/2023: 2023 exists already: voortgang new never overwrites a year — remove or rename it first\n');
  });
});
