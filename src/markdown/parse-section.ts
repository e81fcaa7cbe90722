import type { Root } from 'mdast';
import type { MarkdownSource } from '../load/load-document.js';
import { cached, cacheKey } from '../disk-cache.js';

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
  return Promise.all(
    sources.map(async (source) => ({
      ...source,
      tree: await cached('mdast', cacheKey(PARSER_ID, source.text), async () => {
        // micromark and its extensions (≈150 KB of code) are loaded only when a section changed.
        const { parseMarkdown } = await import('./markdown-parser.js');
        return parseMarkdown(source.text);
      }),
    })),
  );
}

const PARSER_ID = typeof __PARSER_VERSIONS__ === 'string' ? __PARSER_VERSIONS__ : 'unbundled';
