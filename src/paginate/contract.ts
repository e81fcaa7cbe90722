/**
 * The DOM contract between the layouts (templates/*.hbs), the Markdown → HTML step (src/markdown/to-html.ts) and
 * the page-filling pass (src/paginate/). Everything the pass looks for or makes is named here, once; the layouts
 * are Handlebars and cannot import it, so a test (tests/paginate-fixtures.test.ts) checks them against it.
 */
export const DOM = {
  /** <main id="flow">: the blocks to pour into pages, in reading order. */
  flow: 'flow',
  /** <section id="voetnoten">: every footnote, `.noot[data-noot=n]`. */
  notes: 'voetnoten',
  /** <template id="pagina-eerste"> (page 1) and <template id="pagina-vervolg"> (every later page). */
  firstPage: 'pagina-eerste',
  nextPage: 'pagina-vervolg',
  /** What the pass builds: <div id="paginas"> holding the pages. */
  book: 'paginas',
} as const;

export const CLASS = {
  /** Inside a page template: the text area, its content box and its footnote box. */
  pageText: 'pagina-tekst',
  pageContent: 'pagina-inhoud',
  pageNotes: 'pagina-voetnoten',
  /** Filled in by the pass: the page's number and the page count. */
  pageNumber: 'pagina-nr',
  pageTotal: 'pagina-totaal',
  /** A footnote: `.noot[data-noot=n]` > `.noot-nr` + `.noot-tekst`. */
  note: 'noot',
  noteNumber: 'noot-nr',
  noteText: 'noot-tekst',
  /** A call: `sup.noot-ref[data-noot=n]`; the first call of a note also has `.eerste` — its note goes on that page. */
  call: 'noot-ref',
  firstCall: 'eerste',
  /** A block never split across pages. */
  keepTogether: 'niet-splitsen',
  /** A block kept on the page of the next block (headings are, always) or of the previous one. */
  keepWithNext: 'houd-bij-volgende',
  keepWithPrevious: 'houd-bij-vorige',
  /** The signature block: never split, never alone at the top of a page. */
  signature: 'ondertekening',
  /** Set by the pass: the first part of a split block, and the rest (also a footnote continued on the next page). */
  split: 'gesplitst',
  /**
   * A page reference: `.pagina-verwijzing[data-verwijzing="<id>"]` gets the number of the page #id starts on
   * (a table of contents' entries, the redline's change list). A block whose CSS says `break-before: page` (a
   * report's title, its table of contents) starts a new page.
   */
  pageRef: 'pagina-verwijzing',
  continued: 'vervolg',
  /** Set by the pass on a split table: the <colgroup> of the whole table's column widths, which every part keeps. */
  fixedColumns: 'vaste-kolommen',
} as const;

/**
 * Where a body block was written: data-bron="<section index>:<line>" (the section's place in the document's
 * file order, and the Markdown line of the block), so that a layout problem is reported at its source.
 */
export const SOURCE_ATTRIBUTE = 'data-bron';

/** The attribute that ties a call to its note: data-noot="n". */
export const NOTE_ATTRIBUTE = 'data-noot';

/** The attribute of a page reference (CLASS.pageRef) naming the id of its target. */
export const PAGE_REF_ATTRIBUTE = 'data-verwijzing';

/** The global the bundled pass defines in the page: `window.voortgangPaginate(): PaginationReport`. */
export const PAGINATE_GLOBAL = 'voortgangPaginate';
