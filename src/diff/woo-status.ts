import type { Element, ElementContent } from 'hast';
import type { DocumentHast } from '../markdown/to-html.js';
import { REDACTION_CLASS } from '../markdown/redaction-hast.js';
import { isWord, tokenize } from './tokens.js';

/**
 * What a change does to the public (Woo) version of a beslisnota:
 * - `openbaar`: the public version shows it too (above the streep, outside a redaction — or a redaction's ground);
 * - `intern`: only the internal version shows it (below the streep, or only the words inside a redaction);
 * - `nu openbaar`: text the public version withheld is now in it (the streep moved down or deleted, a block
 *   moved above the streep, a redaction's brackets removed);
 * - `niet meer openbaar`: text the public version showed is now withheld (moved below the streep, redacted).
 */
export type WooLabel = 'openbaar' | 'intern' | 'nu openbaar' | 'niet meer openbaar';

export const WOO_TEXT: Record<WooLabel, string> = {
  openbaar: 'ook in de openbare versie',
  intern: 'alleen intern',
  'nu openbaar': 'nu openbaar',
  'niet meer openbaar': 'niet meer openbaar',
};

/** Whether the public version shows (or showed) something of the change. */
export const isPublic = (label: WooLabel): boolean => label !== 'intern';

const isStreep = (b: ElementContent): boolean => b.type === 'element' && b.tagName === 'div' && ((b.properties.className as string[] | undefined) ?? []).includes('streep');
const keyOf = (el: Element): string | undefined => (el.tagName === 'sup' && typeof el.properties.dataKey === 'string' ? el.properties.dataKey : undefined);
const isRedaction = (el: Element): boolean => el.tagName === 'mark' && ((el.properties.className as string[] | undefined) ?? []).includes(REDACTION_CLASS.marked);

/**
 * A revision's blocks and footnotes that its public version prints: every block up to and including the
 * streep (its sentence is printed), in reading order over the section files — all of them when there is no
 * streep — and the footnotes called from those blocks (or from such a footnote). `noteKey` names a note (and a
 * call inside a note) as the blocks' calls name it: the old revision's calls carry the new revision's keys.
 */
export function publicParts(doc: DocumentHast, noteKey: (key: string) => string = (k) => k): { blocks: Set<ElementContent>; notes: Set<string> } {
  const blocks = new Set<ElementContent>();
  let past = false;
  for (const section of doc.sections) {
    for (const b of section.blocks) {
      if (past) continue;
      blocks.add(b);
      if (isStreep(b)) past = true;
    }
  }
  const notes = new Set<string>();
  const content = new Map(doc.notes.map((n) => [noteKey(n.key), n.content]));
  const todo: Array<{ node: ElementContent; inNote: boolean }> = [...blocks].map((node) => ({ node, inNote: false }));
  while (todo.length) {
    const { node, inNote } = todo.pop()!;
    if (node.type !== 'element') continue;
    const called = keyOf(node);
    if (called === undefined) todo.push(...node.children.map((c) => ({ node: c, inNote })));
    else {
      const key = inNote ? noteKey(called) : called;
      if (notes.has(key)) continue;
      notes.add(key);
      todo.push(...(content.get(key) ?? []).map((c) => ({ node: c, inNote: true })));
    }
  }
  return { blocks, notes };
}

/** A block as the public version reads it: a redaction is its ground in a box, a footnote call its note. */
interface PublicReading {
  /** The tokens shown, a redaction as ⟦ground⟧. */
  shown: string[];
  /** Each redaction's passage, as tokens joined. */
  passages: string[];
}

function publicReading(blocks: ElementContent[]): PublicReading {
  const reading: PublicReading = { shown: [], passages: [] };
  const walk = (n: ElementContent, into: string[]): void => {
    if (n.type === 'text') into.push(...tokenize(n.value).map((t) => t.text));
    if (n.type !== 'element') return;
    const key = keyOf(n);
    if (key !== undefined) into.push(`^${key}`);
    else if (isRedaction(n)) {
      into.push(`⟦${String(n.properties.dataGrond)}⟧`);
      const passage: string[] = [];
      // The passage without its ground label (the span before it).
      for (const c of n.children) if (!(c.type === 'element' && ((c.properties.className as string[] | undefined) ?? []).includes(REDACTION_CLASS.label))) walk(c, passage);
      reading.passages.push(passage.join(' '));
    } else for (const c of n.children) walk(c, into);
  };
  for (const b of blocks) walk(b, reading.shown);
  return reading;
}

const hasRedaction = (blocks: ElementContent[]): boolean => blocks.some((b) => b.type === 'element' && (isRedaction(b) || hasRedaction(b.children)));

/**
 * Whether a redacted passage of `from` that `to` no longer redacts is shown by `to`'s public version: more than
 * half of its words (counted with repeats) are shown there more often than in `from`'s — so a passage whose
 * brackets were taken away counts even with a word of it changed, and a common word ("de") alone does not.
 */
function uncovered(from: PublicReading, to: PublicReading): boolean {
  const count = (tokens: string[], w: string) => tokens.filter((t) => t === w).length;
  return from.passages
    .filter((p) => !to.passages.includes(p))
    .some((p) => {
      const words = p.split(' ').filter(isWord);
      const shown = [...new Set(words)].reduce((n, w) => n + Math.min(count(words, w), Math.max(0, count(to.shown, w) - count(from.shown, w))), 0);
      return shown * 2 > words.length;
    });
}

/**
 * The Woo label of a change from `old` (public or not in the old revision) to `now` (in the new one); a block
 * only in one revision has only that side. Both sides public: the words a redaction uncovers make it "nu
 * openbaar", the words a new redaction covers "niet meer openbaar"; a change only of words inside redactions
 * (the public version shows the same boxes with the same grounds) is internal.
 */
export function wooLabel(old: { blocks: ElementContent[]; public: boolean } | undefined, now: { blocks: ElementContent[]; public: boolean } | undefined): WooLabel {
  if (!old) return now!.public ? 'openbaar' : 'intern';
  if (!now) return old.public ? 'openbaar' : 'intern';
  if (!old.public) return now.public ? 'nu openbaar' : 'intern';
  if (!now.public) return 'niet meer openbaar';
  const before = publicReading(old.blocks);
  const after = publicReading(now.blocks);
  if (uncovered(before, after)) return 'nu openbaar';
  if (uncovered(after, before)) return 'niet meer openbaar';
  const redacted = hasRedaction(old.blocks) || hasRedaction(now.blocks);
  return redacted && before.shown.join(' ') === after.shown.join(' ') ? 'intern' : 'openbaar';
}
