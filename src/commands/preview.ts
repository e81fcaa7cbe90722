import { STOP_SIGNALS } from '../interrupt.js';
import { failureText } from '../pipeline/progress.js';
import type { RunPaths } from '../pipeline/run-context.js';
import { LaunchAborted, type LaunchOptions } from '../print/browser.js';
import { EXIT, UsageError } from './exit.js';

/**
 * preview <year> [document]: serves until Ctrl-C (SIGINT), SIGTERM or SIGHUP (its terminal closed), then stops
 * the server, the watch and the browser (SIGHUP's default would end Node at once, leaving the profile behind).
 */
export async function preview(paths: RunPaths, year: string, document: string | undefined, port: number, open: boolean, launch: LaunchOptions): Promise<number> {
  const { startPreview, openInBrowser, PreviewUsage } = await import('../preview/preview.js');
  let stopAsked = false;
  let wake = () => undefined as void;
  const stop = new AbortController();
  const onSignal = () => {
    stopAsked = true;
    stop.abort();
    wake();
  };
  // Ours from the start: a Ctrl-C while the browser starts still stops it cleanly.
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    let running;
    try {
      running = await startPreview({ paths, year, document, port, launch, signal: stop.signal });
    } catch (err) {
      if (err instanceof PreviewUsage) throw new UsageError(err.message, 'preview');
      if (stopAsked && err instanceof LaunchAborted) {
        process.stdout.write('voortgang preview: stopped\n');
        return EXIT.ok;
      }
      process.stderr.write(`${failureText(err)}\n`);
      return EXIT.failed;
    }
    if (!stopAsked) {
      process.stdout.write(`voortgang preview: ${running.url}\n(Ctrl-C stops)\n`);
      if (open) openInBrowser(running.url);
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (stopAsked) resolve();
      });
    }
    await running.stop();
    process.stdout.write('voortgang preview: stopped\n');
    return EXIT.ok;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}
