import { basename } from 'node:path';
import { listDocuments } from '../load/list-documents.js';
import type { DocumentJob } from '../pipeline/job.js';
import type { Prepared } from '../pipeline/prepared.js';
import { paginate } from '../pipeline/print.js';
import { failureText } from '../pipeline/progress.js';
import { runJob, type Run } from '../pipeline/run.js';
import type { Written } from '../pipeline/write.js';
import type { OpeningPage } from '../print/printer.js';
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
  prepared?: Prepared;
  /** The sources changed since these pages were made. */
  dirty: boolean;
  /** The sources changed since `prepared` was made (its document's other version may have been prepared since). */
  stale: boolean;
}

/** What the start of a session tells while it works (the preview is otherwise silent until its URL). */
export interface StartSteps {
  /** A line saying what it is doing now: "preparing 2022/kamerbrief…". */
  say?(line: string): void;
  /** The year's documents are prepared, before the browser is waited for: their mistakes can be told now. */
  prepared?(versions: VersionView[]): void;
}

/**
 * The warm half of the preview: one page of the run's browser that prepares and paginates the year's documents
 * exactly as `build` does (the run's prepare and paginate; its PDF button the whole chain), one job at a time,
 * and keeps the last good pages of each version. Each save starts a new cycle of the run: kinds, layouts and
 * sources are read anew.
 */
export class PreviewSession {
  /** The page opens while the sources are prepared (on a cold start, while Chromium starts). */
  private readonly page: OpeningPage;
  private readonly versions = new Map<string, VersionState>();
  private dataFiles: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private listError: string | undefined;

  constructor(
    readonly run: Run,
    readonly year: string,
  ) {
    this.page = run.printer.openPage();
    this.page.renderer.catch(() => undefined);
  }

  get paths() {
    return this.run.paths;
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
      await this.page.renderer;
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
      // One run context per watch cycle: the kinds, layouts and source hashes are read anew once, for every document.
      this.run.newCycle();
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
  pdf(name: string): Promise<Written[]> {
    const v = this.versions.get(name);
    if (!v) throw new Error(`no document ${name}`);
    // Printed as build prints it: from the files as they are now (a save the watch has not told yet included),
    // so a new cycle of the run first — layouts and source hashes read anew. The page then holds the printed
    // document; the next preview render loads its own into it, as always.
    return this.exclusive(() => {
      this.run.newCycle();
      return runJob(this.run, this.job(v.dataFile), this.page.renderer);
    });
  }

  /** Closes its page; the browser still starting is not waited for. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.page.finish().catch(() => undefined);
  }

  private job(dataFile: string): DocumentJob {
    return { kind: 'document', year: this.year, dataFile, label: `${this.year}/${basename(dataFile, '.yaml')}` };
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
      const docs = await this.run.preparer.prepare(this.job(dataFile));
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
    let times: Record<string, number> = {};
    try {
      const pages = await paginate(doc, await this.page.renderer);
      times = pages.timings;
      v.snapshot = pages.snapshot;
      v.pages = pages.report.pages;
      v.rev++;
      // Pages a build would refuse (a footnote off its call's page, a block too tall) are shown, with the problem.
      v.error = pages.problem === undefined ? undefined : failureText(pages.problem);
    } catch (err) {
      v.error = failureText(err);
    } finally {
      v.timings = { ...v.timings, ...times };
    }
  }
}
