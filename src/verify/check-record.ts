import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { recordedChecksum, recordFile, sha256 } from '../finalize/mdto-record.js';
import { firstChangedLine } from './first-changed-line.js';

export interface RecordVerdict {
  /** False when the record and the PDF disagree, or the record is not the one a build writes. */
  ok: boolean;
  lines: string[];
}

/**
 * The MDTO record beside a PDF (`<name>.pdf.mdto.xml`): does its SHA-256 (and size) match the PDF's bytes, and
 * if not, which of the two changed. The rebuild settles it: a record that is exactly the one a build of today's
 * sources writes belongs to the PDF as built, so the PDF changed after it was written; a PDF identical to the
 * rebuild with a record that says otherwise means the record was edited.
 */
export async function checkRecord(pdfFile: string, given: Buffer, rebuilt: Buffer, rebuiltRecord: string): Promise<RecordVerdict> {
  const file = recordFile(pdfFile);
  const where = relative(process.cwd(), file) || file;
  const record = await readFile(file, 'utf8').catch(() => undefined);
  if (record === undefined) return { ok: true, lines: [`  record: no ${where} beside the PDF — its checksum is not checked`] };
  const stated = recordedChecksum(record);
  const actual = sha256(given);
  const pdfSame = given.equals(rebuilt);
  if (!stated.sha256) return { ok: false, lines: [`  record: ${where} states no SHA-256 checksum (checksumWaarde) — the record was edited, or is not voortgang's`] };
  if (stated.sha256 === actual && stated.size === given.length) {
    if (pdfSame && record !== rebuiltRecord) return { ok: false, lines: [`  record: ${where} has the PDF's checksum, but differs from the record a build writes (${whereDiffer(record, rebuiltRecord)}) — the record was edited`] };
    return { ok: true, lines: [`  record: ${where} matches the PDF (sha256 ${actual.slice(0, 12)}…, ${given.length} bytes)`] };
  }
  const says = `the record says sha256 ${stated.sha256.slice(0, 12)}… (${stated.size ?? '?'} bytes), the PDF is sha256 ${actual.slice(0, 12)}… (${given.length} bytes)`;
  if (record === rebuiltRecord) return { ok: false, lines: [`  record: the PDF changed after its record was written — ${says}; the record is the one a build of these sources writes`] };
  if (pdfSame) return { ok: false, lines: [`  record: ${where} was edited — ${says}; the PDF is the one a build of these sources writes`] };
  return { ok: false, lines: [`  record: the PDF and ${where} disagree — ${says}; neither is what a build of these sources writes`] };
}

/** The first line where two records differ, as "line n: … where a build writes …". */
function whereDiffer(a: string, b: string): string {
  const { line, was, now } = firstChangedLine(a, b);
  return `line ${line}: ${JSON.stringify(was)} where a build writes ${JSON.stringify(now)}`;
}
