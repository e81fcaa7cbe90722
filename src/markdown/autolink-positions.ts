import type { Nodes, Parent, Root } from 'mdast';
import { lineColumnAt } from '../errors.js';

/**
 * GFM's autolink literals (`www.x.nl`, `piet@x.nl`, `https://…` written bare) are found after parsing, by
 * splitting text nodes — and the parts (the text before and after, the link and its text) get no source
 * position. A redaction around an address (`[[5.1.2e: piet@x.nl]]`) is found by its brackets' places in the
 * source, so those parts are given their positions again: each searched for in the source, in order, between the
 * positioned siblings around them. A part that cannot be found as written (an escape, a character reference in
 * it) keeps none.
 */
export function restoreAutolinkPositions(tree: Root, source: string): void {
  const walk = (node: Nodes) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    if (parent.children.some((c) => !c.position) && parent.position?.start.offset !== undefined) place(parent, source);
    for (const child of parent.children) walk(child as Nodes);
  };
  walk(tree);
}

function place(parent: Parent, source: string): void {
  let cursor = parent.position!.start.offset!;
  for (const child of parent.children) {
    if (child.position?.end.offset !== undefined) {
      cursor = child.position.end.offset;
      continue;
    }
    const written = child.type === 'text' ? child.value : child.type === 'link' && child.children.length === 1 && child.children[0]!.type === 'text' ? child.children[0].value : undefined;
    if (!written) return;
    const at = source.indexOf(written, cursor);
    if (at < 0 || (parent.position?.end.offset !== undefined && at + written.length > parent.position.end.offset)) return;
    const position = { start: point(source, at), end: point(source, at + written.length) };
    child.position = position;
    if (child.type === 'link') child.children[0]!.position = { start: { ...position.start }, end: { ...position.end } };
    cursor = at + written.length;
  }
}

function point(source: string, offset: number) {
  return { ...lineColumnAt(source, offset), offset };
}
