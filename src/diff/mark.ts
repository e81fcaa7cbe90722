import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { AtomRules, Counts } from './inline-diff.js';
import { isWord, tokenize } from './tokens.js';

/**
 * A block that is only in one revision, marked as a whole and keeping its structure: every text in <ins> (or
 * <del>), footnote calls marked. Returns the words it counts.
 */
export function markAll(block: Element, how: 'ins' | 'del', rules: AtomRules): { element: Element; words: number } {
  const element = structuredClone(block);
  let words = 0;
  const walk = (node: Element) => {
    node.children = node.children.flatMap((child): ElementContent[] => {
      if (child.type === 'text') {
        if (child.value.trim() === '') return [child];
        words += tokenize(child.value).filter((t) => isWord(t.text)).length;
        return [h(how, child.value)];
      }
      if (child.type !== 'element') return [child];
      if (rules.keyOf(child) !== undefined) {
        if (how === 'del') return [rules.deletedAtom(child)];
        rules.insertedAtom(child);
        return [child];
      }
      walk(child);
      return [child];
    });
  };
  walk(element);
  return { element, words };
}

export function addClass(el: Element, name: string): Element {
  const current: unknown = el.properties.className;
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(' ') : [];
  el.properties.className = [...list, name];
  return el;
}

export function countsOf(how: 'ins' | 'del', words: number): Counts {
  return how === 'ins' ? { inserted: words, deleted: 0 } : { inserted: 0, deleted: words };
}
