import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Each broken source fails the build with `file:line: message`, exits non-zero, and leaves the PDF of the
 * last good build exactly as it was.
 */
function buildBroken(break_: (dir: string) => void, parts: Array<'content' | 'templates'> = ['content']) {
  const dir = scratchCopy(parts);
  break_(dir);
  const out = join(dir, 'output');
  mkdirSync(join(out, '2022'), { recursive: true });
  const previous = join(out, '2022', 'kamerbrief.pdf');
  copyFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'), previous);
  const before = sha(previous);
  const args = ['build', '2022', '--content', join(dir, 'content'), '--output', out];
  if (parts.includes('templates')) args.push('--templates', join(dir, 'templates'));
  const result = voortgang(args, { cwd: dir });
  return { ...result, dir, unchanged: sha(previous) === before, leftovers: readdirSync(join(out, '2022')).filter((f) => f !== 'kamerbrief.pdf' && !/^actieprogramma\.(pdf|html|diwoo\.xml|pdf\.mdto\.xml)$/.test(f)) }; // the bijlage builds on its own (with its MDTO and DiWoo records)
}

/** Edits a file of the scratch copy; the edited text is kept, for a case to find where its message must point. */
let edited = '';
function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(file, changed);
  edited = changed;
}

/** "line:column" (from 1) of `needle` in the edited text: found in the fixture, not taken from the program. */
function posOf(needle: string, text = edited): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`the edited text has no ${needle}`);
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

describe('bad input', () => {
  it('a footnote call without a definition names the file, line and label', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/kamerbrief/03-preventie-daderschap.md'), /^\[\^kamerstukken-2018-2019-2\]: .*\n/m, ''));
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/kamerbrief/03-preventie-daderschap.md:${posOf('[^kamerstukken-2018-2019-2]')}: footnote [^kamerstukken-2018-2019-2] has no definition — add a line "[^kamerstukken-2018-2019-2]: <text of the note>" to this file`);
    expect(r.unchanged).toBe(true);
    expect(r.leftovers).toEqual([]);
  });

  it('a broken data file names the file, line and column', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/data/hic.yaml'), '2013: 1633,', '2013: veel,'));
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/data/hic.yaml:${posOf('veel,')}: reeksen.overvallen.aantal.2013: expected a number`);
    expect(r.unchanged).toBe(true);
  });

  it('invalid YAML syntax names the file and line', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/kamerbrief.yaml'), 'onderwerp: Voortgangsrapportage', 'onderwerp: [Voortgangsrapportage'));
    expect(r.status).toBe(1);
    // The [ opened on line 7 is noticed on line 8: the message points at the bracket.
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/kamerbrief.yaml:${posOf('[Voortgangsrapportage')}: invalid YAML: this [ is not closed — end it with ] on the same line (or indent its next lines)\n`);
    expect(r.unchanged).toBe(true);
  });

  it('a missing fact in the letter data names the field', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/kamerbrief.yaml'), /^kenmerk: .*\n/m, ''));
    expect(r.status).toBe(1);
    // A missing field is reported at the top of the file's map: its first line that is not a comment.
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/kamerbrief.yaml:${posOf(edited.split('\n').find((l) => l.trim() && !l.startsWith('#'))!)}: kenmerk: is required — expected the kenmerk, e.g. "4355467"`);
    expect(r.unchanged).toBe(true);
  });

  it('an unknown template variable names the template file and line', () => {
    const r = buildBroken((dir) => edit(join(dir, 'templates/partials/referentiegegevens.hbs'), '{{brief.kenmerk}}', '{{brief.kenmerkk}}'), ['content', 'templates']);
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ntemplates/partials/referentiegegevens.hbs:${posOf('brief.kenmerkk')}: unknown template variable "kenmerkk"`);
    expect(r.unchanged).toBe(true);
  });

  it('a tabel block naming an unknown series is an error at the block', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/kamerbrief/02-ontwikkeling-hic.md'), 'reeksen: [overvallen,', 'reeksen: [overval,'));
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/kamerbrief/02-ontwikkeling-hic.md:${posOf('```tabel')}: tabel: data set "hic" has no series "overval" — it has: overvallen, straatroven, woninginbraken, geweld`);
    expect(r.unchanged).toBe(true);
  });

  it('raw HTML in a section is refused where it is written', () => {
    const r = buildBroken((dir) => edit(join(dir, 'content/2022/kamerbrief/01-inleiding.md'), 'Hierbij sturen wij u', 'Hierbij <b>sturen</b> wij u'));
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ncontent/2022/kamerbrief/01-inleiding.md:${posOf('<b>')}: raw HTML (<b>) is not supported`);
  });

  it('rendering is offline: a layout that asks for a remote file fails the build naming it', () => {
    const r = buildBroken((dir) => edit(join(dir, 'templates/partials/logo.hbs'), '<div class="logo-lint"></div>', '<img src="https://example.org/embleem.png" alt="">'), ['content', 'templates']);
    expect(r.status).toBe(1);
    expect(`\n${r.stderr}`).toContain(`\ntemplates/partials/logo.hbs:${posOf('https://example.org/embleem.png')}: rendering asked for https://example.org/embleem.png; voortgang renders offline`);
    expect(r.unchanged).toBe(true);
  });

  it('an unknown year says what to create', () => {
    const r = voortgang(['build', '1999', '--output', join(scratchCopy([]), 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/content\/1999: no such year: create/);
  });
});
