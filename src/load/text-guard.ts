/**
 * One guard for every text a document prints from (the Markdown, the YAML facts of documents and senders, the
 * fields of the tabel and grafiek blocks, the data sets): anything that looks like a Woo redaction but was not
 * read as one prints as written — brackets, ground and passage — in the public version. A redaction is read
 * only in the text of a section (redaction.ts); everywhere else, and in a near-miss spelling, it is refused.
 *
 * What "looks like a redaction": a bracket — ASCII or full-width, single or double, with blanks between —
 * followed by a ground of article 5.1 or 5.2 — as written, or mistyped (`5.1.2.e`) — and a colon (`[5.1.2e:`,
 * `［［5.1.2e:`, `[ [5.2 :`, `[5.1.2.e:`), and any
 * full-width double bracket (`［［`, `］］`), which no Dutch text uses.
 */
const LOOKS_LIKE_REDACTION = /[[［][ \t\u00a0]*(?:[[［][ \t\u00a0]*)?5\.[12][.\w]*[ \t\u00a0]*[:：]|［［|］］/gi;

/** Where in `text` something looks like a redaction: index and what was written, in order. */
export function redactionLookalikes(text: string): Array<{ index: number; written: string }> {
  return [...text.matchAll(LOOKS_LIKE_REDACTION)].map((m) => ({ index: m.index, written: m[0] }));
}

/** The message for a redaction written where no redaction is read (`where`: "the field onderwerp", …). */
export function misplacedRedaction(where: string): string {
  return `a redaction is written only in the text of a section (paragraph, heading, list item, table cell, footnote) — in ${where} it would be printed as written, brackets and passage: take the passage out of it (and redact it in the text, if it belongs there)`;
}

/**
 * Characters no printed fact may hold: C0 and C1 control characters (a tab, line feed and carriage return
 * aside), U+FFFE/U+FFFF and the other non-characters, and unpaired surrogates. XML 1.0 cannot carry most of them
 * at all (the DiWoo record would be malformed), and none of them prints as anything a reader sees.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;

/** The first forbidden character of `text`: its index and its code as U+XXXX, or undefined. */
export function forbiddenCharacter(text: string): { index: number; code: string } | undefined {
  const m = FORBIDDEN_CHARACTER.exec(text);
  if (!m) return undefined;
  return { index: m.index, code: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/**
 * A text with its invisible characters shown as escapes (\u00a0, \u200b …), for messages that quote what the
 * user wrote: "```streep\u00a0 is not a block" says what "```streep  is not a block" hides.
 */
export function showInvisible(text: string): string {
  return text.replace(/[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u202a-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
