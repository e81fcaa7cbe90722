import type { Element, ElementContent, Text } from 'hast';
import { diffArrays } from 'diff';
import { h } from 'hastscript';
import { isWord, tokenize } from './tokens.js';

/** Words inserted and deleted: what the summary counts. Punctuation changes show, but count no words. */
export interface Counts {
  inserted: number;
  deleted: number;
}

/**
 * How inline atoms are compared and shown: a footnote call is one token, named by its note's key, so that a
 * renumbered note is no change; a call that is gone is shown by `deletedAtom` (its note, marked as removed).
 */
export interface AtomRules {
  keyOf(el: Element): string | undefined;
  deletedAtom(el: Element): ElementContent;
  insertedAtom(el: Element): void;
}

interface Run {
  tokens: string[];
  /** Whether each token had white space before it in the source: deleted words are shown as they were written ("50+ beurs"). */
  spaced: boolean[];
  atoms: Map<number, Element>;
}

/** The tokens of an element's text in reading order, atoms (footnote calls) as one token each. */
function tokensOf(el: Element, rules: AtomRules, visitText?: (t: Text, parent: Element) => void, visitAtom?: (a: Element, parent: Element) => void): Run {
  const run: Run = { tokens: [], spaced: [], atoms: new Map() };
  let last = ' '; // the character before the next text, across elements
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        visitText?.(child, node);
        for (const t of tokenize(child.value)) {
          run.tokens.push(t.text);
          run.spaced.push(/\s/.test(t.at > 0 ? child.value[t.at - 1]! : last));
        }
        if (child.value !== '') last = child.value[child.value.length - 1]!;
      } else if (child.type === 'element') {
        const key = rules.keyOf(child);
        if (key !== undefined) {
          visitAtom?.(child, node);
          run.atoms.set(run.tokens.length, child);
          run.tokens.push(`\u0000${key}`);
          run.spaced.push(/\s/.test(last));
          last = '^';
        } else walk(child);
      }
    }
  };
  walk(el);
  return run;
}

/** An element's tokens and their text joined, computed once: alignment and move detection compare the same blocks many times. */
const known = new WeakMap<Element, string[]>();
const joined = new WeakMap<Element, string>();
function tokenList(el: Element, rules: AtomRules): string[] {
  let tokens = known.get(el);
  if (!tokens) known.set(el, (tokens = tokensOf(el, rules).tokens));
  return tokens;
}

/** The text of an element as tokens joined, for comparing blocks. */
export function signature(el: Element, rules: AtomRules): string {
  let text = joined.get(el);
  if (text === undefined) joined.set(el, (text = tokenList(el, rules).join(' ')));
  return text;
}

/** Whether two blocks have at least this share of their tokens in common, in order (see similarityAtLeast). */
export function isSimilar(a: Element, b: Element, rules: AtomRules, atLeast: number): boolean {
  return similarityAtLeast(tokenList(a, rules), tokenList(b, rules), atLeast) !== undefined;
}

/**
 * The share of tokens two token lists have in common, in order (0 … 1: twice the tokens in common over both
 * lengths), when it is at least `floor`; else undefined. Pairs that cannot reach the floor are not measured in
 * full: the shorter list and the tokens both lists hold (in any order) bound the share from above, and the word
 * diff stops as soon as it needs more insertions and deletions than the floor leaves room for. The share
 * returned is the one the whole diff gives.
 */
export function similarityAtLeast(x: string[], y: string[], floor: number): number | undefined {
  const total = x.length + y.length;
  if (total === 0) return 1 >= floor ? 1 : undefined;
  if ((2 * Math.min(x.length, y.length)) / total < floor) return undefined;
  if ((2 * sharedTokens(countsOf(x), countsOf(y))) / total < floor) return undefined;
  // In common = (total − edits) / 2, so the floor allows (1 − floor) · total edits; one more absorbs rounding.
  const parts = diffArrays(x, y, { maxEditLength: Math.floor((1 - floor) * total) + 1 });
  if (!parts) return undefined;
  let common = 0;
  for (const c of parts) if (!c.added && !c.removed) common += c.value.length;
  const share = (2 * common) / total;
  return share >= floor ? share : undefined;
}

/** How often each token occurs in a token list, counted once per list. */
const counted = new WeakMap<string[], Map<string, number>>();
function countsOf(tokens: string[]): Map<string, number> {
  let counts = counted.get(tokens);
  if (!counts) {
    counts = new Map();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    counted.set(tokens, counts);
  }
  return counts;
}

/** The tokens two lists have in common in any order (each as often as the list that has it less often). */
function sharedTokens(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [t, n] of small) shared += Math.min(n, large.get(t) ?? 0);
  return shared;
}

/**
 * The new element with the word-level changes from the old one marked in place: inserted words in <ins>,
 * deleted words in <del> where they stood. The new element's structure (emphasis, links, footnote calls) is
 * kept; deleted words are shown as plain text.
 */
export function diffInline(oldEl: Element, newEl: Element, rules: AtomRules): { element: Element; counts: Counts; changed: boolean } {
  const old = tokensOf(oldEl, rules);
  const element = structuredClone(newEl);
  const texts: Array<{ node: Text; parent: Element; first: number }> = [];
  const atoms: Array<{ node: Element; parent: Element; index: number }> = [];
  let count = 0;
  const now = tokensOf(
    element,
    rules,
    (t, parent) => {
      texts.push({ node: t, parent, first: count });
      count += tokenize(t.value).length;
    },
    (a, parent) => {
      atoms.push({ node: a, parent, index: count });
      count += 1;
    },
  );

  const inserted = new Set<number>();
  const deletedBefore = new Map<number, number[]>(); // new token index → old token indices deleted just before it
  const counts: Counts = { inserted: 0, deleted: 0 };
  let i = 0;
  let j = 0;
  for (const change of diffArrays(old.tokens, now.tokens)) {
    if (change.added) {
      for (const t of change.value) {
        inserted.add(j++);
        if (isWord(t)) counts.inserted++;
      }
    } else if (change.removed) {
      const list = deletedBefore.get(j) ?? [];
      for (const t of change.value) {
        list.push(i++);
        if (isWord(t)) counts.deleted++;
      }
      deletedBefore.set(j, list);
    } else {
      i += change.value.length;
      j += change.value.length;
    }
  }
  const changed = inserted.size > 0 || deletedBefore.size > 0;
  if (!changed) return { element, counts, changed };

  const deletion = (indices: number[]): ElementContent[] => {
    const out: ElementContent[] = [];
    let words = '';
    const flush = () => {
      if (words) out.push(h('del', words));
      words = '';
    };
    for (const k of indices) {
      const atom = old.atoms.get(k);
      if (atom) {
        flush();
        out.push(rules.deletedAtom(atom));
      } else words += `${words && old.spaced[k] ? ' ' : ''}${old.tokens[k]!}`;
    }
    flush();
    return out;
  };

  // Text nodes: split into runs of unchanged text, <ins> and <del>.
  const replacements = new Map<Text, ElementContent[]>();
  for (const { node, first } of texts) {
    const out: ElementContent[] = [];
    const push = (kind: 'text' | 'ins', value: string) => {
      const last = out[out.length - 1];
      if (kind === 'text' && last?.type === 'text') last.value += value;
      else if (kind === 'ins' && last?.type === 'element' && last.tagName === 'ins') (last.children[0] as Text).value += value;
      else out.push(kind === 'text' ? { type: 'text', value } : h('ins', value));
    };
    const tokens = tokenize(node.value);
    let at = 0;
    tokens.forEach((t, k) => {
      const index = first + k;
      const gap = node.value.slice(at, t.at);
      const dels = deletedBefore.get(index);
      // Space between two inserted words belongs to the insertion.
      push(inserted.has(index) && inserted.has(index - 1) && k > 0 && !dels ? 'ins' : 'text', gap);
      if (dels) {
        out.push(...deletion(dels));
        push('text', gap === '' && /\S$/.test(node.value.slice(0, t.at)) ? '' : ' ');
      }
      push(inserted.has(index) ? 'ins' : 'text', t.text);
      at = t.at + t.text.length;
      if (index === count - 1 && deletedBefore.has(count)) {
        push('text', ' ');
        out.push(...deletion(deletedBefore.get(count)!));
      }
    });
    push('text', node.value.slice(at));
    replacements.set(node, out.filter((n) => !(n.type === 'text' && n.value === '')));
  }
  for (const { parent } of texts) {
    parent.children = parent.children.flatMap((c) => (c.type === 'text' && replacements.has(c) ? replacements.get(c)! : [c]));
  }
  // Atoms: deletions just before them; an inserted call is marked.
  for (const { node, parent, index } of atoms) {
    const dels = deletedBefore.get(index);
    if (dels) parent.children.splice(parent.children.indexOf(node), 0, ...deletion(dels), { type: 'text', value: ' ' });
    if (inserted.has(index)) rules.insertedAtom(node);
    if (index === count - 1 && deletedBefore.has(count)) parent.children.splice(parent.children.indexOf(node) + 1, 0, ...deletion(deletedBefore.get(count)!));
  }
  if (count === 0 && deletedBefore.has(0)) element.children.push(...deletion(deletedBefore.get(0)!));
  return { element, counts, changed };
}
