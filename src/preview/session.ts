import { basename } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { buildDocument, checkPagination, type BuildPaths, type BuiltDocument } from '../build/build-document.js';
import { locateRequest } from '../build/locate-request.js';
import type { PreparedDocument } from '../build/prepare-document.js';
import { inlinePreparer } from '../build/preparer.js';
import { failureText } from '../build/progress.js';
import { listDocuments } from '../load/list-documents.js';
import { OfflineRenderError, Renderer } from '../print/render-pdf.js';
import { stopwatch } from '../timings.js';
import { factSources, type FactSource } from './fact-sources.js';

/** One printed version of a document as the preview shows it: `kamerbrief`, `beslisnota`, `beslisnota-openbaar`. */
export interface VersionView {
  name: string;
  dataFile: string;
  /** Goes up by one each time new pages are ready. 0: none yet. */
  rev: number;
  /** The paginated HTML, as `build` writes it to output/<year>/<name>.html: the last good pages. */
  snapshot?: string;
  pages?: number;
  /** The section files in order: data-bron="<index>:<line>" refers to them. */
  sections: string[];
  /** The facts the layout prints (letter head, margin column), with where each is written. */
  facts: FactSource[];
  /** The problem of the latest sources, as the terminal prints it (file:line:column: message). */
  error?: string;
  /** The times of the latest rebuild's steps, ms. */
  timings: Record<string, number>;
}

interface VersionState extends VersionView {
  prepared?: PreparedDocument;
  /** The sources changed since these pages were made. */
  dirty: boolean;
  /** The sources changed since `prepared` was made (its document's other version may have been prepared since). */
  stale: boolean;
}

/**
 * The warm half of the preview: one Renderer (one page of the one browser) that prepares and paginates the
 * year's documents exactly as `build` does, one job at a time, and keeps the last good pages of each version.
 */
/** What the start of a session tells while it works (the preview is otherwise silent until its URL). */
export interface StartSteps {
  /** A line saying what it is doing now: "preparing 2022/kamerbrief…". */
  say?(line: string): void;
  /** The year's documents are prepared, before the browser is waited for: their mistakes can be told now. */
  prepared?(versions: VersionView[]): void;
}

export class PreviewSession {
  private readonly renderer: Promise<Renderer>;
  /** The renderer, once its page is open. */
  private opened: Renderer | undefined;
  /** Its page is being opened (the browser is there); closed: no page is opened any more. */
  private opening = false;
  private closed = false;
  private readonly versions = new Map<string, VersionState>();
  private dataFiles: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private listError: string | undefined;

  constructor(
    readonly paths: BuildPaths,
    readonly year: string,
    browser: Browser | Promise<Browser>,
  ) {
    // The page opens while the sources are prepared (on a cold start, while Chromium starts).
    this.renderer = Promise.resolve(browser).then(async (b) => {
      if (this.closed) throw new Error('the preview stopped');
      this.opening = true;
      const r = new Renderer(b);
      await r.ready();
      return (this.opened = r);
    });
    this.renderer.catch(() => undefined);
  }

  /**
   * Lists the year's documents, prepares them and then makes the pages of each version; throws if the year has
   * no documents, if `steps.prepared` throws (before the browser is waited for) or if the browser cannot start.
   */
  async start(steps: StartSteps = {}): Promise<void> {
    this.dataFiles = await listDocuments(this.paths.content, this.year);
    await this.exclusive(async () => {
      for (const dataFile of this.dataFiles) {
        steps.say?.(`preparing ${this.year}/${basename(dataFile, '.yaml')}…`);
        await this.prepare(dataFile);
      }
      steps.prepared?.(this.list());
      await this.renderer;
      for (const v of this.versions.values()) {
        if (v.prepared) steps.say?.(`paginating ${this.year}/${v.name}…`);
        await this.render(v);
      }
    });
  }

  /** The versions, in the order of the year's documents. */
  list(): VersionView[] {
    return [...this.versions.values()];
  }

  /** What the preview opens when no document is named: the first that is no other document's bijlage. */
  main(): VersionView | undefined {
    const bijlagen = new Set([...this.versions.values()].flatMap((v) => v.prepared?.bijlagen ?? []));
    const all = this.list();
    return all.find((v) => !bijlagen.has(basename(v.dataFile, '.yaml'))) ?? all[0];
  }

  get(name: string): VersionView | undefined {
    return this.versions.get(name);
  }

  /** A problem with the year itself (its folder, its documents), shown for every version. */
  yearError(): string | undefined {
    return this.listError;
  }

  /**
   * The sources changed: every version is out of date. The versions named in `wanted` (those someone is
   * looking at) are prepared and paginated again now, the others when they are asked for.
   */
  changed(wanted: Iterable<string>): Promise<VersionView[]> {
    for (const v of this.versions.values()) v.dirty = v.stale = true;
    const names = new Set(wanted);
    return this.exclusive(async () => {
      const { times, lap } = stopwatch();
      await this.relist();
      lap('list');
      const targets = [...this.versions.values()].filter((v) => names.has(v.name) && v.dirty);
      for (const dataFile of new Set(targets.map((v) => v.dataFile))) await this.prepare(dataFile);
      lap('prepare');
      for (const v of targets) await this.render(v);
      for (const v of targets) v.timings = { ...times, ...v.timings };
      return targets;
    });
  }

  /** A version's pages, made again first if its sources changed since. */
  fresh(name: string): Promise<VersionView | undefined> {
    const v = this.versions.get(name);
    if (!v || !v.dirty) return Promise.resolve(v);
    return this.exclusive(async () => {
      if (v.dirty) {
        if (v.stale) await this.prepare(v.dataFile);
        await this.render(v);
      }
      return v;
    });
  }

  /** The "PDF" button: the document of this version built as `build` builds it, from the same warm browser. */
  pdf(name: string): Promise<BuiltDocument[]> {
    const v = this.versions.get(name);
    if (!v) throw new Error(`no document ${name}`);
    // The page then holds the printed document; the next preview render loads its own into it, as always.
    return this.exclusive(() => buildDocument(this.paths, this.year, v.dataFile, inlinePreparer, this.renderer));
  }

  /** Closes its page; the browser still starting is not waited for. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    // A page the browser is opening is waited for (closing the browser under it would leave Puppeteer waiting
    // 30 s for its target); one not asked for yet never will be.
    if (this.opening) await this.renderer.catch(() => undefined);
    await this.opened?.close().catch(() => undefined);
  }

  /** One job in the browser page at a time. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The year's documents again: one may have been added, renamed or removed. */
  private async relist(): Promise<void> {
    try {
      this.dataFiles = await listDocuments(this.paths.content, this.year);
      this.listError = undefined;
    } catch (err) {
      this.listError = failureText(err);
      return;
    }
    for (const [name, v] of this.versions) if (!this.dataFiles.includes(v.dataFile)) this.versions.delete(name);
    for (const dataFile of this.dataFiles) {
      if (![...this.versions.values()].some((v) => v.dataFile === dataFile)) this.state(basename(dataFile, '.yaml'), dataFile).dirty = true;
    }
    this.sort();
  }

  private state(name: string, dataFile: string): VersionState {
    let v = this.versions.get(name);
    if (!v) {
      v = { name, dataFile, rev: 0, sections: [], facts: [], dirty: true, stale: true, timings: {} };
      this.versions.set(name, v);
    }
    return v;
  }

  private sort(): void {
    const order = [...this.versions.values()].sort((a, b) => this.dataFiles.indexOf(a.dataFile) - this.dataFiles.indexOf(b.dataFile));
    this.versions.clear();
    for (const v of order) this.versions.set(v.name, v);
  }

  /** load → validate → markdown → compose, in this thread (warm: compiled layouts, parsed sections are kept). */
  private async prepare(dataFile: string): Promise<void> {
    const started = performance.now();
    try {
      const docs = await inlinePreparer.prepare(this.paths, this.year, dataFile);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const facts = await factSources(dataFile, this.paths.content).catch(() => []);
      for (const doc of docs) {
        const v = this.state(doc.name, dataFile);
        v.prepared = doc;
        v.stale = false;
        v.sections = doc.sections;
        v.facts = facts;
        v.error = undefined;
        v.timings = { ...doc.timings, prepared: ms };
      }
      // A version the document no longer has (a kamerbrief that was a beslisnota) goes.
      for (const [name, v] of this.versions) if (v.dataFile === dataFile && !docs.some((d) => d.name === name)) this.versions.delete(name);
    } catch (err) {
      let known = false;
      for (const v of this.versions.values()) {
        if (v.dataFile !== dataFile) continue;
        known = true;
        v.prepared = undefined;
        v.stale = false;
        v.error = failureText(err);
      }
      if (!known) Object.assign(this.state(basename(dataFile, '.yaml'), dataFile), { error: failureText(err), stale: false });
    }
    this.sort();
  }

  /** paginate in the warm page, as build does, and keep the paginated HTML. The last good pages stay on failure. */
  private async render(v: VersionState): Promise<void> {
    const doc = v.prepared;
    v.dirty = false;
    if (!doc) return;
    const { times, lap } = stopwatch();
    try {
      const renderer = await this.renderer;
      await renderer.load(doc.html, `/${this.year}/${doc.name}.html`);
      lap('pageLoad');
      const report = await renderer.paginate();
      lap('paginate');
      const snapshot = await renderer.snapshot();
      lap('snapshot');
      v.snapshot = snapshot;
      v.pages = report.pages;
      v.rev++;
      v.error = undefined;
      // Pages a build would refuse (a footnote off its call's page, a block too tall) are shown, with the problem.
      checkPagination(doc.dataFile, report, doc.footnoteCount, doc.sections);
    } catch (err) {
      v.error = failureText(err instanceof OfflineRenderError ? await locateRequest(err, doc.inputs, this.paths.templates) : err);
    } finally {
      v.timings = { ...v.timings, ...times };
    }
  }
}
