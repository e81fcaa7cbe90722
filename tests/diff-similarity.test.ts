import type { Element } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it, vi } from 'vitest';
import type { DocumentHast } from '../src/markdown/to-html.js';

// Every tokenization counted, by the text it was given (the real tokenizer does the work).
const tokenized = vi.hoisted(() => new Map<string, number>());
vi.mock('../src/diff/tokens.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/diff/tokens.js')>();
  return {
    ...real,
    tokenize: (text: string) => {
      tokenized.set(text, (tokenized.get(text) ?? 0) + 1);
      return real.tokenize(text);
    },
  };
});

const { similarityAtLeast } = await import('../src/diff/inline-diff.js');
const { diffDocuments } = await import('../src/diff/document-diff.js');

/**
 * How alike two blocks are decides whether they are one block changed (at least half their tokens in common, in
 * order), one block moved (at least 0.8), the same footnote: the share is 2 × (longest common subsequence) over
 * both lengths. similarityAtLeast skips the pairs that cannot reach a floor; here it is held to that share, as
 * a plain dynamic-programming longest common subsequence (written out below, independent of the word diff)
 * gives it, on lists of every kind: the share it returns must be exactly that share, and it may say "below the
 * floor" only when the share is below it.
 */
function lcs(x: string[], y: string[]): number {
  const row = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= y.length; j++) {
      const above = row[j]!;
      row[j] = x[i - 1] === y[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[y.length]!;
}
const share = (x: string[], y: string[]) => (x.length + y.length === 0 ? 1 : (2 * lcs(x, y)) / (x.length + y.length));

/** A fixed sequence of pseudo-random numbers (mulberry32), so that every run tests the same lists. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('similarityAtLeast', () => {
  const words = (s: string) => (s === '' ? [] : s.split(' '));

  it('gives the share of tokens in common, in order, when it reaches the floor, and nothing when it does not', () => {
    // 10 tokens, 4 in common in order: 8/10 = 0.8, exactly the floor of a move.
    expect(similarityAtLeast(words('a b c d x'), words('a b c d y'), 0.8)).toBe(0.8);
    expect(similarityAtLeast(words('a b c d x'), words('a b c d y'), 0.81)).toBeUndefined();
    // The same tokens in another order: all shared, few in order (a b c d e / e d c b a: 1 in order → 0.2).
    expect(similarityAtLeast(words('a b c d e'), words('e d c b a'), 0.5)).toBeUndefined();
    expect(similarityAtLeast(words('a b c d e'), words('e d c b a'), 0.2)).toBe(0.2);
    // Lengths alone rule it out: 2 tokens against 8 share at most 4/10.
    expect(similarityAtLeast(words('a b'), words('a b c d e f g h'), 0.5)).toBeUndefined();
    expect(similarityAtLeast(words('a b'), words('a b c d e f g h'), 0.4)).toBe(0.4);
    // Nothing in common; two empty blocks are alike.
    expect(similarityAtLeast(words('a b c'), words('x y z'), 0.2)).toBeUndefined();
    expect(similarityAtLeast(words('a b c'), words('x y z'), 0)).toBe(0);
    expect(similarityAtLeast([], [], 0.8)).toBe(1);
  });

  it('agrees with a plain longest common subsequence on 3,000 random pairs, at the floors the redline uses and at the share itself', () => {
    const next = random(20261206);
    const list = () => {
      const alphabet = 2 + Math.floor(next() * 12); // few kinds of token: many shared, in and out of order
      return Array.from({ length: Math.floor(next() * 40) }, () => `t${Math.floor(next() * alphabet)}`);
    };
    let measured = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const x = list();
      // Half the pairs: the second list an edit of the first (alike), else another list.
      const y = next() < 0.5 ? x.filter(() => next() > 0.2).concat(list().slice(0, 4)) : list();
      const exact = share(x, y);
      for (const floor of [0.2, 0.5, 0.8, next(), exact]) {
        const got = similarityAtLeast(x, y, floor);
        if (exact >= floor) {
          expect(got, `${x.join(' ')} | ${y.join(' ')} at ${floor}`).toBe(exact);
          measured++;
        } else {
          expect(got, `${x.join(' ')} | ${y.join(' ')} at ${floor}`).toBeUndefined();
          refused++;
        }
      }
    }
    // Both outcomes were tested, many times.
    expect(measured).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(3000);
  });
});

describe('a redline of many rewritten paragraphs', () => {
  // 40 paragraphs in two sections, each rewritten beyond recognition (other words; "de", "het" and "een" in every
  // one): alignment compares every removed paragraph of a section with every added one (20 × 20, twice), and the
  // search for moved paragraphs every removed one with every added one (41 × 41). One more paragraph moves from
  // the start of the first section to the end of the second, its words unchanged.
  const paragraph = (side: string, k: number) => `De ${Array.from({ length: 12 }, (_, i) => `${side}${k}w${i}`).join(' ')} het een.`;
  const moved = 'Deze alinea verhuist in zijn geheel van het begin van het eerste hoofdstuk naar het einde van het tweede, woord voor woord.';
  const n = 40;
  const paragraphs = (side: string, from: number, to: number) => Array.from({ length: to - from }, (_, k) => h('p', paragraph(side, from + k)));
  const doc = (first: Element[], second: Element[]): DocumentHast => ({
    sections: [
      { file: '01-eerste.md', title: 'Eerste', blocks: first },
      { file: '02-tweede.md', title: 'Tweede', blocks: second },
    ],
    notes: [],
    streep: false,
    grounds: [],
  });
  const old = doc([h('p', moved), ...paragraphs('oud', 0, n / 2)], paragraphs('oud', n / 2, n));
  const now = doc(paragraphs('nieuw', 0, n / 2), [...paragraphs('nieuw', n / 2, n), h('p', moved)]);

  tokenized.clear();
  const result = diffDocuments(old, now);

  it('reports each rewritten paragraph as removed and inserted, and the moved one as moved', () => {
    const kinds = result.changes.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'verwijderd')).toHaveLength(n);
    expect(kinds.filter((k) => k === 'ingevoegd')).toHaveLength(n);
    expect(kinds.filter((k) => k === 'verplaatst')).toHaveLength(1);
  });

  it('tokenizes each paragraph once to compare it, however often it is compared (and once more to count its words)', () => {
    // A removed or inserted paragraph: once for the comparisons, once by the marking that counts its words.
    for (let k = 0; k < n; k++) {
      expect(tokenized.get(paragraph('oud', k)), paragraph('oud', k)).toBe(2);
      expect(tokenized.get(paragraph('nieuw', k)), paragraph('nieuw', k)).toBe(2);
    }
  });
});
