import type { Code, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { lineColumnAt, location, SourceError } from '../errors.js';
import { blockName } from './block-names.js';
import type { ParsedSection } from './parse-section.js';

/**
 * The streep of a beslisnota: "Alles onder deze streep wordt verwijderd". In the Markdown it is a fenced block
 * of its own, at the top level of a section, holding the sentence printed with the rule:
 *
 *     ```streep
 *     Alles onder deze streep wordt verwijderd. …
 *     ```
 *
 * The internal version prints everything; the public (Woo) version ends at the streep: what follows it in its
 * file and every later file is left out before anything is rendered, so none of it can reach the PDF.
 *
 * Its name is read in any case and without the blanks around it (```Streep, ```STREEP, ~~~streep are the
 * streep, block-names.ts); a fence with other words after it, or with any other name, stops the build
 * (check-fences.ts), as does a streep written inline (```streep``` on a line of text is inline code).
 */
export const STREEP = 'streep';

export function isStreep(node: Nodes): node is Code {
  return node.type === 'code' && blockName(node) === STREEP;
}

/** A streep anywhere but at the top level (in a list, a quote, a footnote, a table cell) is an error. */
export function checkStreep(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  visit(section.tree, (node, _index, parent) => {
    const where = (n: Nodes) => [section.file, n.position?.start.line, n.position?.start.column] as const;
    if (isStreep(node) && parent && parent.type !== 'root') {
      const inside = parent.type === 'listItem' ? 'a list' : parent.type === 'blockquote' ? 'a quote' : parent.type === 'footnoteDefinition' ? 'a footnote' : `a ${parent.type}`;
      errors.push(new SourceError(...where(node), `the streep stands inside ${inside} — put the \`\`\`streep block on its own, at the left margin, between paragraphs`));
    }
    const inline = (node.type === 'inlineCode' && node.value.trim().toLowerCase().startsWith(STREEP)) || (node.type === 'text' && /```\s*streep/i.test(node.value));
    if (inline && inTable(section.tree, node)) errors.push(new SourceError(...where(node), 'the streep stands inside a table — end the table first and put the ```streep block on its own below it'));
    else if (inline && node.type === 'inlineCode' && parent && (parent.type === 'paragraph' || parent.type === 'heading') && parent.children[0] === node) {
      // ```streep``` (or `streep …`) opening a line is inline code: the line and the paragraph after it print as text.
      errors.push(new SourceError(...where(node), 'a streep written on one line with its fences is inline code, printed as text — write ```streep on a line of its own, the sentence on the next lines, and ``` on a line of its own below them'));
    }
  });
  return errors;
}

function inTable(tree: Root, target: Nodes): boolean {
  let found = false;
  visit(tree, 'table', (table) => {
    visit(table, (n) => {
      if (n === target) found = true;
    });
  });
  return found;
}

/** Where the streep is: the section and the index of its block; more than one streep is an error. */
export function findStreep(sections: ParsedSection[]): { section: number; index: number } | undefined {
  const found: { section: number; index: number; node: Code }[] = [];
  sections.forEach((s, section) =>
    s.tree.children.forEach((node, index) => {
      if (isStreep(node)) found.push({ section, index, node });
    }),
  );
  if (found.length > 1) {
    const second = found[1]!;
    const first = found[0]!;
    throw new SourceError(sections[second.section]!.file, second.node.position?.start.line, second.node.position?.start.column, `a second streep — a document has one (the first is at ${location(sections[first.section]!.file, first.node.position?.start.line)})`);
  }
  return found[0];
}

/**
 * The sections of the public version: everything up to and including the streep; every node below it is gone,
 * footnote and link definitions too (one that a call above the streep uses is an error: streepReferences).
 */
export function aboveStreep(sections: ParsedSection[]): ParsedSection[] {
  const at = findStreep(sections);
  if (!at) return sections;
  const cut = sections[at.section]!;
  const tree: Root = { ...cut.tree, children: cut.tree.children.slice(0, at.index + 1) };
  return [...sections.slice(0, at.section), { ...cut, tree }];
}

/**
 * "Alles onder deze streep wordt verwijderd": nothing written below the streep may reach the public version by
 * a reference from above it. A footnote called above the streep whose definition is written below it (at the
 * top level, or nested in a quote or a list) and a link reference (`[tekst][ref]`) above it whose definition
 * (`[ref]: adres`) is below it are errors, at the definition: the note's text or the link's address would be
 * published — or, left out, the call would print as its raw brackets.
 */
export function streepReferences(sections: ParsedSection[]): SourceError[] {
  const section = sections.find((s) => s.tree.children.some(isStreep));
  if (!section) return [];
  const index = section.tree.children.findIndex(isStreep);
  const above: Root = { type: 'root', children: section.tree.children.slice(0, index) };
  const below: Root = { type: 'root', children: section.tree.children.slice(index + 1) };
  const notesAbove = new Set<string>();
  const linksAbove = new Set<string>();
  const definedAbove = new Set<string>();
  visit(above, (n) => {
    if (n.type === 'footnoteReference') notesAbove.add(n.identifier);
    if (n.type === 'linkReference' || n.type === 'imageReference') linksAbove.add(n.identifier);
    if (n.type === 'definition') definedAbove.add(n.identifier);
  });
  const errors: SourceError[] = [];
  visit(below, (n) => {
    const at = (message: string) => errors.push(new SourceError(section.file, n.position?.start.line, n.position?.start.column, message));
    if (n.type === 'footnoteDefinition' && notesAbove.has(n.identifier)) at(`the note [^${n.label ?? n.identifier}] called above the streep is written below it, and everything below the streep is left out of the public version — move its definition above the streep`);
    if (n.type === 'definition' && linksAbove.has(n.identifier) && !definedAbove.has(n.identifier)) at(`the link reference [${n.label ?? n.identifier}] used above the streep is defined below it, and everything below the streep is left out of the public version — move the definition [${n.label ?? n.identifier}]: … above the streep`);
  });
  return errors;
}

/**
 * A streep fence inside an HTML comment (`<!-- ```streep … -->`) is no streep: the comment hides it, and the
 * public version would print everything below it. Refused at the fence's line, in any case, with backticks or
 * tildes.
 */
export function streepInComment(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  visit(section.tree, 'html', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const m of section.text.slice(start, end).matchAll(/(?:`{3,}|~{3,})[ \t]*streep/gi)) {
      const { line, column } = lineColumnAt(section.text, start + m.index);
      errors.push(new SourceError(section.file, line, column, 'a streep inside an HTML comment (<!-- … -->) is no streep: the comment hides it, and the public version would print everything below it — take the streep out of the comment (or delete it from the comment)'));
    }
  });
  return errors;
}

/**
 * A document without a public version of its own (a Kamerbrief is public as a whole) has no streep: the text
 * under it would be printed, not removed.
 */
export function streepNotAllowed(sections: ParsedSection[]): SourceError[] {
  const errors: SourceError[] = [];
  for (const s of sections) {
    for (const node of s.tree.children) {
      if (isStreep(node)) errors.push(new SourceError(s.file, node.position?.start.line, node.position?.start.column, 'a streep belongs in a beslisnota: this document is public as a whole, so the text under the streep would be printed, not removed — take the streep and the text under it out of this document'));
    }
  }
  return errors;
}
