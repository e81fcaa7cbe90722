import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { firstChangedLine } from './first-changed-line.js';

/**
 * `verify` covers the DiWoo record beside a PDF: the file next to the given PDF against the one the rebuild
 * wrote (or the absence of both, for a version without one). A difference names the first line that differs;
 * a record missing beside the PDF is named but is no difference (the PDF may have been copied on its own).
 */
export async function compareSidecar(given: string, rebuilt: string | undefined): Promise<{ identical: boolean; lines: string[] }> {
  const where = relative(process.cwd(), given);
  const before = await readFile(given, 'utf8').catch(() => undefined);
  if (rebuilt === undefined) {
    return before === undefined ? { identical: true, lines: [] } : { identical: false, lines: [`${where}: different — a rebuild writes no DiWoo record for this PDF (its kind has no woo facts in its layout.yaml, or the version is not public)`] };
  }
  const after = await readFile(rebuilt, 'utf8');
  // A PDF copied on its own: nothing beside it to compare, which is said, not counted as a difference.
  if (before === undefined) return { identical: true, lines: [`${where}: not beside the PDF, nothing to compare — a build writes this DiWoo record with the PDF`] };
  if (before === after) return { identical: true, lines: [`${where}: identical — the DiWoo record of a rebuild is the same ${Buffer.byteLength(after)} bytes`] };
  const { line, was, now } = firstChangedLine(before, after);
  return { identical: false, lines: [`${where}: different from the DiWoo record of a rebuild`, `  line ${line}: ${JSON.stringify(was)} → ${JSON.stringify(now)}`] };
}
