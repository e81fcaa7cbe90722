import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

/**
 * What a letter may point at: a web page (http, https), an e-mail address (mailto) or a place in the letter
 * itself (#…). Anything else — javascript:, file:, data:, a relative path — would become a live link
 * annotation in the PDF, so it is refused where it is written, in inline links, autolinks and the
 * definitions of reference links alike. Images are refused in every syntax: a letter's figures come from data.
 */
export const ALLOWED_LINK = /^(https?:\/\/[^\s]+|mailto:[^\s]+|#[^\s]*)$/i;

export function checkLinks(section: ParsedSection): SourceError[] {
  const errors: SourceError[] = [];
  const at = (node: Nodes, message: string) => errors.push(new SourceError(section.file, node.position?.start.line, node.position?.start.column, message));
  visit(section.tree, (node) => {
    if ((node.type === 'link' || node.type === 'definition') && !ALLOWED_LINK.test(node.url.trim())) {
      at(node, `link to "${shorten(node.url)}": a letter links only to web pages (https://…), e-mail addresses (mailto:…) or places in the letter (#…) — write the address in full, or leave the link out`);
    }
    if (node.type === 'image' || node.type === 'imageReference') {
      const what = node.type === 'image' ? node.url : `[${node.label ?? node.identifier}]`;
      at(node, `images are not supported in a letter (${shorten(what)}) — use a \`tabel\` or \`grafiek\` block for figures`);
    }
  });
  return errors;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
