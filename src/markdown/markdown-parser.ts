import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

/** GitHub-flavoured Markdown → mdast (unified + remark-parse + remark-gfm). Loaded only when a tree is not cached. */
export function parseMarkdown(text: string): Root {
  return parser.runSync(parser.parse(text)) as Root;
}
