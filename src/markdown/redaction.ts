import type { Code, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { lineColumnAt, SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';
import { misplacedRedaction, redactionLookalikes, showInvisible } from '../load/text-guard.js';
import { restoreAutolinkPositions } from './autolink-positions.js';
import { blockName } from './block-names.js';
import { WOO_GROUND_LIST, wooGround, type WooGround } from './woo-grounds.js';

/**
 * Lakken: a passage withheld from the public (Woo) version under a ground of the Woo, written in the Markdown as
 *
 *     [[5.1.2e: de naam van de betrokkene]]
 *
 * — two brackets, the ground as Woo decisions cite it (woo-grounds.ts), a colon, the passage, two brackets.
 * The passage may hold emphasis, a link, inline code and data references; it lies within one paragraph,
 * heading, list item, table cell or footnote. remark reads `[[…]]` as plain text (brackets that make no link),
 * so the redaction is found here in the text nodes of one parent and becomes a `redaction` node of the mdast:
 * the internal version prints its passage marked with the ground, the public version gets a `redactionBox` in
 * its place (removeRedacted) before anything is rendered — the passage reaches no channel of the public PDF.
 *
 * Refused at their line and column: an unknown ground, a ground without its colon, a redaction never closed in
 * its paragraph, a `]]` that closes none, a redaction inside another, one inside a link's text (the link's
 * address would stay), one holding a footnote call (the note would lose its call), and a `[[` in the source that
 * Markdown read otherwise (as a link: `[[…]](…)`), which would print. `\[[` prints the brackets.
 */
declare module 'mdast' {
  interface Redaction extends Parent {
    type: 'redaction';
    ground: string;
    children: PhrasingContent[];
  }
  /** What the public version has in a redaction's place: its ground and the passage's length, no text. */
  interface RedactionBox extends Node {
    type: 'redactionBox';
    ground: string;
    length: number;
  }
  interface PhrasingContentMap {
    redaction: Redaction;
    redactionBox: RedactionBox;
  }
  interface RootContentMap {
    redaction: Redaction;
    redactionBox: RedactionBox;
  }
}

type Node = import('mdast').Node;
type Redaction = import('mdast').Redaction;

const FORM = 'a redaction is written [[<grond>: tekst]], e.g. [[5.1.2e: de naam]]';
/** Parents whose children are phrasing content: where a redaction may stand (and, for links, may not). */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/**
 * The sections with their redactions as `redaction` nodes, and every mistake in writing them. A section whose
 * text has no `[[` or `]]` is returned as it is (its tree is shared and read-only, parse-section.ts); one that
 * has them gets a copy of its tree.
 */
export function findRedactions(sections: ParsedSection[]): { sections: ParsedSection[]; errors: SourceError[] } {
  const errors: SourceError[] = [];
  const out = sections.map((section) => {
    const fail = (offset: number, message: string) => {
      const { line, column } = lineColumnAt(section.text, offset);
      errors.push(new SourceError(section.file, line, column, message));
    };
    const openers = new Set<number>();
    const reported = new Set<number>();
    let tree = section.tree;
    if (section.text.includes('[[') || section.text.includes(']]')) {
      tree = structuredClone(section.tree);
      restoreAutolinkPositions(tree, section.text);
      transform(tree, { section, fail, openers });
      unreadOpeners(section, tree, openers, reported, fail);
    }
    lookalikes(section, tree, openers, reported, fail);
    return tree === section.tree ? section : { ...section, tree };
  });
  return { sections: out, errors };
}

interface Scan {
  section: ParsedSection;
  fail: (offset: number, message: string) => void;
  /** Source offsets of every `[[` read as a redaction's start (well or badly written). */
  openers: Set<number>;
}

function transform(node: Nodes, scan: Scan): void {
  if (!('children' in node)) return;
  for (const child of node.children) transform(child as Nodes, scan);
  if (PHRASING_PARENTS.has(node.type)) (node as Parent).children = redactChildren(node as Parent, scan);
}

interface Token {
  kind: 'open' | 'close';
  /** Index in the text node's value. */
  index: number;
  /** Offset in the section's source. */
  offset: number;
}

/** One parent's children with its redactions made nodes. */
function redactChildren(parent: Parent, scan: Scan): PhrasingContent[] {
  const children = parent.children as PhrasingContent[];
  if (!children.some((c) => c.type === 'text' && (c.value.includes('[[') || c.value.includes(']]')))) return children;
  const out: PhrasingContent[] = [];
  let open: { redaction: Redaction; offset: number } | undefined;
  const push = (n: PhrasingContent) => (open ? open.redaction.children : out).push(n);
  const inLink = parent.type === 'link' || parent.type === 'linkReference';

  for (const child of children) {
    if (child.type !== 'text') {
      if (open) {
        visit(child, (n) => {
          if (n.type === 'footnoteReference') scan.fail(offsetOf(n), `a footnote call inside a redaction — put the call [^${n.label ?? n.identifier}] after the redaction's ]] (and redact in the footnote's own text what must not be published)`);
          if (n.type === 'redaction') scan.fail(offsetOf(n), `a redaction inside another redaction (opened at ${where(scan, open!.offset)}) — close the first with ]] before opening the next`);
        });
      }
      push(child);
      continue;
    }
    // Where the text not yet taken starts, in the value and in the source (messages about it, e.g. a data
    // reference's, point at its own line and column).
    let rest = 0;
    let restOffset = child.position?.start.offset;
    for (const token of tokens(child, scan)) {
      const text = child.value.slice(rest, token.index);
      if (text) push(textPart(child, text, restOffset, scan));
      if (token.kind === 'open') {
        scan.openers.add(token.offset);
        const m = /^\[\[[ \t]*([^\s:[\]]*)[ \t]*:[ \t]*/.exec(child.value.slice(token.index));
        rest = token.index + 2;
        restOffset = token.offset + 2;
        if (open) scan.fail(token.offset, `a redaction inside another redaction (opened at ${where(scan, open.offset)}) — close the first with ]] before opening the next`);
        else {
          // A badly written opener still opens, so that its ]] is not reported as well.
          if (inLink) scan.fail(token.offset, `a redaction inside a link's text would leave the link's address in the public version — put the whole link inside the redaction: [[5.1.2e: [tekst](adres)]]`);
          else if (!m || !m[1]) scan.fail(token.offset, `${FORM} — the ground and its colon are missing here (to print the brackets, write \\[[)`);
          else if (!wooGround(m[1])) scan.fail(token.offset + m[0].indexOf(m[1]), `unknown Woo ground "${m[1]}" — the grounds of articles 5.1 and 5.2 of the Woo are: ${WOO_GROUND_LIST}`);
          if (m?.[1]) {
            rest = token.index + m[0].length;
            restOffset = token.offset + m[0].length;
          }
          const redaction: Redaction = { type: 'redaction', ground: m?.[1] ?? '', children: [], position: { start: point(scan, token.offset), end: point(scan, token.offset) } };
          out.push(redaction);
          open = { redaction, offset: token.offset };
        }
        continue;
      }
      rest = token.index + 2;
      restOffset = token.offset + 2;
      if (!open) {
        scan.fail(token.offset, `]] closes no redaction — ${FORM}; to print the brackets, write \\]]`);
        continue;
      }
      if (!plainText(open.redaction).trim()) scan.fail(open.offset, `an empty redaction — write the passage to withhold between the colon and ]]`);
      open.redaction.position!.end = point(scan, token.offset + 2);
      open = undefined;
    }
    const text = child.value.slice(rest);
    if (text) push(textPart(child, text, restOffset, scan));
  }
  if (open) scan.fail(open.offset, `this redaction is never closed — end it with ]] in the same ${parent.type === 'heading' ? 'heading' : parent.type === 'tableCell' ? 'table cell' : 'paragraph'} (a redaction cannot run across paragraphs, list items or emphasis; redact each part)`);
  return out;
}

/** The `[[` and `]]` of a text node that are not escaped, in order. */
function tokens(node: Text, scan: Scan): Token[] {
  const offsets = bracketOffsets(node, scan.section.text);
  const out: Token[] = [];
  const v = node.value;
  for (let i = 0; i + 1 < v.length; i++) {
    const pair = v.slice(i, i + 2);
    if (pair !== '[[' && pair !== ']]') continue;
    const a = offsets.get(i);
    const b = offsets.get(i + 1);
    if (a?.escaped || b?.escaped) continue;
    out.push({ kind: pair === '[[' ? 'open' : 'close', index: i, offset: a?.offset ?? node.position?.start.offset ?? 0 });
    i++;
  }
  return out;
}

/**
 * Where each bracket of a text node's value stands in the source, and whether it was escaped (`\[`). The value
 * lost the escapes' backslashes (and a list's indentation), so brackets are paired in order: the n-th `[` of
 * the value is the n-th `[` of the node's source text. A bracket written as a character reference (&#91;)
 * breaks the pairing: then the node's brackets are taken as written where the node starts.
 */
function bracketOffsets(node: Text, source: string): Map<number, { offset: number; escaped: boolean }> {
  const map = new Map<number, { offset: number; escaped: boolean }>();
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return map;
  for (const bracket of ['[', ']']) {
    const inValue = [...node.value.matchAll(bracket === '[' ? /\[/g : /\]/g)].map((m) => m.index);
    const inSource = [...source.slice(start, end).matchAll(bracket === '[' ? /\[/g : /\]/g)].map((m) => start + m.index);
    if (inValue.length !== inSource.length) continue;
    inValue.forEach((i, k) => {
      const offset = inSource[k]!;
      let slashes = 0;
      while (source[offset - 1 - slashes] === '\\') slashes++;
      map.set(i, { offset, escaped: slashes % 2 === 1 });
    });
  }
  return map;
}

/**
 * A `[[` of the source that no text node holds was read by Markdown as something else — `[[5.1.2e: x]](url)`
 * is a link whose text is `[5.1.2e: x]` — and would print: refused. Code (``` blocks, `inline code`) and
 * comments are not looked at.
 */
function unreadOpeners(section: ParsedSection, tree: Root, openers: Set<number>, reported: Set<number>, fail: Scan['fail']): void {
  const skip: Array<[number, number]> = [];
  visit(tree, (n) => {
    if ((n.type === 'code' || n.type === 'inlineCode' || n.type === 'html') && n.position?.start.offset !== undefined && n.position.end.offset !== undefined) skip.push([n.position.start.offset, n.position.end.offset]);
  });
  for (const m of section.text.matchAll(/\[\[/g)) {
    let slashes = 0;
    while (section.text[m.index - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1 || openers.has(m.index) || skip.some(([a, b]) => m.index >= a && m.index < b)) continue;
    // In `[[[`, the redaction's opener may be the second pair.
    if (openers.has(m.index + 1) || openers.has(m.index - 1)) continue;
    reported.add(m.index);
    fail(m.index, `this [[ is not read as a redaction: Markdown reads it as a link (brackets followed by (…) or [, or a link's text) and would print the passage — ${FORM}, with nothing right after its ]]`);
  }
}

/**
 * Whatever looks like a redaction (text-guard.ts) but was not read as one prints as written: refused, at most
 * once a line. Inside a block's fields, the streep's sentence or inline code, a redaction is never read (only
 * the text of a section is redacted); in the text, a near-miss spelling (`[5.1.2e: …]`, full-width `［［`,
 * `[ [`) is not one. Comments (never printed) and escaped brackets (`\[`) are left alone.
 */
function lookalikes(section: ParsedSection, tree: Root, openers: Set<number>, reported: Set<number>, fail: Scan['fail']): void {
  const found = redactionLookalikes(section.text);
  if (!found.length) return;
  const places: Array<{ from: number; to: number; where: string | null }> = [];
  visit(tree, (n) => {
    const from = n.position?.start.offset;
    const to = n.position?.end.offset;
    if (from === undefined || to === undefined) return;
    if (n.type === 'html') places.push({ from, to, where: null });
    else if (n.type === 'inlineCode') places.push({ from, to, where: 'inline code (`…`)' });
    else if (n.type === 'code') {
      const name = blockName(n);
      places.push({ from, to, where: name === 'streep' ? "the streep's sentence" : name ? `a ${name} block's fields` : 'a code block' });
    }
  });
  const lines = new Set<number>();
  for (const { index, written } of found) {
    let slashes = 0;
    while (section.text[index - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1 || reported.has(index) || openers.has(index) || openers.has(index + 1)) continue;
    const place = places.find((p) => index >= p.from && index < p.to);
    if (place?.where === null) continue;
    const { line } = lineColumnAt(section.text, index);
    if (lines.has(line)) continue;
    lines.add(line);
    fail(index, place ? misplacedRedaction(place.where) : `"${showInvisible(written)}" looks like the start of a redaction but is not one, and would be printed as written — ${FORM}: two ASCII brackets, nothing between them (to print the bracket, write \\[)`);
  }
}

/** A part of a text node, positioned where it starts in the source. */
function textPart(of: Text, value: string, offset: number | undefined, scan: Scan): Text {
  if (!of.position) return { type: 'text', value };
  return { type: 'text', value, position: { start: offset === undefined ? of.position.start : point(scan, offset), end: of.position.end } };
}

function offsetOf(n: Node): number {
  return n.position?.start.offset ?? 0;
}

function point(scan: Scan, offset: number) {
  const { line, column } = lineColumnAt(scan.section.text, offset);
  return { line, column, offset };
}

function where(scan: Scan, offset: number): string {
  const { line, column } = lineColumnAt(scan.section.text, offset);
  return `${line}:${column}`;
}

/** The passage as plain text (its words, for its length). */
function plainText(node: Node): string {
  if ('value' in node && typeof node.value === 'string' && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  if ('children' in node && Array.isArray(node.children)) return (node.children as Node[]).map(plainText).join('');
  return '';
}

/**
 * The public version's sections: every redaction replaced by a box that keeps only its ground and the passage's
 * length — the passage's text, links and emphasis are gone from the tree before it is rendered.
 */
export function removeRedacted(sections: ParsedSection[]): ParsedSection[] {
  return sections.map((section) => {
    if (!hasRedaction(section.tree)) return section;
    const tree = structuredClone(section.tree);
    keepBlocks(section.tree, tree);
    visit(tree, 'redaction', (node, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = { type: 'redactionBox', ground: node.ground, length: plainText(node).length, ...(node.position ? { position: node.position } : {}) } as never;
    });
    return { ...section, tree };
  });
}

/**
 * The copy keeps the original `code` nodes (the blocks: streep, tabel, grafiek), which hold no redaction: their
 * validated fields and drawn figures are looked up by node (block-specs.ts, grafiek/figure.ts).
 */
function keepBlocks(original: Root, copy: Root): void {
  const blocks: Code[] = [];
  visit(original, 'code', (node) => void blocks.push(node));
  let i = 0;
  visit(copy, 'code', (_node, index, parent) => {
    if (parent && index !== undefined) parent.children[index] = blocks[i]!;
    i++;
  });
}

function hasRedaction(tree: Root): boolean {
  let found = false;
  visit(tree, (n) => {
    if (n.type === 'redaction' || n.type === 'redactionBox') found = true;
  });
  return found;
}

/** The grounds the sections use, each once, in the order of their first use. */
export function groundsUsed(sections: ParsedSection[]): WooGround[] {
  const codes = new Set<string>();
  for (const s of sections) {
    visit(s.tree, (n) => {
      if (n.type === 'redaction' || n.type === 'redactionBox') codes.add(n.ground);
    });
  }
  return [...codes].map((c) => wooGround(c)!);
}

/**
 * A document none of whose versions is internal (a Kamerbrief, a bijlage: public as a whole) has no redaction:
 * its passage would be printed in no version, and a letter to the Kamer is not sent with black boxes — what it
 * may not publish goes elsewhere (a confidential annex) or under the streep of a beslisnota.
 */
export function redactionsNotAllowed(sections: ParsedSection[]): SourceError[] {
  const errors: SourceError[] = [];
  for (const s of sections) {
    visit(s.tree, 'redaction', (node) => {
      errors.push(new SourceError(s.file, node.position?.start.line, node.position?.start.column, `a redaction ([[${node.ground}: …]]) belongs in a document with an internal version beside its public one (a beslisnota): every version of this document is public, so the passage would be printed in none — take the brackets away to print the passage, or take the passage out`));
    });
  }
  return errors;
}
