import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import { showInvisible } from '../load/text-guard.js';
import { BLOCK_LIST, BLOCK_NAMES, blockName } from './block-names.js';
import type { ParsedSection } from './parse-section.js';

/**
 * Fenced blocks are voortgang's blocks (```streep, ```tabel, ```grafiek) and nothing else. Refused, each at its
 * opening fence:
 * - a block without its closing fence: by CommonMark's rule it runs to the end of the file and silently
 *   swallows everything after it;
 * - a fence whose info string names no block (```Tabellen, ```yaml), names one with other words after it
 *   (```streep extra), or names none (``` alone): each would print its lines as a code block — the way a
 *   mistyped streep prints the text meant to stay internal;
 * - an indented code block (a line indented by four spaces or more after a blank line): it too prints as code,
 *   and a ```streep indented that far is no streep but a line of it.
 * A block's name is compared in any case and CommonMark trims the info string, so ```Streep, ```STREEP,
 * ```streep followed by spaces and ~~~streep are the streep (block-names.ts).
 */
export function checkFences(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  const lines = section.text.split('\n');
  visit(section.tree, 'code', (node) => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end) return;
    // What the user wrote is quoted with its invisible characters shown (```streep\u00a0): they are why it is no block.
    const at = (message: string) => errors.push(new SourceError(section.file, start.line, start.column, showInvisible(message)));
    // A fenced block's node starts at its fence; an indented one's at its indentation.
    const open = /^(`{3,}|~{3,})/.exec(start.offset === undefined ? '' : section.text.slice(start.offset, start.offset + 64));
    if (!open) {
      at(`a line indented by four spaces or more is read as a code block and would be printed as code — take the indentation away (to continue a list item, indent as far as the item's text)`);
      return;
    }
    const fence = open[1]!;
    const problem = infoProblem(node, fence);
    if (problem) at(problem);
    const last = lines[end.line - 1] ?? '';
    const closed = end.line > start.line && new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(last);
    if (!closed) at(`the block opened here with ${fence}${node.lang ?? ''} is never closed, so it takes in the rest of the file — add a line ${fence} where the block ends`);
  });
  return errors;
}

/** What is wrong with a fence's info string, or undefined when it names one of voortgang's blocks. */
function infoProblem(node: Code, fence: string): string | undefined {
  if (blockName(node)) return undefined;
  const written = [node.lang, node.meta].filter(Boolean).join(' ');
  if (!node.lang) return `a fenced block without a name (${fence} alone) would print its lines as code — name the block (${BLOCK_LIST}), or delete the fence lines to print the text as a paragraph`;
  const name = node.lang.toLowerCase();
  if ((BLOCK_NAMES as readonly string[]).includes(name)) {
    return `${fence}${written}: a ${name} block has nothing after its name on the fence line — write ${fence}${name} alone on the line${name === 'streep' ? ', and the sentence under the rule on the lines below it' : ', and its fields on the lines below it'}`;
  }
  return `${fence}${written} is not a block voortgang knows, and would print its lines as code — the blocks are ${BLOCK_LIST}; to print the text, delete the fence lines`;
}
