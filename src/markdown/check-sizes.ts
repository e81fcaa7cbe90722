import { visit } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

/**
 * The page-filling pass splits a paragraph between lines by measuring it in the browser; the cost grows with
 * the paragraph's length squared. Measured (bench, 2 cores): a 2.1 MB paragraph took 210 s of pagination for
 * 575 pages, where the 2022 letter's ≈ 300 paragraphs take ≈ 80 ms together. A paragraph is limited up front,
 * with the limit in the message, rather than by a timeout somewhere in the browser.
 */
export const MAX_PARAGRAPH = 50_000;

export function checkSizes(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  visit(section.tree, ['paragraph', 'heading', 'tableCell'], (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || end - start <= MAX_PARAGRAPH) return;
    const what = node.type === 'heading' ? 'a heading' : node.type === 'tableCell' ? 'a table cell' : 'a paragraph';
    errors.push(new SourceError(section.file, node.position?.start.line, node.position?.start.column, `${what} of ${(end - start).toLocaleString('en')} characters — at most ${MAX_PARAGRAPH.toLocaleString('en')} (about ten pages) fit in one block; split it into paragraphs`));
  });
  return errors;
}
