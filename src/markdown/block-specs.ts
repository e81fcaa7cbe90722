import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { cached, cacheKey } from '../disk-cache.js';
import { SOURCE_FORMAT_ID } from '../load/format-id.js';
import type { Grafiek, Tabel } from '../validate/block-schemas.js';
import type { ParsedSection } from './parse-section.js';
import { blockName } from './block-names.js';

export type BlockSpec = Tabel | Grafiek;

/**
 * The fields of every ```tabel and ```grafiek block of the document, validated — or taken from the cache of
 * validated blocks (node_modules/.cache/voortgang/blocks, keyed by the block's text), so that a build of
 * unchanged sources needs neither the YAML parser nor zod. A block with a mistake is never cached: its error is
 * reported at its file and line each time.
 */
export async function blockSpecs(sections: ParsedSection[]): Promise<Map<Code, BlockSpec>> {
  const blocks: Array<{ node: Code; file: string }> = [];
  for (const section of sections) {
    visit(section.tree, 'code', (node) => {
      if (blockName(node) === 'tabel' || blockName(node) === 'grafiek') blocks.push({ node, file: section.file });
    });
  }
  const specs = new Map<Code, BlockSpec>();
  for (const { node, file } of blocks) {
    const spec = await cached('blocks', cacheKey(SOURCE_FORMAT_ID, blockName(node)!, node.value), async () => (await import('../validate/validate-sources.js')).validateBlock(file, node));
    specs.set(node, spec);
  }
  return specs;
}
