import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { signature, type AtomRules } from './inline-diff.js';
import { tokenize } from './tokens.js';
import { addClass } from './mark.js';

/**
 * A paragraph split in two (or more) or paragraphs joined into one, with the same words in the same order:
 * no word changed, only where a paragraph ends. `old` and `now` are the paragraphs of each revision.
 */
export interface Regrouping {
  how: 'gesplitst' | 'samengevoegd';
  old: Element[];
  now: Element[];
}

/** A stretch of blocks between equal ones: what is left after taking out the splits and joins, or one of those. */
export type GapPart = { removed: ElementContent[]; added: ElementContent[] } | Regrouping;

const isParagraph = (b: ElementContent | undefined): b is Element => b?.type === 'element' && b.tagName === 'p';

/**
 * The removed and added blocks between two equal ones, with every split and join of paragraphs taken out (in
 * order): a removed paragraph whose tokens are those of consecutive added paragraphs, one after the other, or
 * the other way round.
 */
export function findRegroupings(removed: ElementContent[], added: ElementContent[], rules: AtomRules): GapPart[] {
  const parts: GapPart[] = [];
  let i0 = 0;
  let j0 = 0;
  search: for (let i = i0; i < removed.length; i++) {
    for (let j = j0; j < added.length; j++) {
      const found = runAt(removed, i, added, j, rules) ?? runAt(added, j, removed, i, rules);
      if (!found) continue;
      const split = found.one === removed[i];
      const group: Regrouping = split ? { how: 'gesplitst', old: [found.one], now: found.many } : { how: 'samengevoegd', old: found.many, now: [found.one] };
      parts.push({ removed: removed.slice(i0, i), added: added.slice(j0, j) }, group);
      i0 = i + group.old.length;
      j0 = j + group.now.length;
      i = i0 - 1;
      continue search;
    }
  }
  parts.push({ removed: removed.slice(i0), added: added.slice(j0) });
  return parts.filter((p) => !('removed' in p) || p.removed.length > 0 || p.added.length > 0);
}

/** `ones[i]` has the tokens of `manys[j]`, `manys[j + 1]` … (two or more paragraphs) one after the other. */
function runAt(ones: ElementContent[], i: number, manys: ElementContent[], j: number, rules: AtomRules): { one: Element; many: Element[] } | undefined {
  const one = ones[i];
  if (!isParagraph(one)) return undefined;
  const whole = signature(one, rules);
  let joined = '';
  const many: Element[] = [];
  for (let k = j; k < manys.length; k++) {
    const next = manys[k];
    if (!isParagraph(next)) return undefined;
    const sig = signature(next, rules);
    if (sig === '') return undefined;
    joined = joined ? `${joined} ${sig}` : sig;
    many.push(next);
    if (joined === whole) return many.length >= 2 ? { one, many } : undefined;
    if (!whole.startsWith(`${joined} `)) return undefined;
  }
  return undefined;
}

/** A paragraph mark (¶) inserted or deleted: where a paragraph now ends, or ended. No word. */
function paragraphMark(how: 'ins' | 'del'): Element {
  return h(how, { className: ['diff-alineagrens'] }, '¶');
}

/**
 * The new paragraphs of a split or join as the redline shows them: a split with an inserted ¶ at the end of
 * each paragraph but the last, a join with a deleted ¶ where each old paragraph ended. Also the few words a
 * change list shows: the text around the first mark (the end of one paragraph, the start of the next).
 */
export function renderRegrouping(g: Regrouping, rules: AtomRules): { blocks: Element[]; shown: Element } {
  if (g.how === 'gesplitst') {
    const blocks = g.now.map((p, k) => {
      // The change bar of a changed block (diff-gewijzigd), and what changed (diff-gesplitst).
      const copy = addClass(addClass(structuredClone(p), 'diff-gewijzigd'), 'diff-gesplitst');
      if (k < g.now.length - 1) copy.children.push({ type: 'text', value: ' ' }, paragraphMark('ins'));
      return copy;
    });
    const shown = h('p', [...structuredClone(g.now[0]!.children), { type: 'text', value: ' ' }, paragraphMark('ins'), { type: 'text', value: ' ' }, ...structuredClone(g.now[1]!.children)]);
    return { blocks, shown };
  }
  const joined = addClass(addClass(structuredClone(g.now[0]!), 'diff-gewijzigd'), 'diff-samengevoegd');
  let at = 0;
  for (const p of g.old.slice(0, -1)) {
    at += signature(p, rules).split(' ').length;
    insertAfterToken(joined, at, paragraphMark('del'), rules);
  }
  return { blocks: [joined], shown: joined };
}

/**
 * Puts `node` right after the element's n-th token (counted as the word diff counts them: a footnote call is
 * one token), preceded by a space.
 */
function insertAfterToken(el: Element, n: number, node: Element, rules: AtomRules): void {
  let seen = 0;
  const walk = (parent: Element): boolean => {
    for (let c = 0; c < parent.children.length; c++) {
      const child = parent.children[c]!;
      if (child.type === 'text') {
        const tokens = tokenize(child.value);
        if (seen + tokens.length >= n) {
          const t = tokens[n - seen - 1]!;
          const end = t.at + t.text.length;
          parent.children.splice(c, 1, { type: 'text', value: `${child.value.slice(0, end)} ` }, node, { type: 'text', value: child.value.slice(end) });
          return true;
        }
        seen += tokens.length;
      } else if (child.type === 'element') {
        if (rules.keyOf(child) !== undefined) {
          if (++seen === n) {
            parent.children.splice(c + 1, 0, { type: 'text', value: ' ' }, node);
            return true;
          }
        } else if (walk(child)) return true;
      }
    }
    return false;
  };
  walk(el);
}
