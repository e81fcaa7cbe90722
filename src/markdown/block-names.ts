import type { Code } from 'mdast';

/**
 * The fenced blocks voortgang knows, by the name on their opening fence. Nothing else may be fenced: a fenced
 * block of any other name — or of none — would print its lines as a code block, which is how a mistyped
 * streep (```Streep, ```streep extra …) once put internal text in the public version.
 */
export const BLOCK_NAMES = ['streep', 'tabel', 'grafiek'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/**
 * The block a fenced code node is, or undefined. The name is the fence's info string, which CommonMark already
 * trims of leading and trailing blanks, compared in any case: ```Streep, ```STREEP and ~~~streep are the streep.
 * A name followed by other words (```streep extra) is no block: check-fences.ts refuses it at its line.
 */
export function blockName(node: Code): BlockName | undefined {
  if (node.lang === null || node.lang === undefined || (node.meta ?? '') !== '') return undefined;
  const name = node.lang.toLowerCase();
  return (BLOCK_NAMES as readonly string[]).includes(name) ? (name as BlockName) : undefined;
}

/** The names as a user writes them, for messages: ```streep, ```tabel, ```grafiek. */
export const BLOCK_LIST = BLOCK_NAMES.map((n) => `\`\`\`${n}`).join(', ');
