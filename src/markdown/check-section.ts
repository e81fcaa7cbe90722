import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

/** Constructs voortgang does not print; each is reported where it is written. */
export function checkSection(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  const at = (node: Nodes, message: string) =>
    errors.push(new SourceError(section.file, node.position?.start.line, node.position?.start.column, message));

  visit(section.tree, (node) => {
    if (node.type === 'html') at(node, `raw HTML (${node.value.slice(0, 30)}) is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a \`tabel\` block for figures`);
  });
  return errors;
}
