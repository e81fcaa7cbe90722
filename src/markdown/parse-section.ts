import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { MarkdownSource } from '../load/load-document.js';
import { readCache, writeCache } from '../disk-cache.js';

declare const __PARSER_VERSIONS__: string | undefined;

const parser = unified().use(remarkParse).use(remarkGfm);

export interface ParsedSection extends MarkdownSource {
  tree: Root;
}

/**
 * Parses a section with remark-parse + remark-gfm. micromark needs ~2 ms per KB, most of a cold build's own
 * work, so syntax trees are kept in node_modules/.cache/voortgang/mdast, keyed by the text and the parser
 * versions: a section that did not change is not parsed again. The tree is a pure function of that key.
 * A process that builds again (a preview loop, the bench's warm runs) also keeps the trees in memory: they
 * are shared and read-only — later steps only read them.
 */
export function parseSection(source: MarkdownSource): ParsedSection {
  const key = createHash('sha256').update(PARSER_ID).update('\0').update(source.text).digest('hex');
  const known = inMemory.get(key);
  if (known) return { ...source, tree: known };
  const tree = readCached(key) ?? parse(key, source.text);
  if (inMemory.size > 500) inMemory.clear();
  inMemory.set(key, tree);
  return { ...source, tree };
}

const inMemory = new Map<string, Root>();

function readCached(key: string): Root | undefined {
  const text = readCache('mdast', `${key}.json`);
  return text === undefined ? undefined : (JSON.parse(text) as Root);
}

function parse(key: string, text: string): Root {
  const tree = parser.runSync(parser.parse(text)) as Root;
  writeCache('mdast', `${key}.json`, JSON.stringify(tree));
  return tree;
}

const PARSER_ID = typeof __PARSER_VERSIONS__ === 'string' ? __PARSER_VERSIONS__ : 'unbundled';
