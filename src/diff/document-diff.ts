import type { Element, ElementContent } from 'hast';
import { diffArrays } from 'diff';
import { basename } from 'node:path';
import { h } from 'hastscript';
import { noteElement, textOf, type DocumentHast } from '../markdown/to-html.js';
import { diffInline, isSimilar, signature, type AtomRules, type Counts } from './inline-diff.js';
import { addClass, markAll } from './mark.js';
import { diffTable } from './table-diff.js';
import { CLASS } from '../paginate/contract.js';
import { matchNotes, removedLabel } from './note-match.js';
import { pairSections } from './section-match.js';
import { HeadingTracker, headingNumber } from './headings.js';
import { diffFigure, drawingOf } from './figure-diff.js';
import { findRegroupings, renderRegrouping, type Regrouping } from './regroup.js';
import { isPublic, publicParts, wooLabel, type WooLabel } from './woo-status.js';

/**
 * What a change is, as the change list names it. `ongewijzigd`: a block (or footnote) whose words did not change
 * but which crossed the streep of a beslisnota (its Woo label says "nu openbaar" or "niet meer openbaar").
 */
export type ChangeKind = 'ingevoegd' | 'verwijderd' | 'gewijzigd' | 'verplaatst' | 'cijfer' | 'gesplitst' | 'samengevoegd' | 'ongewijzigd';

/** One changed block or footnote of the merged document. */
export interface Change {
  /** The id of the marked element in the redline: the change list links to it and the pager gives its page. */
  id: string;
  kind: ChangeKind;
  /** The nearest heading above the change, with its number ("2.3 Aanpak recidive", "2.1 › Alleen jij bepaalt"). */
  heading: string;
  /** The number of that heading, or of the nearest numbered heading it falls under. */
  number?: string;
  /** Where it is in the new revision (for a removed block: where it stood, the next block of the new revision). */
  file: string;
  line?: number;
  /** For a beslisnota: whether the public (Woo) version shows the change (in either revision). */
  openbaar?: boolean;
  /** For a beslisnota: what the change does to the public version (see WooLabel). */
  woo?: WooLabel;
  counts: Counts;
  /** The merged block (or footnote text, list item, the paragraphs either side of a split) with the change marked. */
  element: Element;
  /** A footnote's change: its label in the redline (its new number, or a letter for a removed one). */
  note?: string;
  /** A moved block: the heading it came from. */
  movedFrom?: string;
}

/** What happened to a section (Markdown file) as a whole. */
export interface SectionChange {
  title: string;
  file: string;
  status: 'gelijk' | 'gewijzigd' | 'nieuw' | 'verwijderd';
  /** The file's old name when it was renamed (not when only its order number changed). */
  renamedFrom?: string;
}

export interface NoteChange {
  label: string;
  status: 'nieuw' | 'verwijderd' | 'gewijzigd';
  element: Element;
  counts: Counts;
}

export interface DocumentDiff {
  blocks: ElementContent[];
  /** The notes of the merged document: the new revision's 1…n, then the removed ones (lettered). */
  notes: Element[];
  sections: SectionChange[];
  footnotes: NoteChange[];
  /** Every change in reading order (a footnote's right after the block that calls it). */
  changes: Change[];
  /** Headings as they read in the merged document → the number of changes under them, up to the next heading (the PDF outline). */
  changedHeadings: Map<string, number>;
}

const SIMILAR = 0.5; // blocks at least this alike (in tokens, in order) are one block changed, not two
const MOVED = 0.8; // a removed and an added block this alike, in other places, are one block moved

export interface DiffOptions {
  /** A beslisnota: every change says whether it reaches the public version (above the streep). */
  woo?: boolean;
}

/**
 * Compares two revisions of a document, rendered to hast, and merges them into one marked document: the new
 * revision's layout with insertions and deletions at word level, tables cell by cell, footnotes renumbered in
 * the new revision (removed ones lettered a, b, …), and blocks moved elsewhere shown as moved. Footnotes and
 * sections are followed by their content, not by file names: a renamed or renumbered file is no change.
 */
export function diffDocuments(oldDoc: DocumentHast, newDoc: DocumentHast, opts: DiffOptions = {}): DocumentDiff {
  const { rename, removed: removedNotes } = matchNotes(oldDoc.notes, newDoc.notes);
  renameCalls(oldDoc, rename);
  const oldNotes = new Map(oldDoc.notes.map((n) => [rename.get(n.key) ?? `-${n.key}`, n]));
  const newNotes = new Map(newDoc.notes.map((n) => [n.key, n]));
  const removedId = new Map(removedNotes.map((n, i) => [`-${n.key}`, { id: newDoc.notes.length + i + 1, label: removedLabel(i) }]));

  const rules: AtomRules = {
    keyOf: (el) => (el.tagName === 'sup' && typeof el.properties.dataKey === 'string' ? el.properties.dataKey : undefined),
    deletedAtom(el) {
      const key = String(el.properties.dataKey);
      const removed = removedId.get(key);
      // A call removed here of a note that stays (called elsewhere too) is shown struck through, with its new number.
      const n = removed?.id ?? newNotes.get(key)?.number;
      const label = removed?.label ?? String(newNotes.get(key)?.number ?? '?');
      return h('del', [h('sup', { className: [CLASS.call, ...(removed ? [CLASS.firstCall] : []), 'diff-verwijderd'], dataNoot: n }, label)]);
    },
    insertedAtom(el) {
      addClass(el, 'diff-ingevoegd');
    },
  };

  // --- sections: paired by content and title, then by name ----------------------------------------------
  const pairs = pairSections(oldDoc.sections, newDoc.sections, rules);
  const perSection = pairs.map((pair) => ({ pair, items: alignBlocks(pair.old?.blocks ?? [], pair.now?.blocks ?? [], rules) }));

  // --- where each block stands: nearest heading, file and line in the new revision, side of the streep ----
  const tracker = new HeadingTracker();
  for (const { pair, items } of perSection) {
    const file = (pair.now ?? pair.old)!.file;
    // The new block nearest after and before each item (a removed block stands where the next new one does).
    const nextNow = nearestNow(items, 'after');
    const prevNow = nearestNow(items, 'before');
    items.forEach((item, k) => {
      const block = item.now ?? item.old;
      if (block?.type === 'element' && /^h[1-6]$/.test(block.tagName)) tracker.see(block);
      item.heading = tracker.label();
      item.number = tracker.number();
      item.file = file;
      item.line = lineOf(item.now) ?? lineOf(nextNow[k]) ?? lineOf(prevNow[k]);
    });
  }

  // --- moves: a removed block and an added one, nearly alike, in different places ------------------
  const removed = perSection.flatMap((s) => s.items.filter((i) => i.kind === 'removed'));
  const added = perSection.flatMap((s) => s.items.filter((i) => i.kind === 'added'));
  const position = new Map(perSection.flatMap((s) => s.items).map((item, k) => [item, k])); // reading order
  // A heading moves along with its paragraphs (a chapter split in two files): the same words, however few.
  const isHeading = (b: ElementContent | undefined): b is Element => b?.type === 'element' && /^h[1-6]$/.test(b.tagName);
  for (const a of added) {
    if (!a.now || a.now.type !== 'element') continue;
    const heading = isHeading(a.now);
    if (!heading && signature(a.now, rules).split(' ').length < 8) continue;
    const alike = (r: Item) => (heading ? signature(r.old as Element, rules) === signature(a.now as Element, rules) : isSimilar(r.old as Element, a.now as Element, rules, MOVED));
    const match = removed.find((r) => r.kind === 'removed' && r.old!.type === 'element' && (r.old as Element).tagName === (a.now as Element).tagName && alike(r));
    if (!match) continue;
    match.kind = 'moved-away';
    match.movedTo = a.heading;
    match.movedToFile = a.file;
    a.movedFromFile = match.file;
    a.kind = 'moved-here';
    a.old = match.old;
    a.movedFrom = match.heading;
    const below = position.get(match)! < position.get(a)!;
    a.direction = below ? 'van hierboven' : 'van hieronder';
    match.direction = below ? 'naar hieronder' : 'naar hierboven';
  }

  // --- Woo: what each change does to the public version, from both revisions' public parts -------------
  const publicOld = opts.woo ? publicParts(oldDoc, (k) => rename.get(k) ?? `-${k}`) : undefined;
  const publicNew = opts.woo ? publicParts(newDoc) : undefined;
  if (publicOld && publicNew) {
    for (const item of perSection.flatMap((s) => s.items)) {
      const olds = item.regrouping?.old ?? (item.old ? [item.old] : []);
      const news = item.regrouping?.now ?? (item.now ? [item.now] : []);
      item.oldPublic = olds.length ? publicOld.blocks.has(olds[0]!) : undefined;
      item.nowPublic = news.length ? publicNew.blocks.has(news[0]!) : undefined;
      item.woo = wooLabel(olds.length ? { blocks: olds, public: item.oldPublic! } : undefined, news.length ? { blocks: news, public: item.nowPublic! } : undefined);
    }
  }
  /** The label of one changed item of a list: its own words, on the sides of the streep its list stands. */
  const partWoo = (item: Item, part: ListPart): WooLabel | undefined =>
    item.woo === undefined ? undefined : wooLabel(part.old ? { blocks: [part.old], public: item.oldPublic ?? false } : undefined, part.now ? { blocks: [part.now], public: item.nowPublic ?? false } : undefined);

  // --- merge ------------------------------------------------------------------------------------------
  const blocks: ElementContent[] = [];
  const changes: Change[] = [];
  const sections: SectionChange[] = [];
  const noteHeading = new Map<string, Item>(); // a note's key → the item of its first call
  const changedHeadings = new Map<string, number>();
  let mergedHeading: string | undefined;
  let seq = 0;
  const order = new Map<Change, number>(); // reading order: a footnote's change right after the block of its call
  for (const { pair, items } of perSection) {
    const section: SectionChange = { title: (pair.now ?? pair.old)!.title, file: (pair.now ?? pair.old)!.file, status: !pair.now ? 'verwijderd' : !pair.old ? 'nieuw' : 'gelijk', ...(pair.renamedFrom ? { renamedFrom: pair.renamedFrom } : {}) };
    sections.push(section);
    for (const item of items) {
      item.seq = seq++;
      const news = item.regrouping?.now ?? [item.now];
      const olds = item.regrouping?.old ?? [item.old];
      for (const key of [...news.flatMap((b) => callKeys(b, rules)), ...olds.flatMap((b) => callKeys(b, rules))]) if (!noteHeading.has(key)) noteHeading.set(key, item);
      const merged = render(item, rules);
      if (!merged) continue;
      // A block whose words are the same but which crossed the streep is a change to the public version.
      if (!merged.change && (item.woo === 'nu openbaar' || item.woo === 'niet meer openbaar')) {
        merged.change = 'ongewijzigd';
        // The change bar of a changed block: its public status changed.
        addClass(merged.element, 'diff-gewijzigd');
        addClass(merged.element, item.woo === 'nu openbaar' ? 'diff-nu-openbaar' : 'diff-niet-meer-openbaar');
      }
      blocks.push(merged.element, ...(merged.more ?? []));
      if (/^h[1-6]$/.test(merged.element.tagName)) mergedHeading = textOf(merged.element);
      if (!merged.change) continue;
      if (section.status === 'gelijk') section.status = 'gewijzigd';
      // A list reports each item that changed; any other block is one change.
      const parts: ListPart[] = merged.parts ?? [{ element: merged.element, shown: merged.shown, change: merged.change, counts: merged.counts }];
      for (const part of parts) {
        if (mergedHeading !== undefined) changedHeadings.set(mergedHeading, (changedHeadings.get(mergedHeading) ?? 0) + 1);
        const id = anchor(part.element, changes.length + 1);
        const line = part.line ?? item.line;
        const woo = merged.parts ? partWoo(item, part) : item.woo;
        changes.push({
          id,
          kind: part.change,
          heading: item.heading!,
          ...(item.number ? { number: item.number } : {}),
          file: item.file!,
          ...(line ? { line } : {}),
          ...(woo !== undefined ? { openbaar: isPublic(woo), woo } : {}),
          counts: part.counts,
          element: part.shown ?? part.element,
          ...(item.kind === 'moved-here' ? { movedFrom: item.movedFrom } : {}),
        });
        order.set(changes[changes.length - 1]!, item.seq!);
      }
    }
  }

  // --- footnotes: in the new numbering, then the removed ones -----------------------------------------
  const footnotes: NoteChange[] = [];
  /** A note's Woo label: public in a revision when a public block (or note) calls it there. */
  const noteWoo = (key: string): WooLabel | undefined => {
    if (!publicOld || !publicNew) return undefined;
    const before = oldNotes.get(key);
    const now = newNotes.get(key);
    return wooLabel(before ? { blocks: before.content, public: publicOld.notes.has(key) } : undefined, now ? { blocks: now.content, public: publicNew.notes.has(key) } : undefined);
  };
  const noteChange = (key: string, label: string, element: Element, status: NoteChange['status'] | 'ongewijzigd', counts: Counts, file: string, line: number | undefined) => {
    if (status !== 'ongewijzigd') footnotes.push({ label, status, element, counts });
    const woo = noteWoo(key);
    const at = noteHeading.get(key);
    const text = element.children.find((c): c is Element => c.type === 'element' && c.tagName === 'div') ?? element;
    changes.push({
      id: String(element.properties.id),
      kind: status === 'nieuw' ? 'ingevoegd' : status === 'verwijderd' ? 'verwijderd' : status === 'ongewijzigd' ? 'ongewijzigd' : isFigureOnly(text) ? 'cijfer' : 'gewijzigd',
      heading: at?.heading ?? '',
      ...(at?.number ? { number: at.number } : {}),
      file,
      ...(line ? { line } : {}),
      ...(woo !== undefined ? { openbaar: isPublic(woo), woo } : {}),
      counts,
      element: text,
      note: label,
    });
    order.set(changes[changes.length - 1]!, (at?.seq ?? seq) + 0.5);
  };
  const notes: Element[] = newDoc.notes.map((note) => {
    const before = oldNotes.get(note.key);
    const now = h('div', note.content);
    if (!before) {
      const { element, words } = markAll(now, 'ins', rules);
      const el = noteElement(note.number, String(note.number), element.children, ['diff-ingevoegd']);
      noteChange(note.key, String(note.number), el, 'nieuw', { inserted: words, deleted: 0 }, note.file, note.line);
      return el;
    }
    const d = diffInline(h('div', before.content), now, rules);
    const el = noteElement(note.number, String(note.number), d.element.children, d.changed ? ['diff-gewijzigd'] : []);
    if (d.changed) noteChange(note.key, String(note.number), el, 'gewijzigd', d.counts, note.file, note.line);
    else if (noteWoo(note.key) === 'nu openbaar' || noteWoo(note.key) === 'niet meer openbaar') noteChange(note.key, String(note.number), el, 'ongewijzigd', d.counts, note.file, note.line);
    return el;
  });
  for (const note of removedNotes) {
    const { id, label } = removedId.get(`-${note.key}`)!;
    const { element, words } = markAll(h('div', note.content), 'del', rules);
    const el = noteElement(id, label, element.children, ['diff-verwijderd']);
    const call = noteHeading.get(`-${note.key}`);
    noteChange(`-${note.key}`, label, el, 'verwijderd', { inserted: 0, deleted: words }, call?.file ?? note.file, call?.line);
    notes.push(el);
  }
  changes.sort((x, y) => order.get(x)! - order.get(y)!);
  return { blocks, notes, sections, footnotes, changes, changedHeadings };
}

interface Item {
  kind: 'equal' | 'changed' | 'added' | 'removed' | 'moved-away' | 'moved-here' | 'regrouped';
  /** For 'regrouped': its first old and new paragraph. */
  old?: ElementContent;
  now?: ElementContent;
  /** A paragraph split or paragraphs joined, with the same words. */
  regrouping?: Regrouping;
  movedTo?: string;
  movedFrom?: string;
  movedToFile?: string;
  movedFromFile?: string;
  direction?: string;
  heading?: string;
  number?: string;
  file?: string;
  line?: number;
  /** For a beslisnota: whether the old and the new block are in the public version, and what the change does to it. */
  oldPublic?: boolean;
  nowPublic?: boolean;
  woo?: WooLabel;
  seq?: number;
}

/** The old revision's calls renamed to the keys of the new revision's notes they were matched with. */
function renameCalls(doc: DocumentHast, rename: Map<string, string>): void {
  const walk = (nodes: ElementContent[]) => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (n.tagName === 'sup' && typeof n.properties.dataKey === 'string') n.properties.dataKey = rename.get(n.properties.dataKey) ?? `-${n.properties.dataKey}`;
      walk(n.children);
    }
  };
  for (const s of doc.sections) walk(s.blocks);
}

function callKeys(node: ElementContent | undefined, rules: AtomRules): string[] {
  const keys: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type !== 'element') return;
    const key = rules.keyOf(n);
    if (key !== undefined) keys.push(key);
    else n.children.forEach(walk);
  };
  if (node) walk(node);
  return keys;
}

/** For each item, the new block nearest after (or before) it: in one pass, not a search per item. */
function nearestNow(items: Item[], side: 'after' | 'before'): Array<ElementContent | undefined> {
  const nearest: Array<ElementContent | undefined> = [];
  const order = items.map((_, k) => k);
  if (side === 'after') order.reverse();
  let seen: ElementContent | undefined;
  for (const k of order) {
    nearest[k] = seen;
    if (items[k]!.now) seen = items[k]!.now;
  }
  return nearest;
}

function lineOf(node: ElementContent | undefined): number | undefined {
  return node?.position?.start.line;
}

/** The id the change list links to: the block's own (a chart's), else a new one. */
function anchor(el: Element, n: number): string {
  if (typeof el.properties.id !== 'string' || el.properties.id === '') el.properties.id = `wijziging-${n}`;
  return el.properties.id as string;
}

/** Blocks aligned: equal ones by their text; in between, blocks of the same kind and alike enough are paired. */
function alignBlocks(oldBlocks: ElementContent[], newBlocks: ElementContent[], rules: AtomRules): Item[] {
  const sig = (b: ElementContent) => (b.type === 'element' ? `${b.tagName}\u0000${signature(b, rules)}\u0000${figureSignature(b)}` : '');
  const items: Item[] = [];
  let removed: ElementContent[] = [];
  let added: ElementContent[] = [];
  // Two blocks in the same place are one block changed: of the same kind and alike enough, or (a heading) of the same level.
  const alike = (a: ElementContent, b: ElementContent) =>
    a.type === 'element' && b.type === 'element' && a.tagName === b.tagName && (a.tagName === 'table' || a.tagName === 'figure' || sameHeading(a, b) || isSimilar(a, b, rules, SIMILAR));
  const pair = (gone: ElementContent[], come: ElementContent[]) => {
    let i = 0;
    let j = 0;
    for (const c of diffArrays(gone, come, { comparator: alike })) {
      if (c.removed) for (const b of c.value) items.push({ kind: 'removed', old: gone[i++] ?? b });
      else if (c.added) for (const b of c.value) items.push({ kind: 'added', now: come[j++] ?? b });
      else for (let k = 0; k < c.value.length; k++) items.push({ kind: 'changed', old: gone[i++], now: come[j++] });
    }
  };
  const flush = () => {
    if (removed.length || added.length) {
      for (const part of findRegroupings(removed, added, rules)) {
        if ('how' in part) items.push({ kind: 'regrouped', old: part.old[0], now: part.now[0], regrouping: part });
        else pair(part.removed, part.added);
      }
    }
    removed = [];
    added = [];
  };
  const oldSigs = oldBlocks.map(sig);
  const newSigs = newBlocks.map(sig);
  let i = 0;
  let j = 0;
  for (const c of diffArrays(oldSigs, newSigs)) {
    if (c.removed) for (let k = 0; k < c.value.length; k++) removed.push(oldBlocks[i++]!);
    else if (c.added) for (let k = 0; k < c.value.length; k++) added.push(newBlocks[j++]!);
    else {
      flush();
      for (let k = 0; k < c.value.length; k++) items.push({ kind: 'equal', old: oldBlocks[i++], now: newBlocks[j++] });
    }
  }
  flush();
  return items;
}

/**
 * Two headings of the same level where one was: the same heading, renamed — whether or not its words are alike
 * ("3.1 Publieksvoorlichting" → "3.1 Voorlichting aan het publiek"), unless their numbers differ.
 */
function sameHeading(a: Element, b: Element): boolean {
  if (!/^h[1-6]$/.test(a.tagName)) return false;
  return headingNumber(textOf(a)) === headingNumber(textOf(b));
}

/** A chart changes with its data: what it draws. */
function figureSignature(el: Element): string {
  return el.tagName === 'figure' ? drawingOf(el) : '';
}

/** Only figures changed: every inserted and deleted token is a number. */
function isFigureOnly(el: Element): boolean {
  const marked: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type !== 'element') return;
    if (n.tagName === 'ins' || n.tagName === 'del') marked.push(textOf(n));
    else n.children.forEach(walk);
  };
  walk(el);
  const tokens = marked.join(' ').split(/\s+/).filter(Boolean);
  return tokens.length > 0 && tokens.every((t) => /^[-−+]?\d[\d.,]*%?$/.test(t) || t === '→');
}

interface Merged {
  element: Element;
  /** Blocks that follow it (the other paragraphs of a split). */
  more?: Element[];
  change?: ChangeKind;
  counts: Counts;
  /** What the change list shows, when not the block itself (the two sides of a split). */
  shown?: Element;
  /** A list's changes, one per item. */
  parts?: ListPart[];
}

/** One changed item of a list: the item (marked), what changed, the line it is on. */
interface ListPart {
  element: Element;
  /** The item in each revision (the change's Woo label compares them). */
  old?: Element;
  now?: Element;
  shown?: Element;
  change: ChangeKind;
  counts: Counts;
  line?: number;
}

function render(item: Item, rules: AtomRules): Merged | undefined {
  const none: Counts = { inserted: 0, deleted: 0 };
  switch (item.kind) {
    case 'equal':
      return item.now?.type === 'element' ? { element: item.now, counts: none } : undefined;
    case 'added': {
      if (item.now!.type !== 'element') return undefined;
      const { element, words } = markAll(item.now as Element, 'ins', rules);
      addClass(element, 'diff-ingevoegd');
      return { element, change: 'ingevoegd', counts: { inserted: words, deleted: 0 } };
    }
    case 'removed': {
      if (item.old!.type !== 'element') return undefined;
      const { element, words } = markAll(item.old as Element, 'del', rules);
      addClass(element, 'diff-verwijderd');
      return { element, change: 'verwijderd', counts: { inserted: 0, deleted: words } };
    }
    case 'regrouped': {
      const { blocks, shown } = renderRegrouping(item.regrouping!, rules);
      return { element: blocks[0]!, more: blocks.slice(1), change: item.regrouping!.how, counts: none, shown };
    }
    case 'moved-away': {
      const where = item.movedTo !== item.heading ? `naar “${item.movedTo}”` : item.movedToFile !== item.file ? `naar ${basename(item.movedToFile!)}` : `${item.direction}, in “${item.movedTo}”`;
      return { element: h('p', { className: ['diff-verplaatst-markering'] }, `[Alinea verplaatst ${where}]`), counts: none };
    }
    case 'moved-here':
    case 'changed': {
      const old = item.old as Element;
      const now = item.now as Element;
      let element: Element;
      let counts: Counts;
      let changed: boolean;
      let parts: ListPart[] | undefined;
      let kind: ChangeKind = 'gewijzigd';
      if (now.tagName === 'table') {
        const d = diffTable(old, now);
        ({ element, counts, changed } = d);
        if (changed) addClass(element, 'diff-gewijzigd');
        kind = 'cijfer';
      } else if (now.tagName === 'figure') {
        ({ element, counts, changed } = diffFigure(old, now, rules));
        kind = 'cijfer';
      } else if ((now.tagName === 'ul' || now.tagName === 'ol') && old.tagName === now.tagName) {
        ({ element, counts, changed, parts } = diffList(old, now, rules));
        if (changed) addClass(element, 'diff-gewijzigd');
      } else {
        ({ element, counts, changed } = diffInline(old, now, rules));
        if (changed) addClass(element, 'diff-gewijzigd');
      }
      if (kind === 'gewijzigd' && isFigureOnly(element)) kind = 'cijfer';
      if (item.kind === 'moved-here') {
        addClass(element, 'diff-verplaatst');
        const from = item.movedFrom !== item.heading ? `uit “${item.movedFrom}”` : item.movedFromFile !== item.file ? `uit ${basename(item.movedFromFile!)}` : `${item.direction}, in “${item.movedFrom}”`;
        element.children.unshift(h('span', { className: ['diff-label'] }, `[Verplaatst ${from}] `));
        return { element, change: 'verplaatst', counts };
      }
      return changed ? { element, change: kind, counts, ...(parts ? { parts } : {}) } : { element, counts };
    }
  }
}

/**
 * Two revisions of a list, item by item: an item inserted mid-list is one inserted item, its neighbours
 * untouched. Each item that changed is a change of its own (`parts`), at its line (a removed item: at the
 * line of the item after it); an item's nested list is compared item by item in turn.
 */
function diffList(old: Element, now: Element, rules: AtomRules): { element: Element; counts: Counts; changed: boolean; parts: ListPart[] } {
  const lis = (el: Element) => el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
  const items = alignBlocks(lis(old), lis(now), rules);
  const counts: Counts = { inserted: 0, deleted: 0 };
  const parts: ListPart[] = [];
  const children: ElementContent[] = [];
  const add = (c: Counts) => {
    counts.inserted += c.inserted;
    counts.deleted += c.deleted;
  };
  const nextNow = nearestNow(items, 'after');
  items.forEach((item, k) => {
    const line = lineOf(item.now) ?? lineOf(nextNow[k]);
    if (item.kind === 'changed') {
      const d = diffItem(item.old as Element, item.now as Element, rules, line);
      add(d.counts);
      children.push(d.element);
      parts.push(...d.parts);
      return;
    }
    const merged = render(item, rules);
    if (!merged) return;
    add(merged.counts);
    children.push(merged.element, ...(merged.more ?? []));
    const sides = { ...(item.old?.type === 'element' ? { old: item.old } : {}), ...(item.now?.type === 'element' ? { now: item.now } : {}) };
    if (merged.change) parts.push({ element: merged.element, ...sides, change: merged.change, counts: merged.counts, ...(merged.shown ? { shown: merged.shown } : {}), ...(line ? { line } : {}) });
  });
  const element = structuredClone({ ...now, children: [] as ElementContent[] });
  element.children = children;
  return { element, counts, changed: parts.length > 0, parts };
}

const isList = (c: ElementContent): c is Element => c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol');

/** One item of a list in two revisions: its own words diffed, its nested lists (the same in number and kind) item by item. */
function diffItem(old: Element, now: Element, rules: AtomRules, line: number | undefined): { element: Element; counts: Counts; parts: ListPart[] } {
  const oldLists = old.children.filter(isList);
  const newLists = now.children.filter(isList);
  const nested = newLists.length > 0 && oldLists.length === newLists.length && newLists.every((l, i) => l.tagName === oldLists[i]!.tagName);
  const own = (li: Element): Element => (nested ? { ...li, children: li.children.filter((c) => !isList(c)) } : li);
  const d = diffInline(own(old), own(now), rules);
  const lists = nested ? newLists.map((l, i) => diffList(oldLists[i]!, l, rules)) : [];
  const element: Element = { ...d.element, children: [...d.element.children, ...lists.map((l) => l.element)] };
  const counts: Counts = { inserted: d.counts.inserted, deleted: d.counts.deleted };
  for (const l of lists) {
    counts.inserted += l.counts.inserted;
    counts.deleted += l.counts.deleted;
  }
  // The item's own change shows its own words only; its anchor is the item.
  const parts: ListPart[] = d.changed ? [{ element, old: own(old), now: own(now), ...(nested ? { shown: d.element } : {}), change: isFigureOnly(d.element) ? 'cijfer' : 'gewijzigd', counts: d.counts, ...(line ? { line } : {}) }] : [];
  return { element, counts, parts: [...parts, ...lists.flatMap((l) => l.parts)] };
}
