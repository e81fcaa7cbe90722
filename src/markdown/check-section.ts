import type { Html, Nodes, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { lineColumnAt, SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

const RAW_HTML = 'is not supported — write it in Markdown: **bold**, *italic*, [^label] for a footnote, a `tabel` block for figures';

/** Constructs voortgang does not print; each is reported where it is written. */
export function checkSection(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  const at = (node: Nodes, message: string) =>
    errors.push(new SourceError(section.file, node.position?.start.line, node.position?.start.column, message));
  const atOffset = (offset: number, message: string) => {
    const { line, column } = lineColumnAt(section.text, offset);
    errors.push(new SourceError(section.file, line, column, message));
  };

  visit(section.tree, (node) => {
    if (node.type === 'html') checkHtml(section.text, node, at, atOffset);
    if (node.type === 'text') checkText(section.text, node, atOffset);
  });
  return errors;
}

/**
 * HTML comments (`<!-- pagina 2 ontbreekt -->`) are source comments: allowed anywhere, over several lines too,
 * and never printed (mdast-util-to-hast drops html nodes). Any other raw HTML is refused where it is written.
 */
function checkHtml(source: string, node: Html, at: (node: Nodes, message: string) => void, atOffset: (offset: number, message: string) => void): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const written = start !== undefined && end !== undefined ? source.slice(start, end) : undefined;
  if (written === undefined || !written.includes('<!--')) {
    at(node, `raw HTML (${node.value.slice(0, 30)}) ${RAW_HTML}`);
    return;
  }
  // The node as written, as comments and the gaps between them.
  let rest: { offset: number; text: string } | undefined;
  let pos = 0;
  for (const m of written.matchAll(COMMENT)) {
    if (m[0] === '<!--') {
      atOffset(start! + m.index, UNCLOSED);
      return;
    }
    rest ??= firstWritten(written.slice(pos, m.index), start! + pos);
    pos = m.index + m[0].length;
  }
  rest ??= firstWritten(written.slice(pos), start! + pos);
  if (!rest) return; // comments only: dropped
  if (written.trimStart().startsWith('<!--') && !rest.text.startsWith('<')) {
    atOffset(rest.offset, `text after a comment on its line (${rest.text.slice(0, 30)}) would be dropped with it: a comment that begins a line takes the rest of that line — put the text on a line of its own`);
  } else {
    atOffset(rest.offset, `raw HTML (${rest.text.slice(0, 30)}) ${RAW_HTML}`);
  }
}

/** A comment (`<!-- … -->`, also the short `<!-->` and `<!--->`), or an opening `<!--` that is never closed. */
const COMMENT = /<!--(?:->|>|[\s\S]*?-->)|<!--/g;

const UNCLOSED = '`<!--` opens a comment that is never closed — end it with `-->` (a comment may span several lines), or write `\\<!--` to print the characters';

/** The first non-blank text of a gap between comments, with its offset in the file. */
function firstWritten(gap: string, offset: number): { offset: number; text: string } | undefined {
  const i = gap.search(/\S/);
  return i < 0 ? undefined : { offset: offset + i, text: gap.slice(i).trim() };
}

/** Text that still holds `<!--` was not read as a comment: its `-->` is missing. An escaped `\<!--` is text. */
function checkText(source: string, node: Text, atOffset: (offset: number, message: string) => void): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || !node.value.includes('<!--')) return;
  const written = source.slice(start, end);
  for (const m of written.matchAll(/<!--/g)) {
    if (written[m.index - 1] === '\\' || (m.index === 0 && source[start - 1] === '\\')) continue;
    atOffset(start + m.index, UNCLOSED);
    return;
  }
}
