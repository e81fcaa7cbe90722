import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Code, FootnoteReference, Heading, Root, Text } from 'mdast';
import { h } from 'hastscript';
import { toHast, defaultHandlers, type State } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { SourceError, throwIfAny } from '../errors.js';
import type { LoadedDataset } from '../load/dataset.js';
import { checkSection } from './check-section.js';
import { numberFootnotes } from './footnotes.js';
import { parseSection, type ParsedSection } from './parse-section.js';
import { renderTabel } from './tabel.js';
import { drawFigures } from './grafiek/figure.js';
import { resolveDataRefs } from './data-refs.js';
import { aboveStreep, checkStreep, findStreep, STREEP } from './streep.js';
import type { MarkdownSource } from '../load/load-document.js';

export interface DocumentBody {
  /** The body blocks, in order, as HTML. */
  html: string;
  /** The footnotes, numbered 1..n, as HTML blocks `<div class="noot">`. */
  footnotesHtml: string;
  footnoteCount: number;
}

/**
 * Which part of the sources a version prints: `volledig` everything; `openbaar` (the Woo version of a
 * beslisnota) up to and including the streep.
 */
export type Extent = 'volledig' | 'openbaar';

/** Markdown sections → HTML body and footnotes, with every problem reported at its file and line. */
export async function sectionsToHtml(
  sources: MarkdownSource[],
  datasets: Map<string, LoadedDataset>,
  extent: Extent = 'volledig',
): Promise<DocumentBody & { streep: boolean }> {
  const all = sources.map(parseSection);
  const errors = [...all.flatMap(checkSection), ...all.flatMap(checkStreep)];
  // The whole document is checked whichever part is printed: a public version never hides a broken source.
  const checked = numberFootnotes(all);
  throwIfAny([...errors, ...checked.errors]);
  const streep = findStreep(all) !== undefined;
  const sections = extent === 'openbaar' ? aboveStreep(all) : all;
  const { numbering } = sections === all ? checked : numberFootnotes(sections);

  const figures = await drawFigures(sections, datasets);
  const calls = new Set<number>(); // a note's text goes with its first call only
  const bodyParts: ElementContent[] = [];
  for (const section of sections) bodyParts.push(...convert(section, section.tree, datasets, numbering.numberOf, calls, figures));

  const notes = numbering.notes.map((note) => {
    const section = sections.find((s) => s.file === note.file)!;
    const content = convert(section, { type: 'root', children: note.definition.children }, datasets, numbering.numberOf, calls, figures);
    return h('div', { className: ['noot'], id: `noot-${note.number}`, dataNoot: note.number }, [
      h('span', { className: ['noot-nr'] }, String(note.number)),
      h('div', { className: ['noot-tekst'] }, content),
    ]);
  });

  return {
    html: toHtml({ type: 'root', children: bodyParts }),
    footnotesHtml: toHtml({ type: 'root', children: notes }),
    footnoteCount: notes.length,
    streep,
  };
}

function convert(
  section: ParsedSection,
  tree: Root,
  datasets: Map<string, LoadedDataset>,
  numberOf: (file: string, id: string) => number,
  seen: Set<number>,
  figures: Map<Code, Element>,
): ElementContent[] {
  const hast = toHast(tree, {
    handlers: {
      footnoteDefinition: () => undefined,
      text: (state: State, node: Text) => defaultHandlers.text(state, { ...node, value: resolveDataRefs(node, section.file, datasets) }),
      footnoteReference(_state: State, node: FootnoteReference): Element {
        const n = numberOf(section.file, node.identifier);
        const first = !seen.has(n);
        seen.add(n);
        return h('sup', { className: first ? ['noot-ref', 'eerste'] : ['noot-ref'], dataNoot: n }, [h('a', { href: `#noot-${n}` }, String(n))]);
      },
      code(state: State, node: Code) {
        if (node.lang === STREEP) {
          const sentence = node.value.trim();
          return h('div', { className: ['streep', 'niet-splitsen'], role: 'separator' }, sentence ? [h('p', {}, sentence)] : []);
        }
        if (node.lang === 'tabel') {
          try {
            return renderTabel(node, section.file, datasets);
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

