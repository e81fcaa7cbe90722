import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';

// A layout that lacks a part of the page contract (README, "The page contract") is a mistake in the layout: it
// is told at its template file before anything is printed, not as an internal error of the page-filling pass.

const TEMPLATE = join('templates', 'kamerbrief', 'kamerbrief.hbs');
const SUGGESTION = ' — every layout keeps the page contract (README, "The page contract"; see templates/kamerbrief/kamerbrief.hbs)\n';

function buildWith(edit: (hbs: string) => string) {
  const dir = scratchCopy(['content', 'templates']);
  const file = join(dir, TEMPLATE);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return voortgang(['build', '2022', '--templates', 'templates', '--output', 'output'], { cwd: dir });
}

describe('the page contract, checked at the layout', () => {
  it('no <template id="pagina-eerste">: refused at the template file, exit 1, nothing printed', () => {
    const r = buildWith((hbs) => hbs.replace('<template id="pagina-eerste">', '<template id="eerste-pagina">'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${TEMPLATE}: the layout lacks <template id="pagina-eerste"> (the first page; every page when there is no pagina-vervolg)${SUGGESTION}`);
    expect(r.stderr).not.toContain('internal error');
  });

  it('no footnote box in its page templates: named, with the other parts it still has left alone', () => {
    const r = buildWith((hbs) => hbs.replaceAll('<div class="pagina-voetnoten"></div>', ''));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${TEMPLATE}: the layout lacks an element of class pagina-voetnoten in its page templates${SUGGESTION}`);
  });

  it('a page measure written without its unit in the descriptor: said what to write, at its line and column', () => {
    const dir = scratchCopy(['content', 'templates']);
    const file = join(dir, 'templates', 'kamerbrief', 'layout.yaml');
    const text = readFileSync(file, 'utf8');
    const at = text.split('\n').findIndex((l) => /^\s+tekst-links: 21mm/.test(l));
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, text.replace(/tekst-links: 21mm/, 'tekst-links: 21'));
    const column = text.split('\n')[at]!.indexOf('21') + 1;
    const r = voortgang(['build', '2022', '--templates', 'templates', '--output', 'output'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`templates/kamerbrief/layout.yaml:${at + 1}:${column}: pagina.tekst-links: expected a length in millimetres, e.g. 137.5mm\n`);
  });
});
