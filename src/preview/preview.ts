import { spawn } from 'node:child_process';
import { basename, join, relative } from 'node:path';
import { listDocuments } from '../load/list-documents.js';
import { failureText } from '../pipeline/progress.js';
import type { RunPaths } from '../pipeline/run-context.js';
import { Run } from '../pipeline/run.js';
import type { LaunchOptions } from '../print/browser.js';
import { startServer, type PreviewServer } from './server.js';
import { PreviewSession, type VersionView } from './session.js';
import { watchSources, type SourceWatch } from './watch.js';

export interface PreviewOptions {
  paths: RunPaths;
  year: string;
  /** The document (version) the URL opens: kamerbrief, beslisnota, beslisnota-openbaar. Default: the first that is no other document's bijlage (the letter, not its bijlage). */
  document?: string;
  /** 0: a free port. */
  port?: number;
  launch?: LaunchOptions;
  /** Where problems go (the same text as the overlay); stderr by default. */
  log?: (line: string) => void;
  /** Where the line of each rebuild goes; stdout by default. */
  info?: (line: string) => void;
  /** Aborted (Ctrl-C) while the browser still starts: it is stopped, and the start rejects with LaunchAborted. */
  signal?: AbortSignal;
}

export interface Preview {
  /** The address to open, with the document asked for. */
  url: string;
  session: PreviewSession;
  /** Called after each rebuild with the versions made again and when the save was seen. */
  onRebuilt(listener: (versions: VersionView[], sawChangeAt: number) => void): void;
  stop(): Promise<void>;
}

/**
 * voortgang preview: one browser (launched here, closed by stop), one warm session that makes the pages as
 * build does, the server that shows them, and the watch on the year's sources, the senders and the layouts.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { paths, year } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const info = options.info ?? ((line: string) => process.stdout.write(`${line}\n`));
  // The browser starts while the sources are prepared; a mistake in them is told before it is waited for, and
  // a start that fails before the browser is needed (a document the year does not have) does not wait for it.
  // A year that does not exist, or a document no data file of the year can be (its name, or its name and a
  // version's suffix), is told before a browser is started for it.
  const names = (await listDocuments(paths.content, year)).map((f) => basename(f, '.yaml'));
  const wanted = options.document;
  if (wanted !== undefined && !names.some((n) => wanted === n || wanted.startsWith(`${n}-`))) {
    throw new PreviewUsage(`${year} has no document ${wanted} — the year's documents are: ${names.join(', ')}`);
  }
  info('starting the browser…');
  // A warm process: its jobs are prepared in this thread, a new run context per watch cycle.
  const run = new Run(paths, { launch: { ...options.launch, ownSignals: true, ...(options.signal ? { signal: options.signal } : {}) } });
  let session: PreviewSession | undefined;
  let server: PreviewServer | undefined;
  let watch: SourceWatch | undefined;
  const listeners: Array<(v: VersionView[], at: number) => void> = [];
  let stopping: Promise<void> | undefined;

  const stop = () =>
    (stopping ??= (async () => {
      await watch?.close();
      await server?.close().catch(() => undefined);
      await session?.close();
      await run.close();
    })());

  try {
    const s = (session = new PreviewSession(run, year));
    const shown = new Map<string, string | undefined>();
    const report = (versions: VersionView[]) => {
      for (const v of versions) {
        if (v.error && v.error !== shown.get(v.name)) log(v.error);
        else if (!v.error && shown.get(v.name)) log(`${year}/${v.name}: fixed — ${v.pages} pages`);
        shown.set(v.name, v.error);
      }
    };
    await s.start({
      say: info,
      prepared(versions) {
        if (options.document && !s.get(options.document)) {
          throw new PreviewUsage(`${year} has no document ${options.document} — the year's documents are: ${versions.map((v) => v.name).join(', ')}`);
        }
        report(versions);
      },
    });
    report(s.list());
    server = await startServer(s, options.port ?? 0, async (name) => {
      try {
        const built = await s.pdf(name);
        const files = built.map((b) => relative(process.cwd(), b.pdfFile) || b.pdfFile);
        log(`${files.join(', ')}: printed`);
        return { files };
      } catch (err) {
        log(failureText(err));
        return { error: failureText(err) };
      }
    });
    const srv = server;
    // Saves arrive in bursts; one rebuild runs at a time, and a save during a rebuild gets one more after it.
    let running: Promise<void> | undefined;
    let again = false;
    let sawAt = 0;
    const rebuild = async () => {
      if (running) {
        again = true;
        return;
      }
      do {
        again = false;
        const at = sawAt;
        const wanted = srv.watched();
        if (options.document) wanted.add(options.document);
        const main = s.main();
        if (wanted.size === 0 && main) wanted.add(main.name);
        running = s.changed(wanted).then(
          (versions) => {
            for (const v of versions) if (!v.error) info(`${year}/${v.name}: ${v.pages} pages, ${Math.round(performance.now() - at)} ms after the save was seen`);
            report(versions);
            srv.publish(versions);
            for (const l of listeners) l(versions, at);
          },
          (err) => log(failureText(err)),
        );
        await running;
        running = undefined;
      } while (again && !stopping);
    };
    watch = watchSources([join(paths.content, year), join(paths.content, 'afzenders'), paths.templates], () => {
      if (stopping) return;
      sawAt = performance.now();
      void rebuild();
    });
    // Every save from the moment the URL is told is seen.
    await watch.ready;
  } catch (err) {
    await stop();
    throw err;
  }

  const doc = options.document ?? session.main()?.name;
  return {
    url: `${server.url}${doc ? `?doc=${encodeURIComponent(doc)}` : ''}`,
    session,
    onRebuilt: (l) => void listeners.push(l),
    stop,
  };
}

/** A document the year does not have: a mistake in the command line. */
export class PreviewUsage extends Error {}

/** --open: the user's own browser, as the desktop opens a link. */
export function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not open a browser (${cmd}); open ${url} yourself\n`));
  child.unref();
}
