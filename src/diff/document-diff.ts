import type { Element, ElementContent } from 'hast';
import { diffArrays } from 'diff';
import { basename } from 'node:path';
import { h } from 'hastscript';
import { noteElement, type DocumentHast, type SectionHast } from '../markdown/to-html.js';
import { diffInline, signature, similarity, type AtomRules, type Counts } from './inline-diff.js';
import { addClass, markAll } from './mark.js';
import { diffTable } from './table-diff.js';
import { CLASS } from '../paginate/contract.js';

/** What changed in one section (Markdown file) of the letter. */
export interface SectionChange {
  title: string;
  status: 'gelijk' | 'gewijzigd' | 'nieuw' | 'verwijderd';
  counts: Counts;
  /** The merged blocks that carry a change, for the text report. */
  changedBlocks: Element[];
  moved: number;
  tableCells: number;
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
}

const SIMILAR = 0.5; // blocks at least this alike (in tokens, in order) are one block changed, not two
const MOVED = 0.8; // a removed and an added block this alike, in other places, are one block moved

/**
 * Compares two revisions of a document, rendered to hast, and merges them into one marked document: the new
 * revision's layout with insertions and deletions at word level, tables cell by cell, footnotes renumbered in
 * the new revision (removed ones lettered a, b, …), and blocks moved between sections shown as moved.
 */
export function diffDocuments(oldDoc: DocumentHast, newDoc: DocumentHast): DocumentDiff {
  const oldNotes = new Map(oldDoc.notes.map((n) => [n.key, n]));
  const newNotes = new Map(newDoc.notes.map((n) => [n.key, n]));
  const removedNotes = oldDoc.notes.filter((n) => !newNotes.has(n.key));
  const removedId = new Map(removedNotes.map((n, i) => [n.key, { id: newDoc.notes.length + i + 1, label: String.fromCharCode(97 + (i % 26)) }]));

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

  // --- sections: paired by file name, else by title -------------------------------------------------
  const pairs = pairSections(oldDoc.sections, newDoc.sections);
  const sections: SectionChange[] = [];
  const perSection: Array<{ change: SectionChange; items: Item[] }> = [];
  for (const pair of pairs) {
    const change: SectionChange = { title: (pair.now ?? pair.old)!.title, status: 'gelijk', counts: { inserted: 0, deleted: 0 }, changedBlocks: [], moved: 0, tableCells: 0 };
    const items = alignBlocks(pair.old?.blocks ?? [], pair.now?.blocks ?? [], rules);
    if (!pair.now) change.status = 'verwijderd';
    if (!pair.old) change.status = 'nieuw';
    perSection.push({ change, items });
    sections.push(change);
  }

  // --- moves: a removed block and an added one, nearly alike, in different places ------------------
  const removed = perSection.flatMap((s) => s.items.filter((i) => i.kind === 'removed').map((i) => ({ item: i, section: s.change })));
  const added = perSection.flatMap((s) => s.items.filter((i) => i.kind === 'added').map((i) => ({ item: i, section: s.change })));
  for (const a of added) {
    if (!a.item.now || a.item.now.type !== 'element' || signature(a.item.now, rules).split(' ').length < 8) continue;
    const match = removed.find((r) => r.item.kind === 'removed' && r.item.old!.type === 'element' && (r.item.old as Element).tagName === (a.item.now as Element).tagName && similarity(r.item.old as Element, a.item.now as Element, rules) >= MOVED);
    if (!match) continue;
    match.item.kind = 'moved-away';
    match.item.movedTo = a.section.title;
    a.item.kind = 'moved-here';
    a.item.old = match.item.old;
    a.item.movedFrom = match.section.title;
  }

  // --- merge ------------------------------------------------------------------------------------------
  const blocks: ElementContent[] = [];
  for (const { change, items } of perSection) {
    for (const item of items) {
      const merged = render(item, rules, change);
      if (merged) blocks.push(merged);
    }
    if (change.status === 'gelijk' && (change.counts.inserted || change.counts.deleted || change.changedBlocks.length)) change.status = 'gewijzigd';
  }

  // --- footnotes: in the new numbering, then the removed ones -----------------------------------------
  const footnotes: NoteChange[] = [];
  const notes: Element[] = newDoc.notes.map((note) => {
    const before = oldNotes.get(note.key);
    const now = h('div', note.content);
    if (!before) {
      const { element, words } = markAll(now, 'ins', rules);
      const el = noteElement(note.number, String(note.number), element.children, ['diff-ingevoegd']);
      footnotes.push({ label: String(note.number), status: 'nieuw', element: el, counts: { inserted: words, deleted: 0 } });
      return el;
    }
    const d = diffInline(h('div', before.content), now, rules);
    const el = noteElement(note.number, String(note.number), d.element.children, d.changed ? ['diff-gewijzigd'] : []);
    if (d.changed) footnotes.push({ label: String(note.number), status: 'gewijzigd', element: el, counts: d.counts });
    return el;
  });
  for (const note of removedNotes) {
    const { id, label } = removedId.get(note.key)!;
    const { element, words } = markAll(h('div', note.content), 'del', rules);
    const el = noteElement(id, label, element.children, ['diff-verwijderd']);
    footnotes.push({ label, status: 'verwijderd', element: el, counts: { inserted: 0, deleted: words } });
    notes.push(el);
  }
  return { blocks, notes, sections, footnotes };
}

interface Item {
  kind: 'equal' | 'changed' | 'added' | 'removed' | 'moved-away' | 'moved-here';
  old?: ElementContent;
  now?: ElementContent;
  movedTo?: string;
  movedFrom?: string;
}

function pairSections(oldSections: SectionHast[], newSections: SectionHast[]): Array<{ old?: SectionHast; now?: SectionHast }> {
  const used = new Set<SectionHast>();
  const partner = (s: SectionHast) => {
    const found = oldSections.find((o) => !used.has(o) && basename(o.file) === basename(s.file)) ?? oldSections.find((o) => !used.has(o) && o.title === s.title);
    if (found) used.add(found);
    return found;
  };
  const pairs: Array<{ old?: SectionHast; now?: SectionHast }> = newSections.map((now) => ({ now, old: partner(now) }));
  // Sections that are gone, placed after the section that preceded them.
  oldSections.forEach((old, i) => {
    if (used.has(old)) return;
    const before = oldSections[i - 1];
    const at = before ? pairs.findIndex((p) => p.old === before) : -1;
    pairs.splice(at + 1, 0, { old });
  });
  return pairs;
}

/** Blocks aligned: equal ones by their text; in between, blocks of the same kind and alike enough are paired. */
function alignBlocks(oldBlocks: ElementContent[], newBlocks: ElementContent[], rules: AtomRules): Item[] {
  const sig = (b: ElementContent) => (b.type === 'element' ? `${b.tagName}\u0000${signature(b, rules)}\u0000${figureSignature(b)}` : '');
  const items: Item[] = [];
  let removed: ElementContent[] = [];
  let added: ElementContent[] = [];
  const flush = () => {
    if (removed.length || added.length) {
      const alike = (a: ElementContent, b: ElementContent) => a.type === 'element' && b.type === 'element' && a.tagName === b.tagName && (a.tagName === 'table' || a.tagName === 'figure' || similarity(a, b, rules) >= SIMILAR);
      let i = 0;
      let j = 0;
      for (const c of diffArrays(removed, added, { comparator: alike })) {
        if (c.removed) for (const b of c.value) items.push({ kind: 'removed', old: removed[i++] ?? b });
        else if (c.added) for (const b of c.value) items.push({ kind: 'added', now: added[j++] ?? b });
        else for (let k = 0; k < c.value.length; k++) items.push({ kind: 'changed', old: removed[i++], now: added[j++] });
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

/** A chart changes with its data: its text alternative (made from the data) says so. */
function figureSignature(el: Element): string {
  if (el.tagName !== 'figure') return '';
  const svg = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  return String(svg?.properties.ariaLabel ?? '');
}

function render(item: Item, rules: AtomRules, change: SectionChange): ElementContent | undefined {
  const add = (c: Counts) => {
    change.counts.inserted += c.inserted;
    change.counts.deleted += c.deleted;
  };
  switch (item.kind) {
    case 'equal':
      return item.now;
    case 'added': {
      if (item.now!.type !== 'element') return item.now;
      const { element, words } = markAll(item.now as Element, 'ins', rules);
      addClass(element, 'diff-ingevoegd');
      add({ inserted: words, deleted: 0 });
      change.changedBlocks.push(element);
      return element;
    }
    case 'removed': {
      if (item.old!.type !== 'element') return undefined;
      const { element, words } = markAll(item.old as Element, 'del', rules);
      addClass(element, 'diff-verwijderd');
      add({ inserted: 0, deleted: words });
      change.changedBlocks.push(element);
      return element;
    }
    case 'moved-away': {
      change.moved++;
      const marker = h('p', { className: ['diff-verplaatst-markering'] }, `[Alinea verplaatst naar “${item.movedTo}”]`);
      change.changedBlocks.push(marker);
      return marker;
    }
    case 'moved-here':
    case 'changed': {
      const old = item.old as Element;
      const now = item.now as Element;
      let element: Element;
      if (now.tagName === 'table') {
        const d = diffTable(old, now);
        add(d.counts);
        change.tableCells += d.cells;
        element = d.element;
        if (d.changed) addClass(element, 'diff-gewijzigd');
      } else if (now.tagName === 'figure') {
        element = diffFigure(old, now, rules, add);
      } else {
        const d = diffInline(old, now, rules);
        add(d.counts);
        element = d.element;
        if (d.changed) addClass(element, 'diff-gewijzigd');
      }
      if (item.kind === 'moved-here') {
        change.moved++;
        addClass(element, 'diff-verplaatst');
        element.children.unshift(h('span', { className: ['diff-label'] }, `[Verplaatst uit “${item.movedFrom}”] `));
      }
      change.changedBlocks.push(element);
      return element;
    }
  }
}

/** A chart whose data changed: the new chart, and under it what changed in its text alternative. */
function diffFigure(old: Element, now: Element, rules: AtomRules, add: (c: Counts) => void): Element {
  const alt = (el: Element) => h('p', String(el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg')?.properties.ariaLabel ?? ''));
  const d = diffInline(alt(old), alt(now), rules);
  add(d.counts);
  const element = structuredClone(now);
  addClass(element, 'diff-gewijzigd');
  element.children.push(h('p', { className: ['diff-toelichting'] }, [{ type: 'text', value: 'Grafiek gewijzigd: ' }, ...d.element.children]));
  return element;
}

