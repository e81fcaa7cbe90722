import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Code, FootnoteReference, Heading, Root, Text } from 'mdast';
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
import { aboveStreep, checkStreep, findStreep, streepNotAllowed, STREEP } from './streep.js';
import type { MarkdownSource } from '../load/load-document.js';

export interface DocumentBody {
  /** The body blocks, in order, as HTML. */
  html: string;
  /** The footnotes, numbered 1..n, as HTML blocks `<div class="noot">`. */
  footnotesHtml: string;
  footnoteCount: number;
  /** The text of every heading, in order (the PDF outline's titles). */
  headings: string[];
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
}

/**
 * Markdown sections → body blocks and footnotes as hast, with every problem reported at its file and line.
 * With `noteKeys`, each footnote call also carries its note's key (data-key), for comparing revisions.
 */
export async function sectionsToHast(
  sources: MarkdownSource[],
  datasets: Map<string, LoadedDataset>,
  extent: Extent = 'volledig',
  opts: { noteKeys?: boolean; streep?: boolean; sourceRefs?: boolean } = {},
): Promise<DocumentHast> {
  const all = await parseSections(sources);
  const errors = [...all.flatMap(checkSection), ...all.flatMap(checkLinks), ...all.flatMap(checkFences), ...all.flatMap(checkSizes), ...all.flatMap(checkStreep)];
  if (opts.streep === false) errors.push(...streepNotAllowed(all));
  // The whole document is checked whichever part is printed: a public version never hides a broken source.
  const checked = numberFootnotes(all);
  throwIfAny([...errors, ...checked.errors]);
  const streep = findStreep(all) !== undefined;
  const sections = extent === 'openbaar' ? aboveStreep(all) : all;
  const { numbering } = sections === all ? checked : numberFootnotes(sections);

  const specs = await blockSpecs(all);
  const figures = await drawFigures(sections, datasets, specs);
  const calls = new Set<number>(); // a note's text goes with its first call only
  const ctx = { datasets, numberOf: numbering.numberOf, seen: calls, figures, specs, noteKeys: opts.noteKeys === true };
  const sectionHasts = sections.map((section, index) => {
    const blocks = convert(section, section.tree, ctx);
    if (opts.sourceRefs) markSources(blocks, index);
    const heading = blocks.find((b): b is Element => b.type === 'element' && /^h[1-6]$/.test(b.tagName));
    return { file: section.file, title: heading ? textOf(heading) : basename(section.file, '.md'), blocks };
  });
  const notes = numbering.notes.map((note) => {
    const section = sections.find((s) => s.file === note.file)!;
    const content = convert(section, { type: 'root', children: note.definition.children }, ctx);
    const line = note.definition.position?.start.line;
    const source = opts.sourceRefs && line !== undefined ? { source: `${sections.indexOf(section)}:${line}` } : {};
    return { number: note.number, key: noteKey(note.file, note.definition.identifier), content, file: note.file, line, ...source };
  });
  return { sections: sectionHasts, notes, streep };
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
  opts: { streep?: boolean } = {},
): Promise<DocumentBody & { streep: boolean }> {
  const doc = await sectionsToHast(sources, datasets, extent, { ...opts, sourceRefs: true });
  const notes = doc.notes.map((n) => {
    const el = noteElement(n.number, String(n.number), n.content);
    if (n.source) el.properties[SOURCE_PROPERTY] = n.source;
    return el;
  });
  return bodyToHtml(doc.sections.flatMap((s) => s.blocks), notes, doc.streep);
}

export function bodyToHtml(blocks: ElementContent[], notes: Element[], streep: boolean): DocumentBody & { streep: boolean } {
  const headings: string[] = [];
  visit({ type: 'root', children: blocks } as HastRoot, 'element', (el: Element) => {
    if (/^h[1-6]$/.test(el.tagName)) headings.push(textOf(el));
  });
  return {
    html: toHtml({ type: 'root', children: blocks }),
    footnotesHtml: toHtml({ type: 'root', children: notes }),
    footnoteCount: notes.length,
    headings,
    streep,
  };
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
      text: (state: State, node: Text) => defaultHandlers.text(state, { ...node, value: resolveDataRefs(node, section.file, datasets) }),
      footnoteReference(_state: State, node: FootnoteReference): Element {
        const n = numberOf(section.file, node.identifier);
        const first = !seen.has(n);
        seen.add(n);
        const key = ctx.noteKeys ? { dataKey: noteKey(section.file, node.identifier) } : {};
        return h('sup', { className: first ? [CLASS.call, CLASS.firstCall] : [CLASS.call], dataNoot: n, ...key }, [h('a', { href: `#noot-${n}` }, String(n))]);
      },
      code(state: State, node: Code) {
        if (node.lang === STREEP) {
          const sentence = node.value.trim();
          return h('div', { className: ['streep', CLASS.keepTogether], role: 'separator' }, sentence ? [h('p', {}, sentence)] : []);
        }
        if (node.lang === 'tabel') {
          try {
            const blocks = renderTabel(node, section.file, datasets, ctx.specs.get(node) as Tabel);
            for (const b of blocks) if (b.type === 'element' && node.position) b.position = node.position;
            return blocks;
          } catch (err) {
            if (err instanceof SourceError) throw err;
            throw new SourceError(section.file, node.position?.start.line, node.position?.start.column, `tabel: ${(err as Error).message}`);
          }
        }
        if (node.lang === 'grafiek') return figures.get(node)!;
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
  return hast.children.filter((c): c is ElementContent => c.type !== 'doctype' && !(c.type === 'text' && c.value.trim() === ''));
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
