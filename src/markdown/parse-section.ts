import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { MarkdownSource } from '../load/load-document.js';

const parser = unified().use(remarkParse).use(remarkGfm);

export interface ParsedSection extends MarkdownSource {
  tree: Root;
}

export function parseSection(source: MarkdownSource): ParsedSection {
  return { ...source, tree: parser.runSync(parser.parse(source.text)) as Root };
}
