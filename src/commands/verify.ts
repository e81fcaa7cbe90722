import { resolve } from 'node:path';
import { failureText } from '../pipeline/progress.js';
import type { RunPaths } from '../pipeline/run-context.js';
import { Run } from '../pipeline/run.js';
import type { LaunchOptions } from '../print/browser.js';
import { verifyPdf } from '../verify/verify-pdf.js';
import { EXIT } from './exit.js';

/** `voortgang verify <pdf…>`: each PDF rebuilt by the run's chain and compared; exit 1 when one differs. */
export async function verify(paths: RunPaths, pdfs: string[], launch: LaunchOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  // As build: the sources are prepared in a worker thread while Chromium starts; a mistake in them does not wait for it.
  const run = new Run(paths, { worker: true, launch });
  const page = run.printer.openPage();
  let different = 0;
  try {
    // Each PDF is verified, also after one that could not be: as build goes on after a failed document.
    for (const pdf of pdfs) {
      try {
        const verdict = await verifyPdf(resolve(pdf), run, page.renderer);
        out(`${verdict.lines.join('\n')}\n`);
        if (!verdict.identical) different++;
      } catch (e) {
        err(`${failureText(e)}\n`);
        different++;
      }
    }
  } finally {
    await page.finish();
    await run.close();
  }
  return different ? EXIT.failed : EXIT.ok;
}
