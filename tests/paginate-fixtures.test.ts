import { parse } from 'yaml';
import { geometryCss } from '../src/compose/letter-view.js';
import type { LayoutDescriptor } from '../src/validate/layout-schema.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS, DOM, PAGE_REF_ATTRIBUTE } from '../src/paginate/contract.js';
import { SHELVE_FROM } from '../src/paginate/pager.js';
import { launchBrowser, Renderer } from '../dist/voortgang.js';
import { contractProblems, kindsOf, templateText } from './helpers/layout-contract.js';

/**
 * The page-filling pass on small HTML pages in the browser, one rule each: pages of the house style with a text
 * area of exactly LINES body lines (13.5 pt), lines written out with <br> so that every paragraph has a known
 * number of lines.
 */
const ROOT = join(import.meta.dirname, '..');
// The shared stylesheet with the Kamerbrief's text column (its descriptor's page geometry).
const CSS = readFileSync(join(ROOT, 'templates', 'css', 'huisstijl.css'), 'utf8') + geometryCss((parse(readFileSync(join(ROOT, 'templates', 'kamerbrief', 'layout.yaml'), 'utf8')) as LayoutDescriptor).pagina);
const LINES = 10;
const LINE_MM = (13.5 * 25.4) / 72;

interface Block { tag: string; cls: string; text: string; lines: number }
interface Note { id: string; continued: boolean; text: string; lines: number }
interface Sheet { blocks: Block[]; notes: Note[] }
interface Laid {
  report: {
    pages: number;
    notesOnPage: Record<string, number>;
    callsOnPage: Record<string, number>;
    continuedNotes: { note: number; from: number; to: number }[];
    headingAtEnd: number[];
    overflows: unknown[];
    perPage: { page: number; unusedMm: number; brokenBy?: string }[];
    unresolvedRefs: string[];
  };
  pages: Sheet[];
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let renderer: InstanceType<typeof Renderer>;
let n = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  renderer = new Renderer(browser);
});
afterAll(async () => {
  await browser?.close();
});

const PAGE = `<div class="pagina"><div class="${CLASS.pageText}"><div class="${CLASS.pageContent}"></div><div class="${CLASS.pageNotes}"></div></div><div class="paginanummer">Pagina <span class="${CLASS.pageNumber}"></span> van <span class="${CLASS.pageTotal}"></span></div></div>`;

/** `lines(k, 'a')`: k short lines "a1 …", "a2 …" joined by <br>; `[^n]` in a line becomes the call of note n. */
function lines(k: number, name: string, calls: Record<number, number> = {}): string {
  return Array.from({ length: k }, (_, i) => `${name}${i + 1} regel van de alinea${calls[i + 1] ? `<sup class="${CLASS.call} ${CLASS.firstCall}" data-noot="${calls[i + 1]}"><a href="#noot-${calls[i + 1]}">${calls[i + 1]}</a></sup>` : ''}`).join('<br>');
}

function note(id: number, k: number): string {
  return `<div class="${CLASS.note}" id="noot-${id}" data-noot="${id}"><span class="${CLASS.noteNumber}">${id}</span><div class="${CLASS.noteText}"><p>${Array.from({ length: k }, (_, i) => `n${id}.${i + 1} regel van de noot`).join('<br>')}</p></div></div>`;
}

/** Lays out `flow`; `before` runs in the page between loading and the pass (to watch the pass at work). */
async function lay(flow: string, notes = '', before?: string): Promise<Laid> {
  const html = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>${CSS}
.${CLASS.pageText} { top: 20mm; height: calc(${LINES} * var(--regel)); }</style></head><body>
<main id="${DOM.flow}">${flow}</main><section id="${DOM.notes}">${notes}</section>
<template id="${DOM.firstPage}">${PAGE}</template><template id="${DOM.nextPage}">${PAGE}</template></body></html>`;
  await renderer.load(html, `/fixtures/test-${++n}.html`);
  if (before) await renderer.inspect(before);
  const report = await renderer.paginate();
  const pages = await renderer.inspect<Sheet[]>(`Array.from(document.querySelectorAll('.pagina'), (p) => ({
    blocks: Array.from(p.querySelector('.${CLASS.pageContent}').children, (b) => ({ tag: b.tagName, cls: b.className, text: b.innerText, lines: Math.round(b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight)) })),
    notes: Array.from(p.querySelectorAll('.${CLASS.pageNotes} > .${CLASS.note}'), (x) => { const t = x.querySelector('.${CLASS.noteText}'); return { id: x.dataset.noot, continued: x.classList.contains('${CLASS.continued}'), text: t.innerText, lines: Math.round(t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight)) }; }),
  }))`);
  return { report, pages };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('the page-filling pass, on fixture pages of 10 lines', () => {
  it('splits a paragraph between lines: the page is filled, the rest opens the next page, no word lost', async () => {
    const { report, pages } = await lay(`<p>${lines(15, 'a')}</p>`);
    expect(report.pages).toBe(2);
    expect(pages[0]!.blocks.map((b) => b.lines)).toEqual([10]);
    expect(pages[1]!.blocks.map((b) => b.lines)).toEqual([5]);
    expect(pages[1]!.blocks[0]!.cls).toContain(CLASS.continued);
    expect(words(pages.flatMap((p) => p.blocks.map((b) => b.text)).join(' '))).toEqual(words(lines(15, 'a').replaceAll('<br>', ' ')));
    expect(report.perPage[0]!.unusedMm).toBeLessThan(0.5);
  });

  it('a request whose path is no URI (a stray %) is refused and named, not left waiting', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body><main id="${DOM.flow}"><p><img src="/beeld-50%E0%A4%A.png" alt=""></p></main><template id="${DOM.firstPage}">${PAGE}</template></body></html>`;
    await expect(renderer.render(html, `/fixtures/test-${++n}.html`)).rejects.toThrow(/^rendering asked for http:\/\/voortgang\.invalid\/beeld-50%E0%A4%A\.png; voortgang renders offline/);
  });

  it('keeps 2 lines at the foot of a page (orphans) and 2 at the head of the next (widows)', async () => {
    // 8 lines, a blank line, then 5 lines: 1 line of room — too few to start the paragraph here.
    const orphans = await lay(`<p>${lines(8, 'a')}</p><p>${lines(5, 'b')}</p>`);
    expect(orphans.pages.map((p) => p.blocks.map((b) => b.lines))).toEqual([[8], [5]]);
    expect(orphans.report.perPage[0]!.brokenBy).toBe('orphans');
    // 5 lines, a blank line, then 5 lines: 4 lines of room, but only 3 may stay so that 2 go along.
    const widows = await lay(`<p>${lines(5, 'a')}</p><p>${lines(5, 'b')}</p>`);
    expect(widows.pages.map((p) => p.blocks.map((b) => b.lines))).toEqual([[5, 3], [2]]);
    expect(widows.report.perPage[0]!.brokenBy).toBe('widows');
  });

  it('splits a paragraph where its own footnote lets it: not moved whole to the next page', async () => {
    // 3 lines, a blank line, 6 lines with a call in line 2: the text alone fits the page exactly, with its
    // 3-line note it does not. The paragraph is split after 2 lines, its note stays with the call.
    const { report, pages } = await lay(`<p>${lines(3, 'a')}</p><p>${lines(6, 'b', { 2: 1 })}</p>`, note(1, 3));
    expect(pages.map((p) => p.blocks.map((b) => b.lines))).toEqual([[3, 2], [4]]);
    expect(pages[0]!.notes.map((x) => x.id)).toEqual(['1']);
    expect(report.callsOnPage['1']).toBe(1);
    expect(report.notesOnPage['1']).toBe(1);
    expect(report.perPage[0]!.unusedMm).toBeLessThan(LINE_MM);
  });

  it('continues a footnote too long for the rest of its page on the next page; its call stays on the first', async () => {
    // 6 lines with a call in line 5 to a 12-line note, then 3 more lines: the note cannot all fit under its call.
    const { report, pages } = await lay(`<p>${lines(6, 'a', { 5: 1 })}</p><p>${lines(3, 'b')}</p>`, note(1, 12));
    expect(report.pages).toBe(2);
    expect(pages[0]!.blocks.map((b) => b.lines)).toEqual([6]);
    const [first] = pages[0]!.notes;
    const [rest] = pages[1]!.notes;
    expect(first).toMatchObject({ id: '1', continued: false });
    expect(rest).toMatchObject({ id: '1', continued: true });
    expect(first!.lines).toBeGreaterThanOrEqual(2);
    expect(rest!.lines).toBeGreaterThanOrEqual(2);
    expect(first!.lines + rest!.lines).toBe(12);
    expect(words(`${first!.text} ${rest!.text}`)).toEqual(words(note(1, 12).replace(/<[^>]+>/g, ' ').replace(/^\s*1\s/, '')));
    expect(report.callsOnPage['1']).toBe(1);
    expect(report.notesOnPage['1']).toBe(1);
    expect(report.continuedNotes).toEqual([{ note: 1, from: 1, to: 2 }]);
    expect(report.perPage[0]!.unusedMm).toBeLessThan(2);
    // The next page: the rest of the note first, then the text that follows.
    expect(pages[1]!.blocks.map((b) => b.lines)).toEqual([3]);
  });

  it('continues a note longer than a page over as many pages as it needs, the text flowing beside it', async () => {
    const { report, pages } = await lay(`<p>${lines(3, 'a', { 1: 1 })}</p><p>${lines(12, 'b')}</p><p>${lines(12, 'c')}</p>`, note(1, 40));
    expect(report.overflows).toEqual([]);
    if (process.env.SHOW) console.log(JSON.stringify(pages.map((p) => [p.blocks.map((b) => b.lines), p.notes.map((x) => x.lines)])), JSON.stringify(report.perPage));
    const parts = pages.flatMap((p) => p.notes);
    expect(parts.map((x) => x.continued)).toEqual([false, ...parts.slice(1).map(() => true)]);
    expect(words(parts.map((x) => x.text).join(' '))).toEqual(words(note(1, 40).replace(/<[^>]+>/g, ' ').replace(/^\s*1\s/, '')));
    expect(report.continuedNotes.map((c) => [c.from, c.to])).toEqual(parts.slice(1).map((_, i) => [i + 1, i + 2]));
    for (const p of pages) for (const x of p.notes) expect(x.lines).toBeGreaterThanOrEqual(2);
    expect(words(pages.flatMap((p) => p.blocks.map((b) => b.text)).join(' '))).toEqual(words(`${lines(3, 'a')} ${lines(12, 'b')} ${lines(12, 'c')}`.replaceAll('<br>', ' ')).map((w, i) => (i === 4 ? `${w}1` : w)));
  });

  it('splits a table between rows and repeats its header row', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `<tr><th scope="row">${2001 + i}</th><td>${i * 7}</td></tr>`).join('');
    const { report, pages } = await lay(`<table class="tabel"><thead><tr><th>Jaar</th><th>Aantal</th></tr></thead><tbody>${rows}</tbody></table>`);
    expect(report.pages).toBeGreaterThan(1);
    const years: string[] = [];
    for (const p of pages) {
      const [table] = p.blocks;
      expect(table!.tag).toBe('TABLE');
      const cells = words(table!.text);
      expect(cells.slice(0, 2)).toEqual(['Jaar', 'Aantal']);
      const own = cells.slice(2).filter((_, i) => i % 2 === 0);
      expect(own.length).toBeGreaterThanOrEqual(2);
      years.push(...own);
    }
    expect(years).toEqual(Array.from({ length: 20 }, (_, i) => String(2001 + i)));
  });

  it('a table whose last row alone does not fit its page takes the row above it along: 2 rows on the next page', async () => {
    const table = (k: number) => `<table class="tabel"><thead><tr><th>Jaar</th><th>Aantal</th></tr></thead><tbody>${Array.from({ length: k }, (_, i) => `<tr><th scope="row">${2001 + i}</th><td>${i * 7}</td></tr>`).join('')}</tbody></table>`;
    const rowsOn = (p: Sheet) => words(p.blocks[0]!.text).length / 2 - 1; // cells, less the header row
    // How many rows a page holds: the first page of a long table.
    const fit = rowsOn((await lay(table(30))).pages[0]!);
    expect(fit).toBeGreaterThanOrEqual(4);
    // One row more than a page holds: the page keeps all but 2, the last 2 go on (header repeated).
    const { report, pages } = await lay(table(fit + 1));
    expect(report.overflows).toEqual([]);
    expect(pages.map(rowsOn)).toEqual([fit - 1, 2]);
    expect(words(pages[1]!.blocks[0]!.text)).toEqual(['Jaar', 'Aantal', String(2001 + fit - 1), String((fit - 1) * 7), String(2001 + fit), String(fit * 7)]);
  });

  it('keeps a heading with the paragraph it introduces', async () => {
    // 7 lines, then a heading (a blank line and its line) and 4 lines: 1 line would be left for the paragraph.
    const { report, pages } = await lay(`<p>${lines(7, 'a')}</p><h3>Kop</h3><p>${lines(4, 'b')}</p>`);
    expect(pages.map((p) => p.blocks.map((b) => b.tag))).toEqual([['P'], ['H3', 'P']]);
    expect(report.headingAtEnd).toEqual([]);
    expect(report.perPage[0]!.brokenBy).toBe('keep-with-next');
  });

  it('never leaves the signature block alone at the top of a page: the last lines before it go along', async () => {
    const signature = `<div class="${CLASS.signature}"><div class="ondertekenaar"><p class="functie">De Minister,</p><p class="naam">A. Naam</p></div></div>`;
    const { report, pages } = await lay(`<p>${lines(9, 'a')}</p>${signature}`);
    expect(pages.map((p) => p.blocks.map((b) => `${b.tag}:${b.lines}`))).toEqual([['P:7'], ['P:2', `DIV:${pages[1]!.blocks[1]?.lines}`]]);
    expect(pages[1]!.blocks[1]!.cls).toBe(CLASS.signature);
    expect(report.perPage[0]!.brokenBy).toBe('keep-with-previous');
  });
});

describe('the cost of a measurement', () => {
  it('does not grow with the document: while the pass measures, the blocks still to pour and all but the first pages wait outside it', async () => {
    // Every measurement's layout update costs in proportion to what the document holds (src/paginate/pager.ts
    // has the figures): the flow, the notes and — from SHELVE_FROM pages on — the filled pages are out of it.
    const watch = `(() => {
      const seen = (window.__seen = []);
      const look = () => seen.push([document.getElementById('${DOM.book}')?.childElementCount ?? 0, !!document.getElementById('${DOM.flow}'), !!document.getElementById('${DOM.notes}')]);
      for (const [proto, name] of [[Element.prototype, 'getBoundingClientRect'], [Element.prototype, 'getClientRects'], [Range.prototype, 'getClientRects'], [Range.prototype, 'getBoundingClientRect']]) {
        const real = proto[name];
        proto[name] = function (...a) { look(); return real.apply(this, a); };
      }
    })()`;
    const count = 3 * SHELVE_FROM;
    // A page reference on page 1 to a block on a shelved page: resolved only if the pages are back in the
    // document when the pass reads them.
    const target = count - 10;
    const ref = `<p>Zie pagina <span class="${CLASS.pageRef}" ${PAGE_REF_ATTRIBUTE}="doel">?</span>.</p>`;
    const flow = ref + Array.from({ length: count }, (_, i) => `<p${i === target ? ' id="doel"' : ''}>${lines(i % 2 ? 7 : 4, `b${i}-`, i % 3 ? {} : { 2: i + 1 })}</p>`).join('');
    const notes = Array.from({ length: count }, (_, i) => (i % 3 ? '' : note(i + 1, 2))).join('');
    const { report, pages } = await lay(flow, notes, watch);
    const seen = await renderer.inspect<[number, boolean, boolean][]>('window.__seen');
    expect(report.pages).toBeGreaterThan(SHELVE_FROM + 20);
    expect(pages.flatMap((p) => p.notes.map((n) => n.id))).toEqual(Array.from({ length: count / 3 }, (_, i) => String(3 * i + 1)));
    // Page numbers in order, the reference filled with the page its target landed on (a shelved one).
    const numbers = await renderer.inspect<{ footers: string[]; ref: string; on: string }>(`({
      footers: Array.from(document.querySelectorAll('.pagina .${CLASS.pageNumber}'), (e) => e.textContent),
      ref: document.querySelector('.${CLASS.pageRef}').textContent,
      on: document.getElementById('doel').closest('.pagina').querySelector('.${CLASS.pageNumber}').textContent,
    })`);
    expect(numbers.footers).toEqual(Array.from({ length: report.pages }, (_, i) => String(i + 1)));
    expect(Number(numbers.on)).toBeGreaterThan(SHELVE_FROM);
    expect(numbers.ref).toBe(numbers.on);
    expect(report.unresolvedRefs).toEqual([]);
    // The fill of every page is read with the pages back: a shelved page would measure as empty.
    expect(report.perPage.slice(SHELVE_FROM, -1).every((p) => p.unusedMm < 30)).toBe(true);
    // During the pass: at most SHELVE_FROM pages in the book, no flow, no notes section; the report (at the
    // end) sees every page.
    const during = seen.filter(([pages]) => pages !== report.pages);
    expect(during.length).toBeGreaterThan(100);
    expect(Math.max(...during.map(([pages]) => pages))).toBe(SHELVE_FROM);
    expect(during.filter(([pages, flowIn, notesIn]) => pages > SHELVE_FROM || flowIn || notesIn)).toEqual([]);
  });
});

describe('the DOM contract', () => {
  // Every kind of document of voortgang's templates/ (found there, not listed here) and the memo fixture kind.
  const TEMPLATES = join(ROOT, 'templates');
  const MEMO = join(ROOT, 'tests', 'fixtures', 'soort-memo', 'templates');
  const layouts = [...kindsOf(TEMPLATES).map((k) => ({ ...k, templates: TEMPLATES })), ...kindsOf(MEMO).map((k) => ({ ...k, templates: TEMPLATES }))];

  it('finds every kind folder: the three of templates/ and the memo', () => {
    // Counted from the folders themselves: each holding a layout.yaml.
    const folders = readdirSync(TEMPLATES).filter((f) => existsSync(join(TEMPLATES, f, 'layout.yaml')));
    expect(layouts.map((l) => l.soort).sort()).toEqual([...folders, 'memo'].sort());
    expect(folders.length).toBeGreaterThanOrEqual(3);
  });

  for (const layout of layouts) {
    it(`is what the ${layout.soort} layout provides`, () => {
      expect(contractProblems(templateText(layout.templates, layout.dir, layout.template))).toEqual([]);
    });
  }

  it('is what the shared partials provide: page number, page count, signature block', () => {
    const partials = ['paginanummer.hbs', 'ondertekening.hbs'].map((f) => readFileSync(join(ROOT, 'templates', 'partials', f), 'utf8')).join('\n');
    for (const c of [CLASS.pageNumber, CLASS.pageTotal, CLASS.signature]) expect(partials).toContain(`class="${c}"`);
  });

  // Each layout broken in one place: the check names what is missing.
  const breaks: Array<{ what: string; from: RegExp; to: string; problem: string }> = [
    { what: 'no #flow', from: /<main id="flow">/, to: '<main>', problem: `no element with id="${DOM.flow}"` },
    { what: 'no #voetnoten', from: /id="voetnoten"/, to: '', problem: `no element with id="${DOM.notes}"` },
    { what: 'no first page', from: /<template id="pagina-eerste">/, to: '<template>', problem: `no <template id="${DOM.firstPage}">` },
    { what: 'a first page that is no template', from: /<template id="pagina-eerste">([\s\S]*?)<\/template>/, to: '<div id="pagina-eerste">$1</div>', problem: `id="${DOM.firstPage}" is a <div>, not a <template>` },
    { what: 'a first page without its text area', from: /(<template id="pagina-eerste">[\s\S]*?)class="pagina-tekst"/, to: '$1class="tekst"', problem: `<template id="${DOM.firstPage}"> has no .${CLASS.pageText}` },
    { what: 'a following page without its footnote box', from: /(<template id="pagina-vervolg">[\s\S]*?)<div class="pagina-voetnoten"><\/div>/, to: '$1', problem: `<template id="${DOM.nextPage}">: its .${CLASS.pageText} has no .${CLASS.pageNotes}` },
    { what: 'a following page without its content box', from: /(<template id="pagina-vervolg">[\s\S]*?)<div class="pagina-inhoud"><\/div>/, to: '$1', problem: `<template id="${DOM.nextPage}">: its .${CLASS.pageText} has no .${CLASS.pageContent}` },
  ];
  for (const layout of layouts) {
    for (const b of breaks) {
      const text = templateText(layout.templates, layout.dir, layout.template);
      // The memo has no following page (every page is made from its first): nothing there to break.
      if (!b.from.test(text)) continue;
      it(`fails the ${layout.soort} layout with ${b.what}`, () => {
        expect(contractProblems(text.replace(b.from, b.to))).toContain(b.problem);
      });
    }
  }

  // The pass itself agrees: what the check requires, it cannot do without; what it leaves optional, it can.
  const pageOf = (inner: string) => `<div class="pagina">${inner}<span class="${CLASS.pageNumber}"></span></div>`;
  const full = `<div class="${CLASS.pageText}"><div class="${CLASS.pageContent}"></div><div class="${CLASS.pageNotes}"></div></div>`;
  const paras = Array.from({ length: 30 }, (_, i) => `<p>${lines(1, `p${i + 1}-`)}</p>`).join('');
  async function layLayout(templates: string): Promise<number[]> {
    const html = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>${CSS}
.${CLASS.pageText} { top: 20mm; height: calc(${LINES} * var(--regel)); }</style></head><body>
<main id="${DOM.flow}">${paras}</main><section id="${DOM.notes}"></section>${templates}</body></html>`;
    await renderer.load(html, `/fixtures/layout-${++n}.html`);
    await renderer.paginate();
    return renderer.inspect<number[]>(`Array.from(document.querySelectorAll('.pagina .${CLASS.pageNumber}'), (e) => Number(e.textContent))`);
  }

  it('the pass makes every page from the first when there is no following page, and numbers them', async () => {
    const templates = `<template id="${DOM.firstPage}">${pageOf(full)}</template>`;
    expect(contractProblems(`<main id="${DOM.flow}"></main><section id="${DOM.notes}"></section>${templates}`)).toEqual([]);
    // 30 one-line paragraphs on pages of 10 lines, each after the first a line apart: 3 pages at least.
    const numbers = await layLayout(templates);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('the pass cannot do without a first page, nor without a footnote box in a page, which the check refuses', async () => {
    const noNotes = `<div class="${CLASS.pageText}"><div class="${CLASS.pageContent}"></div></div>`;
    for (const templates of [`<template id="${DOM.nextPage}">${pageOf(full)}</template>`, `<template id="${DOM.firstPage}">${pageOf(noNotes)}</template>`]) {
      expect(contractProblems(`<main id="${DOM.flow}"></main><section id="${DOM.notes}"></section>${templates}`)).not.toEqual([]);
      await expect(layLayout(templates)).rejects.toThrow(/lacks/);
    }
  });

  it('takes a layout without a following page, which the pass makes from the first, as the memo has', () => {
    const memo = layouts.find((l) => l.soort === 'memo')!;
    expect(readFileSync(memo.template, 'utf8')).not.toContain(DOM.nextPage);
    expect(contractProblems(templateText(memo.templates, memo.dir, memo.template))).toEqual([]);
  });
});
