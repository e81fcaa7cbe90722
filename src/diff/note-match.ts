import { diffArrays } from 'diff';
import type { NoteHast } from '../markdown/to-html.js';
import { tokenize } from './tokens.js';
import { similarityAtLeast } from './inline-diff.js';
import { textOf } from '../markdown/to-html.js';

const ALIKE = 0.5; // notes this alike (tokens in order) are one note changed
const SAME_LABEL = 0.2; // a note keeping its file and label may change more before it counts as another note

/**
 * Pairs the footnotes of two revisions by what they say, not by where they are defined: a note moved to a
 * renamed or renumbered file, or given another label, is the same note. Equal texts are paired in order first,
 * then each remaining new note with the most alike remaining old one. Returns old key → new key, and the old
 * notes left over (removed).
 */
export function matchNotes(oldNotes: NoteHast[], newNotes: NoteHast[]): { rename: Map<string, string>; removed: NoteHast[] } {
  const tokens = (n: NoteHast) => tokenize(textOf({ type: 'root', children: n.content })).map((t) => t.text);
  const oldTokens = oldNotes.map(tokens);
  const newTokens = newNotes.map(tokens);
  const rename = new Map<string, string>();
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  let i = 0;
  let j = 0;
  for (const c of diffArrays(oldTokens.map((t) => t.join(' ')), newTokens.map((t) => t.join(' ')))) {
    if (c.removed) i += c.value.length;
    else if (c.added) j += c.value.length;
    else
      for (let k = 0; k < c.value.length; k++, i++, j++) {
        rename.set(oldNotes[i]!.key, newNotes[j]!.key);
        usedOld.add(i);
        usedNew.add(j);
      }
  }
  newNotes.forEach((now, nj) => {
    if (usedNew.has(nj)) return;
    let best = -1;
    let score = 0;
    oldNotes.forEach((old, oi) => {
      if (usedOld.has(oi)) return;
      // Alike enough, and more alike than the best so far: a pair that cannot reach both is not measured in full.
      const s = similarityAtLeast(oldTokens[oi]!, newTokens[nj]!, Math.max(old.key === now.key ? SAME_LABEL : ALIKE, score));
      if (s !== undefined && s > score) [best, score] = [oi, s];
    });
    if (best < 0) return;
    usedOld.add(best);
    rename.set(oldNotes[best]!.key, now.key);
  });
  return { rename, removed: oldNotes.filter((_n, oi) => !usedOld.has(oi)) };
}

/** The letter of the i-th removed note (0-based): a … z, aa, ab, … az, ba, … */
export function removedLabel(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
