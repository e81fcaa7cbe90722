/** What the page-filling pass reports (one type: made in the page, checked and printed in Node). */

/**
 * A rule that decided where a page ends, when it ends short of its text area: the block that did not fit could
 * not give the page more without breaking it.
 *  - keep-with-next: a heading (or .houd-bij-volgende) moved along with the block it introduces;
 *  - keep-with-previous: the signature block took the block before it along;
 *  - unsplittable: a figure, table row, signature or .niet-splitsen block that does not fit moved whole;
 *  - orphans: fewer than MIN_LINES lines (MIN_ROWS rows) of the next block would fit;
 *  - widows: the next block was split higher, so that MIN_LINES lines go to the next page together;
 *  - footnote: a line moved with its call because too little of its note fits (fewer than MIN_NOTE_LINES);
 *  - page-break: the next block starts a page of its own (its CSS says break-before: page).
 */
export type BreakRule = 'keep-with-next' | 'keep-with-previous' | 'unsplittable' | 'orphans' | 'widows' | 'footnote' | 'page-break';

export interface PageReport {
  page: number;
  /** Unused text height at the end of the page, in mm: between its last line (with the gap kept above the
   *  footnotes) and the bottom of its text area. */
  unusedMm: number;
  /** The rule that ended the page, when one did (see BreakRule). */
  brokenBy?: BreakRule;
  /** The first words of the page's text. */
  firstWords: string;
}

export interface PaginationReport {
  pages: number;
  /** Footnote number → the page its note starts on. */
  notesOnPage: Record<string, number>;
  /** Footnote number → the page of its first call. */
  callsOnPage: Record<string, number>;
  /** Notes too long for the rest of their page, continued at the top of the next page's footnotes. */
  continuedNotes: { note: number; from: number; to: number }[];
  unplaced: number[];
  /** Content that does not fit: `source` is the block's data-bron ("<section index>:<line>"), where known. */
  overflows: { page: number; px: number; sideways?: boolean; source?: string }[];
  headingAtEnd: number[];
  /** Page references (table of contents, change list) whose target is on no page (its id was not found): never printed blank. */
  unresolvedRefs: string[];
  perPage: PageReport[];
  /** Time the pass took in the page, ms (one decimal). */
  ms: number;
}
