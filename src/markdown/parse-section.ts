import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import type { MarkdownSource } from '../load/load-document.js';
import { readCache, writeCache } from '../disk-cache.js';

declare const __PARSER_VERSIONS__: string | undefined;

export interface ParsedSection extends MarkdownSource {
  tree: Root;
}

/**
 * Parses sections with remark-parse + remark-gfm. micromark needs ~2 ms per KB, most of a cold build's own
 * work, so syntax trees are kept in node_modules/.cache/voortgang/mdast, keyed by the text and the parser
 * versions: a section that did not change is not parsed again. The tree is a pure function of that key.
 * A process that builds again (a preview loop, the bench's warm runs) also keeps the trees in memory: they
 * are shared and read-only — later steps only read them.
 */
export async function parseSections(sources: MarkdownSource[]): Promise<ParsedSection[]> {
  const keys = sources.map((source) => createHash('sha256').update(PARSER_ID).update('\0').update(source.text).digest('hex'));
  const trees = keys.map((key) => inMemory.get(key) ?? readCached(key));
  if (trees.some((t) => t === undefined)) {
    // micromark and its extensions (≈150 KB of code) are loaded only when a section changed.
    const { parseMarkdown } = await import('./markdown-parser.js');
    trees.forEach((tree, i) => {
      if (tree !== undefined) return;
      trees[i] = parseMarkdown(sources[i]!.text);
      writeCache('mdast', `${keys[i]}.json`, JSON.stringify(trees[i]));
    });
  }
  if (inMemory.size > 500) inMemory.clear();
  keys.forEach((key, i) => inMemory.set(key, trees[i]!));
  return sources.map((source, i) => ({ ...source, tree: trees[i]! }));
}

const inMemory = new Map<string, Root>();

function readCached(key: string): Root | undefined {
  const text = readCache('mdast', `${key}.json`);
  return text === undefined ? undefined : (JSON.parse(text) as Root);
}

const PARSER_ID = typeof __PARSER_VERSIONS__ === 'string' ? __PARSER_VERSIONS__ : 'unbundled';
