/**
 * What the preview's server and the script in the user's browser tell each other: one definition, imported by
 * src/preview/server.ts (which makes these) and by the browser script (which reads them), so that a change on
 * one side fails type-checking on the other. Types only: nothing here runs, in Node or in the browser.
 */

/** The page's settings, written by the server into the page as JSON (`<script type="application/json" id="config">`). */
export interface ShellConfig {
  year: string;
  /** The version shown: `kamerbrief`, `beslisnota-openbaar`. */
  doc: string;
}

/** One of the year's versions, for the document switcher. */
export interface DocumentChoice {
  name: string;
  /** As the switcher shows it: `beslisnota (openbaar)`. */
  label: string;
}

/** A section file; `data-bron="<index>:<line>"` in the pages points at the one at that index. */
export interface SectionFile {
  /** Absolute: the vscode://file/ link opens it. */
  path: string;
  /** Relative to the folder the preview runs in, as the bar shows it. */
  shown: string;
}

/** A fact the layout prints (letter head, margin column) and where it is written. */
export interface FactView extends SectionFile {
  /** The text as printed: a date written out, a line of a list, a value. */
  text: string;
  line: number;
  /** The fact's name as written in its file: `datum`, `eenheid`, `ondertekening.naam`. */
  fact: string;
}

/** A version's state, sent as the `state` event of /events (and answered by /api/state). */
export interface PreviewState {
  // A field that is undefined is left out of the JSON.
  doc: string | undefined;
  /** Goes up by one each time new pages are ready; the pages are at /<year>/<doc>.html?rev=<rev>. 0: none yet. */
  rev: number;
  pages: number | undefined;
  /** The problem of the latest sources, as the terminal prints it (file:line:column: message). */
  error: string | undefined;
  documents: DocumentChoice[];
  sections: SectionFile[];
  facts: FactView[];
}

/** The answer to POST /api/pdf (the PDF button): the files written, relative to the preview's folder, or why not. */
export type PdfAnswer = { files: string[] } | { error: string };

/**
 * What the page keeps on `window.voortgangPreview`, for the tests and the benchmark (bench/preview.js) to wait
 * on and read: the pages shown, the problem shown, the last click's source, the PDF button's answer.
 */
export interface PreviewHook {
  /** The rev of the pages in the frame (0: none yet). */
  rev: number;
  error: string | null;
  doc: string;
  /** How many times new pages came in. */
  updates: number;
  /** Where the last clicked text is written; null when it has no source (the layout's own text). */
  source?: ClickedSource | null;
  printed?: PdfAnswer;
}

export interface ClickedSource {
  file: string;
  line: number;
  /** The vscode://file/… link. */
  href: string;
  /** The fact's name, for a fact the layout prints. */
  fact: string | undefined;
}
