// voortgang's page-filling pass. Runs inside the page (Chromium), after fonts have loaded; bundled into the
// page as a script of its own by scripts/bundle.mjs (src/paginate/in-page.ts is its entry).
//
// It pours the blocks of <main id="flow"> into page boxes cloned from <template id="pagina-eerste"> and
// <template id="pagina-vervolg">, and puts every footnote (#voetnoten > .noot) at the bottom of the page that
// holds its first call. Rules, in order of precedence:
//   - a footnote starts on the page of its call; a note too long for the rest of that page continues at the top
//     of the next page's notes (at least MIN_NOTE_LINES lines stay with the call); a line whose note cannot keep
//     that many lines moves to the next page with its call;
//   - paragraphs and list items break between lines, leaving at least MIN_LINES lines on either side; where they
//     break is decided with their own footnotes on the page;
//   - tables break between rows, repeating the header row, MIN_ROWS rows on either side; a row is never split;
//     every part keeps the column widths of the whole table;
//   - a heading never ends a page; figures and the signature block are never split;
//   - the signature block never starts a page alone: the block before it moves along.
// Everything is measured with the browser's own layout, so the PDF is what was measured.
import { CLASS, DOM, NOTE_ATTRIBUTE, PAGE_REF_ATTRIBUTE, SOURCE_ATTRIBUTE } from './contract.js';
import type { BreakRule, PageReport, PaginationReport } from './report.js';

export const MIN_LINES = 2;
export const MIN_ROWS = 2;
export const MIN_NOTE_LINES = 2;
const EPS = 0.5; // px
/**
 * From this many pages on, a filled page leaves the document until the pass ends (see newPage). Below it the
 * pages stay: taking a page out and putting it back costs its layout again (the 32-page bijlage: pass 87–109 ms
 * with its pages kept, 107–131 ms with every page shelved), and a few dozen pages in the document cost nothing
 * that shows (the 2022 body ×16, 196 pages: 2.9 ms a page either way).
 */
export const SHELVE_FROM = 64;
const PX_PER_MM = 96 / 25.4;

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LINE_BLOCKS = new Set(['P', 'LI', 'DD', 'DT', 'BLOCKQUOTE']);
const LISTS = new Set(['UL', 'OL']);
const noteId = (el: Element) => el.getAttribute(NOTE_ATTRIBUTE) ?? '';

interface Page {
  el: HTMLElement;
  text: HTMLElement;
  content: HTMLElement;
  notes: HTMLElement;
  number: number;
  /** The rest of a note continued from the previous page: first in this page's notes. */
  carried: HTMLElement[];
  /** The first part of a note continued on the next page, printed here in place of the whole note. */
  partial?: { id: string; el: HTMLElement };
  /** The note carried from the page before goes on again on the next page (a note longer than a page). */
  carriedOn?: string;
  brokenBy?: BreakRule;
}

/**
 * The blocks that start a page of their own (CSS break-before: page), read in one go before the pass moves
 * anything, so that no block's getComputedStyle forces a style pass in the middle of the page-filling. The
 * continued part of a split block is a new element, so it is never among them.
 */
function pageStarts(blocks: HTMLElement[]): Set<HTMLElement> {
  const starts = new Set<HTMLElement>();
  for (const block of blocks) {
    const b = getComputedStyle(block).breakBefore;
    if (b === 'page' || b === 'left' || b === 'right' || b === 'recto' || b === 'verso') starts.add(block);
  }
  return starts;
}

/** How a block that overflows its page was made to fit: `rest` opens the next page (null: the block stayed whole). */
interface Fit {
  rest: HTMLElement | null;
  noteRest?: HTMLElement;
  rule?: BreakRule;
}

/** A note split for a trial: its first part is in the page; `undo` puts the whole note back. */
interface Continued {
  id: string;
  first: HTMLElement;
  rest: HTMLElement;
  undo(): void;
}

export function paginate(doc: Document = document): PaginationReport {
  return new Pager(doc).run();
}

class Pager {
  private readonly started = performance.now();
  private readonly flow: HTMLElement;
  private readonly notesSource: HTMLElement | null;
  private readonly firstTemplate: HTMLTemplateElement;
  private readonly nextTemplate: HTMLTemplateElement;
  private readonly notes = new Map<string, HTMLElement>();
  private readonly book: HTMLElement;
  private readonly pages: Page[] = [];
  /** Finished pages of a long document, out of the document until the pass ends (see newPage). */
  private readonly shelf: DocumentFragment;

  constructor(private readonly doc: Document) {
    const flow = doc.getElementById(DOM.flow);
    const first = doc.getElementById(DOM.firstPage);
    if (!flow || !(first instanceof HTMLTemplateElement)) throw new Error(`layout lacks #${DOM.flow} or <template id="${DOM.firstPage}">`);
    const next = doc.getElementById(DOM.nextPage);
    this.flow = flow;
    this.firstTemplate = first;
    this.nextTemplate = next instanceof HTMLTemplateElement ? next : first;
    this.notesSource = doc.getElementById(DOM.notes);
    if (this.notesSource) for (const note of this.notesSource.querySelectorAll<HTMLElement>(`:scope > .${CLASS.note}`)) this.notes.set(noteId(note), note);
    this.book = doc.createElement('div');
    this.book.id = DOM.book;
    this.shelf = doc.createDocumentFragment();
    flow.before(this.book);
  }

  run(): PaginationReport {
    const queue = Array.from(this.flow.children) as HTMLElement[];
    const starts = pageStarts(queue);
    // The blocks still to pour and the notes still to place wait outside the document: unrendered as they are
    // (display: none), in the document they still make every measurement's layout update cost in proportion to
    // their number — 14 ms a page for a 1,838-page letter against 3.9 ms for a 196-page one, 9.9 ms once out.
    this.flow.remove();
    this.notesSource?.remove();
    let page = this.newPage();
    let guard = 0;
    while (queue.length) {
      if (++guard > 100000) throw new Error('pagination does not converge');
      const block = queue.shift()!;
      if (page.content.childElementCount > 0 && starts.has(block)) {
        page.brokenBy = 'page-break';
        page = this.newPage();
      }
      page.content.appendChild(block);
      this.syncNotes(page);
      if (overflow(page) <= EPS) continue;

      const fit = this.fit(page, block);
      if ('rest' in fit) {
        if (fit.rest) queue.unshift(fit.rest);
        page.brokenBy = fit.rule;
        page = this.newPage(fit.noteRest);
        continue;
      }
      // Nothing of the block fits here: move it, with the headings that introduce it.
      let rule = fit.rule;
      const carried = [block];
      block.remove();
      const previous = page.content.lastElementChild as HTMLElement | null;
      if (keepsWithPrevious(block) && previous) {
        // The last MIN_LINES lines of a paragraph go along, or the whole block before.
        const lines = isLineBlock(previous) && isSplittable(previous) ? lineBox(previous) : undefined;
        const rest = lines && lines.lines >= 2 * MIN_LINES ? cutLines(previous, lines.top, lines.lh, lines.lines - MIN_LINES) : null;
        if (rest) carried.unshift(rest);
        else {
          carried.unshift(previous);
          previous.remove();
        }
        rule = 'keep-with-previous';
      }
      while (page.content.lastElementChild && keepsWithNext(page.content.lastElementChild)) {
        carried.unshift(page.content.lastElementChild as HTMLElement);
        page.content.lastElementChild.remove();
        rule = 'keep-with-next';
      }
      this.syncNotes(page);
      if (page.content.childElementCount === 0) {
        for (const el of carried) page.content.appendChild(el);
        this.syncNotes(page);
        // Under the rest of a note from the page before: that note goes on once more, on the next page.
        const c = page.carried.length ? this.continueLastNote(page, true) : null;
        if (c) {
          page = this.newPage(c.rest);
          continue;
        }
        // The block is taller than an empty page and cannot be split: place it and report it.
        page.el.dataset.overflow = String(Math.round(overflow(page)));
        const bron = sourceOf(block);
        if (bron) page.el.dataset.overflowBron = bron;
        page = this.newPage();
        continue;
      }
      page.brokenBy = rule;
      page = this.newPage();
      queue.unshift(...carried);
    }
    // The last page may have been opened for nothing.
    const last = this.pages[this.pages.length - 1]!;
    if (this.pages.length > 1 && last.content.childElementCount === 0 && last.carried.length === 0) {
      last.el.remove();
      this.pages.pop();
    }
    return this.finish();
  }

  private newPage(carried?: HTMLElement): Page {
    const template = this.pages.length === 0 ? this.firstTemplate : this.nextTemplate;
    const el = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    // Nothing touches a page once the next one is opened: in a long document it waits outside the document, so
    // that a measurement does not cost more the more pages there are (with every page kept in, 9.9 ms a page
    // for the 2022 body ×150, 1,838 pages; with them shelved 3.1–3.8 ms, flat from the first page to the last).
    const previous = this.pages[this.pages.length - 1];
    if (previous && this.pages.length >= SHELVE_FROM) this.shelf.appendChild(previous.el);
    this.book.appendChild(el);
    const part = (c: string) => {
      const found = el.querySelector<HTMLElement>(`.${c}`);
      if (!found) throw new Error(`page template lacks .${c}`);
      return found;
    };
    const page: Page = { el, text: part(CLASS.pageText), content: part(CLASS.pageContent), notes: part(CLASS.pageNotes), number: this.pages.length + 1, carried: carried ? [carried] : [] };
    this.pages.push(page);
    if (!carried) return page;
    this.syncNotes(page);
    // The rest of a note longer than a page: this page holds what it can, the next one goes on.
    const c = overflow(page) > EPS ? this.continueLastNote(page, true) : null;
    return c ? this.newPage(c.rest) : page;
  }

  /** The footnotes at the bottom of a page: a note carried from the page before, then those called here. */
  private syncNotes(page: Page): void {
    const want: Element[] = [...page.carried];
    for (const call of page.content.querySelectorAll(`.${CLASS.call}.${CLASS.firstCall}`)) {
      const id = noteId(call);
      const note = page.partial?.id === id ? page.partial.el : this.notes.get(id);
      if (note) want.push(note);
    }
    const have = page.notes.children;
    // Only what changed, at the end: a note taken out and put back is laid out, its text shaped, anew (all of
    // them replaced on every call: the 2022 body ×16 took 3.9 ms a page, 2.9 ms so).
    let same = 0;
    while (same < have.length && same < want.length && have[same] === want[same]) same++;
    while (have.length > same) have[have.length - 1]!.remove();
    for (const n of want.slice(same)) page.notes.appendChild(n);
  }

  // ---- fitting a block that overflows -----------------------------------------------------------

  /** Makes the page hold as much of `block` (its last child, overflowing) as the rules allow. */
  private fit(page: Page, block: HTMLElement): Fit | { rule: BreakRule } {
    if (!isSplittable(block)) {
      // Whole, with the page's last note continued on the next page (never for a heading: it would end the page).
      if (!keepsWithNext(block)) {
        const c = this.continueLastNote(page);
        if (c) return { rest: null, noteRest: c.rest };
      }
      return { rule: 'unsplittable' };
    }
    return isLineBlock(block) ? this.fitLines(page, block) : this.fitByLimit(page, block);
  }

  /** A block of lines: the most lines (MIN_LINES each side) that fit with their own notes, a note continued if need be. */
  private fitLines(page: Page, block: HTMLElement): Fit | { rule: BreakRule } {
    const box = page.text.getBoundingClientRect();
    const whole = block; // in place, overflowing
    const { top, lh, lines } = lineBox(whole);
    if (!(lh > 0)) return { rule: 'unsplittable' };
    whole.remove();
    this.syncNotes(page);
    const room = box.bottom - this.notesHeight(page) + this.continuableSlack(page) - top + EPS;
    const restore = () => {
      page.content.appendChild(whole);
      this.syncNotes(page);
    };
    const kRoom = Math.floor(room / lh); // more lines than this cannot fit, whatever their notes
    if (kRoom >= lines) {
      // It fits whole but for its notes: keep it whole if the last note can continue on the next page.
      page.content.appendChild(whole);
      this.syncNotes(page);
      const c = this.continueLastNote(page);
      if (c) return { rest: null, noteRest: c.rest };
      whole.remove();
      this.syncNotes(page);
    }
    const kMax = Math.min(kRoom, lines - MIN_LINES);
    for (let k = kMax; k >= MIN_LINES; k--) {
      const trial = whole.cloneNode(true) as HTMLElement;
      page.content.appendChild(trial);
      const rest = cutLines(trial, top, lh, k);
      if (!rest) {
        trial.remove();
        continue;
      }
      this.syncNotes(page);
      const rule: BreakRule | undefined = k === lines - MIN_LINES && kRoom > k ? 'widows' : undefined;
      if (overflow(page) <= EPS) return { rest, rule };
      const c = this.continueLastNote(page);
      if (c) return { rest, noteRest: c.rest, rule };
      trial.remove();
      this.syncNotes(page);
    }
    restore();
    return { rule: lines < 2 * MIN_LINES || kRoom < MIN_LINES ? 'orphans' : 'footnote' };
  }

  /** Lists, tables and other containers: split above a limit that is lowered until the page fits. */
  private fitByLimit(page: Page, block: HTMLElement): Fit | { rule: BreakRule } {
    const c0 = keepsWithNext(block) ? null : this.continueLastNote(page);
    if (c0) return { rest: null, noteRest: c0.rest };
    block.remove();
    this.syncNotes(page);
    const box = page.text.getBoundingClientRect();
    type Attempt = { kind: 'ok'; rest: HTMLElement; trial: HTMLElement; note?: Continued } | { kind: 'over'; px: number } | { kind: 'fits'; bottom: number } | { kind: 'none' };
    const attempt = (limit: number): Attempt => {
      const trial = block.cloneNode(true) as HTMLElement;
      page.content.appendChild(trial);
      const rest = splitAt(trial, limit);
      if (!rest) {
        const bottom = trial.getBoundingClientRect().bottom;
        trial.remove();
        return bottom <= limit + EPS ? { kind: 'fits', bottom } : { kind: 'none' };
      }
      this.syncNotes(page);
      const px = overflow(page);
      if (px <= EPS) return { kind: 'ok', rest, trial };
      const note = this.continueLastNote(page);
      if (note) return { kind: 'ok', rest, trial, note };
      trial.remove();
      this.syncNotes(page);
      return { kind: 'over', px };
    };
    const undo = (a: { trial: HTMLElement; note?: Continued }) => {
      a.note?.undo();
      a.trial.remove();
      this.syncNotes(page);
    };
    // Lower the limit until a split fits, then raise it again by halves: the notes of the lines that move
    // away go with them, so the first fit may be lower than need be.
    let limit = box.bottom - this.notesHeight(page);
    let bad = limit + 1;
    let good: number | undefined;
    for (let i = 0; i < 30 && limit > box.top; i++) {
      const a = attempt(limit);
      if (a.kind === 'ok') {
        // Nothing between this limit and the last one that failed to try (always so at the first limit): this
        // split is the one, kept rather than undone and made again.
        if (bad - limit <= 2) return { rest: a.rest, noteRest: a.note?.rest };
        good = limit;
        undo(a);
        break;
      }
      bad = limit;
      if (a.kind === 'fits') limit = a.bottom - 1; // it fits but for its own notes: split it higher
      else if (a.kind === 'over') limit -= Math.max(a.px, 1);
      else break;
    }
    if (good === undefined) {
      page.content.appendChild(block);
      this.syncNotes(page);
      return { rule: 'orphans' };
    }
    let best: number = good;
    for (let i = 0; i < 4 && bad - best > 2; i++) {
      const mid: number = (best + bad) / 2;
      const a = attempt(mid);
      if (a.kind === 'ok') {
        best = mid;
        undo(a);
      } else bad = mid;
    }
    const a = attempt(best);
    if (a.kind !== 'ok') throw new Error('pagination: a split that fitted no longer fits');
    return { rest: a.rest, noteRest: a.note?.rest };
  }

  /** Height of the page's notes with the gap above them; 0 without notes. */
  private notesHeight(page: Page): number {
    return page.notes.childElementCount ? page.notes.getBoundingClientRect().height + noteGap(page) : 0;
  }

  /** How much the page's last note could give up by continuing on the next page. */
  private continuableSlack(page: Page): number {
    const last = page.notes.lastElementChild as HTMLElement | null;
    if (!last) return 0;
    const text = last.querySelector<HTMLElement>(`.${CLASS.noteText}`);
    const lh = text ? parseFloat(getComputedStyle(text).lineHeight) : 0;
    return lh > 0 ? Math.max(0, last.getBoundingClientRect().height - MIN_NOTE_LINES * lh) : 0;
  }

  /**
   * Splits the page's last note so that the page fits: at least MIN_NOTE_LINES lines stay under their call,
   * the rest goes to the next page. Null, with the page unchanged, when that does not make it fit. With
   * `carriedToo`, the last note may be the rest of one carried from the page before: it goes on again on the
   * next page (only when it does not fit a page, or leaves no room for anything beside it).
   */
  private continueLastNote(page: Page, carriedToo = false): Continued | null {
    const over = overflow(page);
    const last = page.notes.lastElementChild as HTMLElement | null;
    if (over <= EPS || !last || !last.classList.contains(CLASS.note)) return null;
    const carriedAt = page.carried.indexOf(last);
    if (last.classList.contains(CLASS.continued) && (carriedAt < 0 || !carriedToo)) return null;
    // Without touching the page: is there room for MIN_NOTE_LINES of it, and has it lines to spare?
    const lastText = last.querySelector<HTMLElement>(`.${CLASS.noteText}`);
    const noteLh = lastText ? parseFloat(getComputedStyle(lastText).lineHeight) : 0;
    const height = last.getBoundingClientRect().height;
    if (!(noteLh > 0) || height - over < MIN_NOTE_LINES * noteLh - EPS || height < 2 * MIN_NOTE_LINES * noteLh - EPS) return null;
    const id = noteId(last);
    const limit = last.getBoundingClientRect().bottom - over; // where the note must end
    const first = last.cloneNode(true) as HTMLElement;
    last.replaceWith(first);
    const undo = () => {
      first.replaceWith(last);
      if (carriedAt >= 0) {
        page.carried[carriedAt] = last;
        page.carriedOn = undefined;
      } else if (page.partial?.el === first) page.partial = undefined;
    };
    const text = first.querySelector<HTMLElement>(`.${CLASS.noteText}`);
    const restText = text ? splitAt(text, limit, MIN_NOTE_LINES) : null;
    if (!restText || overflow(page) > EPS) {
      undo();
      return null;
    }
    if (carriedAt >= 0) {
      page.carried[carriedAt] = first;
      page.carriedOn = id;
    } else page.partial = { id, el: first };
    const rest = last.cloneNode(false) as HTMLElement;
    rest.removeAttribute('id');
    rest.classList.add(CLASS.continued);
    const number = last.querySelector(`.${CLASS.noteNumber}`);
    if (number) rest.appendChild(number.cloneNode(true));
    rest.appendChild(restText);
    return { id, first, rest, undo };
  }

  // ---- the report -------------------------------------------------------------------------------

  private finish(): PaginationReport {
    const { pages } = this;
    // The shelved pages are one run, from page SHELVE_FROM to the one before the last (or to the last, when
    // an empty last page was dropped): back between the first pages and the last.
    const last = pages[pages.length - 1]!.el;
    this.book.insertBefore(this.shelf, last.parentNode === this.book ? last : null);
    for (const p of pages) {
      p.el.dataset.pagina = String(p.number);
      for (const el of p.el.querySelectorAll(`.${CLASS.pageNumber}`)) el.textContent = String(p.number);
      for (const el of p.el.querySelectorAll(`.${CLASS.pageTotal}`)) el.textContent = String(pages.length);
    }
    const report: PaginationReport = { pages: pages.length, notesOnPage: {}, callsOnPage: {}, continuedNotes: [], unplaced: [], overflows: [], headingAtEnd: [], unresolvedRefs: [], perPage: [], ms: 0 };
    // Page references — a table of contents' entries, the redline's change list — get the number of the page
    // their target (a heading, a change) landed on.
    for (const ref of this.doc.querySelectorAll<HTMLElement>(`.${CLASS.pageRef}[${PAGE_REF_ATTRIBUTE}]`)) {
      const id = ref.getAttribute(PAGE_REF_ATTRIBUTE)!;
      const on = this.doc.getElementById(id)?.closest<HTMLElement>('[data-pagina]')?.dataset.pagina;
      if (on) ref.textContent = on;
      else report.unresolvedRefs.push(id);
    }
    for (const p of pages) {
      for (const n of p.notes.querySelectorAll(`.${CLASS.note}`)) if (!n.classList.contains(CLASS.continued)) report.notesOnPage[noteId(n)] = p.number;
      for (const c of p.content.querySelectorAll(`.${CLASS.call}.${CLASS.firstCall}`)) report.callsOnPage[noteId(c)] = p.number;
      if (p.partial) report.continuedNotes.push({ note: Number(p.partial.id), from: p.number, to: p.number + 1 });
      if (p.carriedOn) report.continuedNotes.push({ note: Number(p.carriedOn), from: p.number, to: p.number + 1 });
      const over = overflow(p);
      const at = (el: Element | null | undefined) => {
        const source = el ? sourceOf(el) : undefined;
        return source ? { source } : {};
      };
      if (p.el.dataset.overflow) report.overflows.push({ page: p.number, px: Number(p.el.dataset.overflow), ...(p.el.dataset.overflowBron ? { source: p.el.dataset.overflowBron } : {}) });
      else if (over > 1) report.overflows.push({ page: p.number, px: Math.round(over), ...at(p.content.lastElementChild) });
      const last = p.content.lastElementChild;
      if (p !== pages[pages.length - 1] && last && keepsWithNext(last)) report.headingAtEnd.push(p.number);
      const wide = p.content.scrollWidth - p.content.clientWidth;
      if (wide > 1) {
        const right = p.content.getBoundingClientRect().right;
        const widest = Array.from(p.content.children).find((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > right + 1);
        report.overflows.push({ page: p.number, px: wide, sideways: true, ...at(widest) });
      }
      const entry: PageReport = {
        page: p.number,
        unusedMm: Math.round((Math.max(0, -over) / PX_PER_MM) * 10) / 10,
        firstWords: Array.from(p.content.children, (b) => b.textContent ?? '').slice(0, 3).join(' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' '),
      };
      if (p.brokenBy) entry.brokenBy = p.brokenBy;
      report.perPage.push(entry);
    }
    for (const id of this.notes.keys()) if (!(id in report.notesOnPage)) report.unplaced.push(Number(id));

    for (const t of this.doc.querySelectorAll('template')) t.remove();
    report.ms = Math.round((performance.now() - this.started) * 10) / 10;
    return report;
  }
}

// ---- measuring ------------------------------------------------------------------------------------

/** Where a block (or the first block inside it) was written: its data-bron. */
function sourceOf(el: Element): string | undefined {
  return (el.closest(`[${SOURCE_ATTRIBUTE}]`) ?? el.querySelector(`[${SOURCE_ATTRIBUTE}]`))?.getAttribute(SOURCE_ATTRIBUTE) ?? undefined;
}

/** How far (px) the page's content plus its footnotes run past the text area; negative: room left. */
function overflow(page: Page): number {
  const box = page.text.getBoundingClientRect();
  const last = page.content.lastElementChild;
  const contentBottom = last ? last.getBoundingClientRect().bottom : box.top;
  const notesHeight = page.notes.childElementCount ? page.notes.getBoundingClientRect().height + noteGap(page) : 0;
  return contentBottom - box.top + notesHeight - box.height;
}

/** Space kept between the last line and the footnote rule: one line of body leading. */
function noteGap(page: Page): number {
  return parseFloat(getComputedStyle(page.content).lineHeight) || 0;
}

function keepsWithNext(el: Element): boolean {
  // The first part of a split paragraph is not where it ends: only its last part keeps with what follows.
  return HEADINGS.has(el.tagName) || (el.classList.contains(CLASS.keepWithNext) && !el.classList.contains(CLASS.split));
}

function keepsWithPrevious(el: Element): boolean {
  return el.classList.contains(CLASS.signature) || el.classList.contains(CLASS.keepWithPrevious);
}

function isSplittable(el: Element): boolean {
  if (el.classList.contains(CLASS.keepTogether) || el.classList.contains(CLASS.signature) || HEADINGS.has(el.tagName) || el.matches('figure, img, svg')) return false;
  return LINE_BLOCKS.has(el.tagName) || LISTS.has(el.tagName) || el.tagName === 'TABLE' || el.tagName === 'DIV' || el.tagName === 'SECTION';
}

function isLineBlock(el: Element): boolean {
  return (LINE_BLOCKS.has(el.tagName) || el.tagName === 'DIV') && !hasBlockChildren(el);
}

function hasBlockChildren(el: Element): boolean {
  for (const c of el.children) {
    const d = getComputedStyle(c).display;
    if (d === 'block' || d === 'list-item' || d === 'table' || d === 'flex') return true;
  }
  return false;
}

/** The lines of a block of text: client y of its first line, its leading, and how many lines it has. */
function lineBox(el: HTMLElement): { top: number; lh: number; lines: number } {
  const style = getComputedStyle(el);
  const lh = parseFloat(style.lineHeight);
  const rect = el.getBoundingClientRect();
  const top = rect.top + parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth);
  const height = rect.bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth) - top;
  return { top, lh, lines: lh > 0 ? Math.round(height / lh) : 0 };
}

// ---- splitting ----------------------------------------------------------------------------------

/** Splits `el` so that its first part ends above `limit` (client y); returns the rest, or null. */
function splitAt(el: HTMLElement, limit: number, minLines = MIN_LINES): HTMLElement | null {
  if (el.tagName === 'TABLE') return splitTable(el as HTMLTableElement, limit);
  if (hasBlockChildren(el)) return splitContainer(el, limit, minLines);
  if (LINE_BLOCKS.has(el.tagName) || el.tagName === 'DIV') return splitLines(el, limit, minLines);
  return null;
}

/** A block of lines: break after the last whole line above `limit`, keeping `minLines` on either side. */
function splitLines(el: HTMLElement, limit: number, minLines = MIN_LINES): HTMLElement | null {
  const { top, lh, lines } = lineBox(el);
  if (!(lh > 0)) return null;
  let keep = Math.floor((limit - top + EPS) / lh);
  if (keep >= lines) return null; // it fits whole: nothing to split
  keep = Math.min(keep, lines - minLines);
  if (keep < minLines) return null;
  return cutLines(el, top, lh, keep);
}

/** Cuts `el` after its first `keep` lines (first line at client y `top`): returns the rest. */
function cutLines(el: HTMLElement, top: number, lh: number, keep: number): HTMLElement | null {
  const pos = positionAtY(el, top + keep * lh + lh / 2);
  if (!pos) return null;
  const range = document.createRange();
  range.setStart(pos.node, pos.offset);
  range.setEnd(el, el.childNodes.length);
  const rest = el.cloneNode(false) as HTMLElement;
  rest.removeAttribute('id');
  rest.appendChild(range.extractContents());
  rest.classList.add(CLASS.continued);
  el.classList.add(CLASS.split);
  return rest;
}

/** The first text position whose glyph lies at or below `y` (client y of the middle of a line). */
function positionAtY(el: HTMLElement, y: number): { node: Text; offset: number } | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let total = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    nodes.push(n);
    starts.push(total);
    total += n.data.length;
  }
  if (total === 0) return null;
  const range = document.createRange();
  const locate = (i: number) => {
    let k = 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= i) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return { node: nodes[k]!, offset: i - starts[k]! };
  };
  // Vertical middle of the glyph at i, skipping collapsed whitespace (no box); Infinity past the end.
  const middle = (i: number) => {
    for (let j = i; j < total; j++) {
      const p = locate(j);
      range.setStart(p.node, p.offset);
      range.setEnd(p.node, p.offset + 1);
      const rects = range.getClientRects();
      if (rects.length && rects[0]!.width > 0) return (rects[0]!.top + rects[0]!.bottom) / 2;
    }
    return Infinity;
  };
  let lo = 0;
  let hi = total; // answer in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (middle(mid) >= y - 2) hi = mid;
    else lo = mid + 1;
  }
  if (lo >= total || lo === 0) return null;
  return locate(lo);
}

/** A list or other block container: break between children, or inside the child that crosses `limit`. */
function splitContainer(el: HTMLElement, limit: number, minLines = MIN_LINES): HTMLElement | null {
  const children = Array.from(el.children) as HTMLElement[];
  let i = 0;
  while (i < children.length && children[i]!.getBoundingClientRect().bottom <= limit + EPS) i++;
  if (i >= children.length) return null;
  const crossing = children[i]!;
  const rest = el.cloneNode(false) as HTMLElement;
  rest.removeAttribute('id');
  rest.classList.add(CLASS.continued);
  let inner: HTMLElement | null = null;
  if (crossing.getBoundingClientRect().top < limit && isSplittable(crossing)) inner = splitAt(crossing, limit, minLines);
  if (inner) {
    rest.appendChild(inner);
    for (const c of children.slice(i + 1)) rest.appendChild(c);
  } else {
    if (i === 0 || (i < 2 && !LISTS.has(el.tagName))) return null;
    for (const c of children.slice(i)) rest.appendChild(c);
  }
  el.classList.add(CLASS.split);
  if (el.tagName === 'OL') rest.setAttribute('start', String((Number(el.getAttribute('start')) || 1) + el.querySelectorAll(`:scope > li:not(.${CLASS.continued})`).length - (inner ? 1 : 0)));
  if (keepsWithNext(el.lastElementChild || el)) return null;
  return rest;
}

/** A table: break between body rows, with at least MIN_ROWS on either side; the header repeats. */
function splitTable(table: HTMLTableElement, limit: number): HTMLElement | null {
  const body = table.tBodies[0];
  if (!body) return null;
  const rows = Array.from(body.rows);
  let keep = 0;
  while (keep < rows.length && rows[keep]!.getBoundingClientRect().bottom <= limit + EPS) keep++;
  if (keep >= rows.length) return null; // every body row fits
  // At least MIN_ROWS rows (body and foot) go on: fewer crossing the limit take the ones above them along.
  const footRows = table.tFoot ? table.tFoot.rows.length : 0;
  keep = Math.min(keep, rows.length + footRows - MIN_ROWS);
  if (keep < MIN_ROWS) return null;
  const columns = fixColumnWidths(table);
  const rest = table.cloneNode(false) as HTMLTableElement;
  rest.removeAttribute('id');
  rest.classList.add(CLASS.continued);
  table.classList.add(CLASS.split);
  if (columns) rest.appendChild(columns.cloneNode(true));
  if (table.tHead) rest.appendChild(table.tHead.cloneNode(true));
  const restBody = body.cloneNode(false) as HTMLTableSectionElement;
  for (const r of rows.slice(keep)) restBody.appendChild(r);
  rest.appendChild(restBody);
  if (table.tFoot) rest.appendChild(table.tFoot);
  return rest;
}

/**
 * Fixes a table's column widths as laid out now, whole, before its rows are parted: a <colgroup> of the
 * measured widths (in place of any it had), `table-layout: fixed` and the measured width of the table (fixed
 * layout needs one), which the rest part takes along (its clone of the table and of the <colgroup>). Without it each part is laid out on its own and its columns take
 * the widths of its own rows (the 2022 letter’s table, pages 2 and 3: the right edge of column 2 lay 80.5 pt apart).
 * A part split again keeps the widths it has; a table whose columns cannot all be measured (every cell of a
 * column spans others) is left as it is. Returns the <colgroup>, or null.
 */
function fixColumnWidths(table: HTMLTableElement): HTMLTableColElement | null {
  const fixed = table.querySelector<HTMLTableColElement>(`:scope > colgroup.${CLASS.fixedColumns}`);
  if (fixed) return fixed;
  // The grid: a cell spanning rows takes its columns in the rows below it too.
  const widths: number[] = [];
  const taken: boolean[][] = [];
  let count = 0;
  Array.from(table.rows).forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      if (cell.colSpan === 1 && widths[c] === undefined) widths[c] = cell.getBoundingClientRect().width;
      c += cell.colSpan;
    }
    count = Math.max(count, c);
  });
  if (count === 0) return null;
  for (let c = 0; c < count; c++) if (widths[c] === undefined) return null;
  const columns = table.ownerDocument.createElement('colgroup');
  columns.className = CLASS.fixedColumns;
  for (const w of widths) {
    const col = table.ownerDocument.createElement('col');
    col.style.width = `${w}px`;
    columns.appendChild(col);
  }
  const width = table.getBoundingClientRect().width; // fixed layout needs a width: a table of auto width keeps its own
  for (const old of table.querySelectorAll(':scope > colgroup')) old.remove();
  table.insertBefore(columns, table.caption ? table.caption.nextSibling : table.firstChild);
  table.style.tableLayout = 'fixed';
  table.style.width = `${width}px`;
  return columns;
}
