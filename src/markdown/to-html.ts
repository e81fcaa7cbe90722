import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Code, FootnoteReference, Heading, RedactionBox, Root, Text } from 'mdast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { toHast, defaultHandlers, type State } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { basename } from 'node:path';
import { SourceError, throwIfAny } from '../errors.js';
import { CLASS } from '../paginate/contract.js';
import type { LoadedDataset } from '../load/dataset.js';
import { checkSection } from './check-section.js';
import { checkLinks } from './check-links.js';
import { checkFences } from './check-fences.js';
import { checkSizes } from './check-sizes.js';
import { numberFootnotes } from './footnotes.js';
import { parseSections, type ParsedSection } from './parse-section.js';
import { renderTabel } from './tabel.js';
import { drawFigures } from './grafiek/figure.js';
import { blockSpecs, type BlockSpec } from './block-specs.js';
import type { Tabel } from '../validate/block-schemas.js';
import { resolveDataRefs } from './data-refs.js';
import { aboveStreep, checkStreep, findStreep, streepInComment, streepNotAllowed, streepReferences, STREEP } from './streep.js';
import { blockName } from './block-names.js';
import { findRedactions, groundsUsed, redactionsNotAllowed, removeRedacted } from './redaction.js';
import { markedRedaction, redactionBoxes } from './redaction-hast.js';
import type { WooGround } from './woo-grounds.js';
import type { MarkdownSource } from '../load/load-document.js';

export interface DocumentBody {
  /** The body blocks, in order, as HTML. */
  html: string;
  /** The footnotes, numbered 1..n, as HTML blocks `<div class="noot">`. */
  footnotesHtml: string;
  footnoteCount: number;
  /** The text of every heading, in order (the PDF outline's titles). */
  headings: string[];
  /** The table of contents: every heading in order, with its id, its number (when the layout numbers it) and its level. */
  toc: TocEntry[];
  /** The Woo grounds of the redactions this version prints (marked, or as boxes), each once, in order of use. */
  lakken: WooGround[];
}

export interface TocEntry {
  id: string;
  /** "1.", "2.1" — null for a heading the layout does not number (a tussenkop, a title). */
  nummer: string | null;
  /** The heading's text without its number. */
  tekst: string;
  /** The heading's level, 1 for #, 2 for ##, …; a tussenkop is a level deeper in the table of contents. */
  niveau: number;
  tussenkop: boolean;
}

/** What the Markdown step takes from the layout of the document's kind (templates/<soort>/layout.yaml). */
export interface MarkdownLayout {
  /** The text column's width in mm: charts are drawn at it. */
  textWidthMm: number;
  /** The heading levels the layout numbers, e.g. [2, 3]: ## → "1.", ### → "1.1". */
  numbering: number[];
}

/**
 * Which part of the sources a version prints: `volledig` everything; `openbaar` (the Woo version of a
 * beslisnota) up to and including the streep.
 */
export type Extent = 'volledig' | 'openbaar';

/** One section (Markdown file) as hast: its blocks in order, and its title (the text of its first heading). */
export interface SectionHast {
  file: string;
  title: string;
  blocks: ElementContent[];
}

/** A footnote as hast. `key` names it across revisions of a document: `<section file name>#<label>`. */
export interface NoteHast {
  number: number;
  key: string;
  content: ElementContent[];
  /** With sourceRefs: where its definition was written, as data-bron ("<section index>:<line>"). */
  source?: string;
  /** Where the note is defined: its section file and line. */
  file: string;
  line?: number;
}

export interface DocumentHast {
  sections: SectionHast[];
  notes: NoteHast[];
  streep: boolean;
  /** The grounds of the redactions in the printed sections. */
  grounds: WooGround[];
}

/**
 * Markdown sections → body blocks and footnotes as hast, with every problem reported at its file and line.
 * With `noteKeys`, each footnote call also carries its note's key (data-key), for comparing revisions.
 */
export async function sectionsToHast(
  sources: MarkdownSource[],
  datasets: Map<string, LoadedDataset>,
  extent: Extent = 'volledig',
  opts: { noteKeys?: boolean; streep?: boolean; lakken?: boolean; openbaar?: boolean; sourceRefs?: boolean; layout: MarkdownLayout },
): Promise<DocumentHast> {
  const redacted = findRedactions(await parseSections(sources));
  const all = redacted.sections;
  const errors = [...all.flatMap(checkSection), ...all.flatMap(checkLinks), ...all.flatMap(checkFences), ...all.flatMap(checkSizes), ...all.flatMap(checkStreep), ...all.flatMap(streepInComment), ...streepReferences(all), ...redacted.errors];
  if (opts.streep === false) errors.push(...streepNotAllowed(all));
  if (opts.lakken === false) errors.push(...redactionsNotAllowed(all));
  // The whole document is checked whichever part is printed: a public version never hides a broken source.
  const checked = numberFootnotes(all);
  throwIfAny([...errors, ...checked.errors]);
  const streep = findStreep(all) !== undefined;
  // A public version: up to the streep when its extent says so, and its redactions' passages replaced by boxes.
  const extentSections = extent === 'openbaar' ? aboveStreep(all) : all;
  const sections = opts.openbaar ? removeRedacted(extentSections) : extentSections;
  const { numbering } = sections === all ? checked : numberFootnotes(sections);

  const specs = await blockSpecs(all);
  const figures = await drawFigures(sections, datasets, specs, opts.layout.textWidthMm);
  const calls = new Set<number>(); // a note's text goes with its first call only
  const ctx = { datasets, numberOf: numbering.numberOf, seen: calls, figures, specs, noteKeys: opts.noteKeys === true };
  const sectionHasts = sections.map((section, index) => {
    const blocks = convert(section, section.tree, ctx);
    if (opts.sourceRefs) markSources(blocks, index);
    const heading = blocks.find((b): b is Element => b.type === 'element' && /^h[1-6]$/.test(b.tagName));
    return { file: section.file, title: heading ? textOf(heading) : basename(section.file, '.md'), blocks };
  });
  numberHeadings(sectionHasts.flatMap((s) => s.blocks), opts.layout.numbering);
  const notes = numbering.notes.map((note) => {
    const section = sections.find((s) => s.file === note.file)!;
    const content = convert(section, { type: 'root', children: note.definition.children }, ctx);
    const line = note.definition.position?.start.line;
    const source = opts.sourceRefs && line !== undefined ? { source: `${sections.indexOf(section)}:${line}` } : {};
    return { number: note.number, key: noteKey(note.file, note.definition.identifier), content, file: note.file, line, ...source };
  });
  throwIfAny(checkPlaceLinks(sectionHasts, notes));
  return { sections: sectionHasts, notes, streep, grounds: groundsUsed(sections) };
}

/**
 * A link to a place in the letter (`[zie 5.2](#kop-5-2-…)`) must find it in the version printed: a heading
 * below the streep is not in the public version, nor a heading whose id changed with a redaction in it. A
 * link to a missing place would print as a dead link carrying the id — words of a heading the public version
 * must not show — in the PDF's link annotations.
 */
function checkPlaceLinks(sections: SectionHast[], notes: Array<{ number: number; content: ElementContent[]; file: string }>): SourceError[] {
  const ids = new Set<string>(notes.map((n) => `noot-${n.number}`));
  const links: Array<{ file: string; el: Element }> = [];
  const scan = (file: string, nodes: ElementContent[]) =>
    visit({ type: 'root', children: nodes } as HastRoot, 'element', (el: Element) => {
      if (typeof el.properties.id === 'string') ids.add(el.properties.id);
      if (el.tagName === 'a' && el.position && typeof el.properties.href === 'string' && el.properties.href.startsWith('#')) links.push({ file, el });
    });
  for (const s of sections) scan(s.file, s.blocks);
  for (const n of notes) scan(n.file, n.content);
  return links
    .filter(({ el }) => !ids.has(decodeURIComponent((el.properties.href as string).slice(1))))
    .map(({ file, el }) => new SourceError(file, el.position?.start.line, el.position?.start.column, `link to "${el.properties.href as string}": there is no such place in this version of the document — a heading's id is kop-<its number or words> (see the HTML); a place below the streep, or in a heading with a redaction, is not in the public version, so link to it from below the streep only`));
}

/** A footnote as the layouts print it; `label` is what the reader sees (its number). */
export function noteElement(id: number, label: string, content: ElementContent[], className: string[] = []): Element {
  return h('div', { className: [CLASS.note, ...className], id: `noot-${id}`, dataNoot: id }, [
    h('span', { className: [CLASS.noteNumber] }, label),
    h('div', { className: [CLASS.noteText] }, content),
  ]);
}

/** Markdown sections → HTML body and footnotes. */
export async function sectionsToHtml(
  sources: MarkdownSource[],
  datasets: Map<string, LoadedDataset>,
  extent: Extent = 'volledig',
  opts: { streep?: boolean; lakken?: boolean; openbaar?: boolean; layout: MarkdownLayout },
): Promise<DocumentBody & { streep: boolean }> {
  const doc = await sectionsToHast(sources, datasets, extent, { ...opts, sourceRefs: true });
  const notes = doc.notes.map((n) => {
    const el = noteElement(n.number, String(n.number), n.content);
    if (n.source) el.properties[SOURCE_PROPERTY] = n.source;
    return el;
  });
  return bodyToHtml(doc.sections.flatMap((s) => s.blocks), notes, doc.streep, doc.grounds);
}

export function bodyToHtml(blocks: ElementContent[], notes: Element[], streep: boolean, lakken: WooGround[] = []): DocumentBody & { streep: boolean } {
  const headings: string[] = [];
  const toc: TocEntry[] = [];
  visit({ type: 'root', children: blocks } as HastRoot, 'element', (el: Element) => {
    if (!/^h[1-6]$/.test(el.tagName)) return;
    headings.push(textOf(el));
    const number = el.children.find((c): c is Element => c.type === 'element' && (c.properties.className as string[] | undefined)?.includes(HEADING_NUMBER) === true);
    const tussenkop = (el.properties.className as string[] | undefined)?.includes('tussenkop') === true;
    const tekst = el.children.filter((c) => c !== number).map((c) => textOf(c)).join('').trim();
    if (typeof el.properties.id === 'string') toc.push({ id: el.properties.id, nummer: number ? textOf(number) : null, tekst, niveau: Number(el.tagName.slice(1)) + (tussenkop ? 1 : 0), tussenkop });
  });
  return {
    html: toHtml({ type: 'root', children: blocks }),
    footnotesHtml: toHtml({ type: 'root', children: notes }),
    footnoteCount: notes.length,
    headings,
    toc,
    lakken,
    streep,
  };
}

/** The class of a heading's number, `<span class="kop-nummer">2.1</span>`, printed by the layout's numbering. */
export const HEADING_NUMBER = 'kop-nummer';

/**
 * Numbers the headings of the levels the layout numbers (1., 1.1, 1.1.1; a tussenkop never) and gives every
 * heading an id — its number, or its text — that the table of contents and the PDF's links point at.
 */
function numberHeadings(blocks: ElementContent[], levels: number[]): void {
  const sorted = [...levels].sort((a, b) => a - b);
  const counters = sorted.map(() => 0);
  const used = new Set<string>();
  visit({ type: 'root', children: blocks } as HastRoot, 'element', (el: Element) => {
    if (!/^h[1-6]$/.test(el.tagName)) return;
    const level = Number(el.tagName.slice(1));
    const tussenkop = (el.properties.className as string[] | undefined)?.includes('tussenkop') === true;
    const depth = tussenkop ? -1 : sorted.indexOf(level);
    let base: string;
    if (depth >= 0) {
      counters[depth]!++;
      for (let i = depth + 1; i < counters.length; i++) counters[i] = 0;
      const parts = counters.slice(0, depth + 1);
      const nummer = depth === 0 ? `${parts[0]}.` : parts.join('.');
      el.children = [h('span', { className: [HEADING_NUMBER] }, nummer), { type: 'text', value: ' ' }, ...el.children];
      base = `kop-${parts.join('-')}`;
    } else {
      base = `kop-${slug(textOf(el)) || 'zonder-tekst'}`;
    }
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    el.properties = { ...el.properties, id };
  });
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

export function noteKey(file: string, identifier: string): string {
  return `${basename(file)}#${identifier}`;
}

/** The text of an element, its parts joined as a reader sees them. */
export function textOf(node: ElementContent | HastRoot): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

interface ConvertContext {
  datasets: Map<string, LoadedDataset>;
  numberOf: (file: string, id: string) => number;
  seen: Set<number>;
  figures: Map<Code, Element>;
  specs: Map<Code, BlockSpec>;
  noteKeys: boolean;
}

function convert(section: ParsedSection, tree: Root, ctx: ConvertContext): ElementContent[] {
  const { datasets, numberOf, seen, figures } = ctx;
  const hast = toHast(tree, {
    handlers: {
      footnoteDefinition: () => undefined,
      redaction: markedRedaction,
      redactionBox: (_state: State, node: RedactionBox) => redactionBoxes(node),
      text: (state: State, node: Text) => defaultHandlers.text(state, { ...node, value: resolveDataRefs(node, section.file, datasets) }),
      footnoteReference(_state: State, node: FootnoteReference): Element {
        const n = numberOf(section.file, node.identifier);
        const first = !seen.has(n);
        seen.add(n);
        const key = ctx.noteKeys ? { dataKey: noteKey(section.file, node.identifier) } : {};
        return h('sup', { className: first ? [CLASS.call, CLASS.firstCall] : [CLASS.call], dataNoot: n, ...key }, [h('a', { href: `#noot-${n}` }, String(n))]);
      },
      code(state: State, node: Code) {
        if (blockName(node) === STREEP) {
          const sentence = node.value.trim();
          // At its own line, as every block (data-bron; the redline's change list names it).
          const streep = h('div', { className: ['streep', CLASS.keepTogether], role: 'separator' }, sentence ? [h('p', {}, sentence)] : []);
          state.patch(node, streep);
          return streep;
        }
        if (blockName(node) === 'tabel') {
          try {
            const blocks = renderTabel(node, section.file, datasets, ctx.specs.get(node) as Tabel);
            for (const b of blocks) if (b.type === 'element' && node.position) b.position = node.position;
            return blocks;
          } catch (err) {
            if (err instanceof SourceError) throw err;
            throw new SourceError(section.file, node.position?.start.line, node.position?.start.column, `tabel: ${(err as Error).message}`);
          }
        }
        if (blockName(node) === 'grafiek') return figures.get(node)!;
        return defaultHandlers.code(state, node);
      },
      heading(state: State, node: Heading) {
        const el = defaultHandlers.heading(state, node);
        // A heading written as *emphasis* only is a tussenkop: italic, not bold (as in the Rijkshuisstijl letters).
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (only?.type === 'emphasis') {
          el.properties = { ...el.properties, className: ['tussenkop'] };
          const em = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'em');
          if (em) el.children = em.children;
        }
        return el;
      },
    },
  }) as HastRoot;
  const blocks = hast.children.filter((c): c is ElementContent => c.type !== 'doctype' && !(c.type === 'text' && c.value.trim() === ''));
  keepIntroductionsWithLists(blocks);
  return blocks;
}

/**
 * A paragraph that ends in ":" introduces the list after it: it keeps with it (the DOM contract's keep-with-next),
 * so that it never ends a page with its list on the next (as the Rijkshuisstijl letters are set).
 */
function keepIntroductionsWithLists(blocks: ElementContent[]): void {
  const elements = blocks.filter((b): b is Element => b.type === 'element');
  elements.forEach((el, i) => {
    const next = elements[i + 1];
    if (el.tagName !== 'p' || (next?.tagName !== 'ul' && next?.tagName !== 'ol') || !textOf(el).trimEnd().endsWith(':')) return;
    el.properties = { ...el.properties, className: [...((el.properties.className as string[] | undefined) ?? []), CLASS.keepWithNext] };
  });
}


/**
 * Each body block says where it was written (data-bron="<section index>:<line>"; the DOM contract), so that a
 * block the pages cannot hold is reported at its file and line. An index, not a path: the HTML stays the same
 * wherever the sources are checked out.
 */
function markSources(blocks: ElementContent[], section: number): void {
  for (const b of blocks) {
    if (b.type !== 'element' || !b.position) continue;
    b.properties = { ...b.properties, [SOURCE_PROPERTY]: `${section}:${b.position.start.line}` };
    // The cells of a Markdown table, each at its own row's line (a `tabel` block's cells come from data: the block's line).
    if (b.tagName === 'table') {
      visit(b, 'element', (cell: Element) => {
        if ((cell.tagName === 'td' || cell.tagName === 'th') && cell.position) cell.properties = { ...cell.properties, [SOURCE_PROPERTY]: `${section}:${cell.position.start.line}` };
      });
    }
  }
}
const SOURCE_PROPERTY = 'dataBron';
