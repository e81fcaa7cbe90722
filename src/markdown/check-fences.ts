import { visit } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

/**
 * A fenced block (```tabel, ```grafiek, ```streep …) without its closing fence runs, by CommonMark's rule, to
 * the end of the file and silently swallows everything after it. Refused at the opening fence.
 */
export function checkFences(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  const lines = section.text.split('\n');
  visit(section.tree, 'code', (node) => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end) return;
    const open = /^\s*(`{3,}|~{3,})/.exec(lines[start.line - 1] ?? '');
    if (!open) return; // indented code has no fence
    const fence = open[1]!;
    const last = lines[end.line - 1] ?? '';
    const closed = end.line > start.line && new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(last);
    if (!closed) {
      errors.push(new SourceError(section.file, start.line, start.column, `the block opened here with ${fence}${node.lang ?? ''} is never closed, so it takes in the rest of the file — add a line ${fence} where the block ends`));
    }
  });
  return errors;
}
