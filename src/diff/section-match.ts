import { basename } from 'node:path';
import type { Element } from 'hast';
import type { SectionHast } from '../markdown/to-html.js';
import { signature, type AtomRules } from './inline-diff.js';

export interface SectionPair {
  old?: SectionHast;
  now?: SectionHast;
  /** The old file name, when the file was renamed (more than its order number). */
  renamedFrom?: string;
}

const SHARED = 0.5; // sections sharing this share of their blocks (word for word) are one section

/**
 * The sections of two revisions paired by what they are, not by their file names: by title, else by the
 * blocks they share, else by the name without its order number (01-, 02- …), else by the same name. Sections
 * only in the old revision are placed after the section that preceded them.
 */
export function pairSections(oldSections: SectionHast[], newSections: SectionHast[], rules: AtomRules): SectionPair[] {
  const partner = new Map<SectionHast, SectionHast>();
  const used = new Set<SectionHast>();
  const link = (now: SectionHast, old: SectionHast | undefined) => {
    if (!old || partner.has(now)) return;
    partner.set(now, old);
    used.add(old);
  };
  const free = () => oldSections.filter((o) => !used.has(o));
  for (const now of newSections) link(now, free().find((o) => o.title === now.title));
  const blocks = new Map<SectionHast, Set<string>>();
  const sigs = (s: SectionHast) => {
    let set = blocks.get(s);
    if (!set) blocks.set(s, (set = new Set(s.blocks.filter((b): b is Element => b.type === 'element').map((b) => `${b.tagName} ${signature(b, rules)}`))));
    return set;
  };
  for (const now of newSections) {
    if (partner.has(now)) continue;
    let best: SectionHast | undefined;
    let score = 0;
    for (const old of free()) {
      const a = sigs(old);
      const b = sigs(now);
      let common = 0;
      for (const s of b) if (a.has(s)) common++;
      const share = common / Math.max(a.size, b.size, 1);
      if (share >= SHARED && share > score) [best, score] = [old, share];
    }
    link(now, best);
  }
  for (const now of newSections) link(now, free().find((o) => unnumbered(o.file) === unnumbered(now.file)));
  for (const now of newSections) link(now, free().find((o) => basename(o.file) === basename(now.file)));

  const pairs: SectionPair[] = newSections.map((now) => {
    const old = partner.get(now);
    return { now, old, ...(old && unnumbered(old.file) !== unnumbered(now.file) ? { renamedFrom: basename(old.file) } : {}) };
  });
  oldSections.forEach((old, i) => {
    if (used.has(old)) return;
    const before = oldSections[i - 1];
    const at = before ? pairs.findIndex((p) => p.old === before) : -1;
    pairs.splice(at + 1, 0, { old });
  });
  return pairs;
}

/** A section file's name without its order number: 03-preventie.md → preventie.md. */
function unnumbered(file: string): string {
  return basename(file).replace(/^\d+[-_ .]*/, '');
}
