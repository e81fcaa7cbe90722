/**
 * Dutch-aware tokens for word diffs. A word keeps together what a Dutch reader reads as one: hyphenated
 * compounds (HIC-delicten, 2-staps), apostrophes (zo'n, risico's), numbers with thousands dots and decimal
 * commas and their sign (1.982; 62,57%; -70%), dotted names and addresses (www.data.politie.nl). Any other
 * non-space character is a token of its own; whitespace is no token, so re-wrapped lines and changed spacing
 * are no change.
 */
const TOKEN = /(?:(?<![\p{L}\p{N}])[-−](?=\p{N}))?[\p{L}\p{N}]+(?:[-‐'’.,/_][\p{L}\p{N}]+)*%?|\S/gu;
const WORD = /^[-−]?[\p{L}\p{N}]/u;

export interface Token {
  text: string;
  /** Offset in the text it came from. */
  at: number;
}

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], at: m.index }));
}

export function isWord(token: string): boolean {
  return WORD.test(token);
}
