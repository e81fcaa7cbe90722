import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { diffArrays } from 'diff';
import type { RunPaths } from '../pipeline/run-context.js';
import { runJob, type Run } from '../pipeline/run.js';
import { SourceError } from '../errors.js';
import { listDocuments } from '../load/list-documents.js';
import type { Renderer } from '../print/render-pdf.js';
import { readPdf, type PdfReading } from './read-pdf.js';
import { PROVENANCE_KEYS } from '../finalize/pdf-metadata.js';
import { diwooFileOf } from '../diwoo/sidecar-file.js';
import { compareSidecar } from './check-diwoo.js';
import { recordFile } from '../finalize/mdto-record.js';
import { checkRecord } from './check-record.js';

export interface Verdict {
  identical: boolean;
  lines: string[];
}

/**
 * `voortgang verify <pdf>`: reads the provenance voortgang wrote into the PDF (which document, the hash of its
 * sources), rebuilds that document from today's sources, and compares: identical bytes, or where they differ —
 * the sources' hash, metadata, page count, the text of the first page that differs.
 */
export async function verifyPdf(pdfFile: string, run: Run, renderer: Promise<Renderer>): Promise<Verdict> {
  const paths: RunPaths = run.paths;
  const given = await readFile(pdfFile).catch(() => {
    throw new SourceError(pdfFile, undefined, undefined, 'cannot read this file');
  });
  const before = await readPdf(given).catch(() => {
    throw new SourceError(pdfFile, undefined, undefined, 'not a readable PDF');
  });
  if (!before.provenance) throw new SourceError(pdfFile, undefined, undefined, 'has no voortgang provenance (VoortgangDocument, VoortgangSourceHash): it was not made by voortgang build');
  const document = before.provenance.document;
  // A redline is made by diff from two revisions: it names no sources verify could rebuild it from alone.
  if (document.endsWith('.diff')) throw new SourceError(pdfFile, undefined, undefined, `is a redline (${document}), made by voortgang diff from two revisions — verify rebuilds what build makes; make the redline again with voortgang diff`);
  // What the PDF says it is names a document of a year and nothing else (never a path out of the content folder).
  const named = /^(\d{4})\/([A-Za-z0-9][A-Za-z0-9_-]*)$/.exec(document);
  if (!named) throw new SourceError(pdfFile, undefined, undefined, `its provenance names "${document}", which is no document of voortgang's (year/name, e.g. 2022/kamerbrief): it was changed after voortgang made it`);
  const [, year, name] = named as unknown as [string, string, string];

  const scratch = await mkdtemp(join(tmpdir(), 'voortgang-verify-'));
  try {
    const output = join(scratch, 'output');
    const dataFiles = await listDocuments(paths.content, year);
    // The document the PDF is: <name>.yaml, or the data file whose versions include it (beslisnota → beslisnota-openbaar).
    const dataFile = dataFiles.find((f) => basename(f, '.yaml') === name) ?? dataFiles.find((f) => name.startsWith(`${basename(f, '.yaml')}-`));
    if (!dataFile) throw new SourceError(join(paths.content, year), undefined, undefined, `${pdfFile} is ${before.provenance.document}, but ${relative(process.cwd(), paths.content)}/${year}/ has no document it comes from`);
    // The document rebuilt by the chain build runs, written into a scratch folder.
    const built = await runJob(run, { kind: 'document', year, dataFile, label: `${year}/${basename(dataFile, '.yaml')}` }, renderer, output);
    const version = built.find((b) => b.name === name);
    if (!version) throw new SourceError(dataFile, undefined, undefined, `building this no longer gives ${name}.pdf`);
    const rebuilt = await readFile(version.pdfFile);
    const where = `${relative(process.cwd(), pdfFile)}`;
    const sidecar = await compareSidecar(diwooFileOf(pdfFile), version.diwooFile);
    // The MDTO record beside it: its checksum against the PDF's bytes, and which of the two changed.
    const record = await checkRecord(pdfFile, given, rebuilt, await readFile(recordFile(version.pdfFile), 'utf8'));
    if (rebuilt.equals(given)) {
      const line = `${where}: ${record.ok ? 'identical' : 'the PDF is identical to a rebuild, but its record does not match'} — rebuilt ${before.provenance.document} from ${relative(process.cwd(), paths.content) || '.'}/ gives the same ${given.length} bytes (sources ${before.provenance.hash.slice(0, 19)}…)`;
      return { identical: record.ok && sidecar.identical, lines: [line, ...record.lines, ...sidecar.lines] };
    }
    const after = await readPdf(rebuilt);
    return { identical: false, lines: [`${where}: different from a rebuild of ${before.provenance.document} from ${relative(process.cwd(), paths.content) || '.'}/`, ...differences(before, after), ...record.lines, ...sidecar.lines] };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function differences(before: PdfReading, after: PdfReading): string[] {
  const out: string[] = [];
  const h0 = before.provenance?.hash;
  const h1 = after.provenance?.hash;
  if (h0 !== h1) out.push(`  sources: ${h0} in the PDF, ${h1} now — content, templates, fonts or voortgang changed since it was made`);
  const b0 = before.metadata[PROVENANCE_KEYS.browser];
  const b1 = after.metadata[PROVENANCE_KEYS.browser];
  if (b0 !== b1) out.push(`  browser: printed by ${b0 ?? 'a browser it does not name'}, rebuilt with ${b1} — the same sources give the same bytes only in the same browser version; point --browser at that version to compare`);
  for (const key of new Set([...Object.keys(before.metadata), ...Object.keys(after.metadata)])) {
    if (key === PROVENANCE_KEYS.hash || key === PROVENANCE_KEYS.browser) continue;
    if (before.metadata[key] !== after.metadata[key]) out.push(`  metadata ${key}: ${JSON.stringify(before.metadata[key] ?? null)} → ${JSON.stringify(after.metadata[key] ?? null)}`);
  }
  if (before.pages.length !== after.pages.length) out.push(`  pages: ${before.pages.length} → ${after.pages.length}`);
  const n = Math.min(before.pages.length, after.pages.length);
  for (let i = 0; i < n; i++) {
    if (before.pages[i] === after.pages[i]) continue;
    out.push(`  text of page ${i + 1}: ${firstChange(before.pages[i]!, after.pages[i]!)}`);
    break; // later pages follow from the first change
  }
  if (out.length === 0) out.push('  same metadata, pages and text: the difference is in the drawing (layout, fonts, or the PDF writer)');
  return out;
}

/** The first changed words of a page's text, with a little context: "… context [-old-]{+new+} context …". */
function firstChange(a: string, b: string): string {
  const x = a.split(' ');
  const y = b.split(' ');
  const parts = diffArrays(x, y);
  const at = parts.findIndex((p) => p.added || p.removed);
  const before = parts.slice(0, at).flatMap((p) => p.value).slice(-6).join(' ');
  let change = '';
  let k = at;
  while (k < parts.length && (parts[k]!.added || parts[k]!.removed)) {
    const p = parts[k]!;
    change += p.removed ? `[-${p.value.join(' ')}-]` : `{+${p.value.join(' ')}+}`;
    k++;
  }
  const after = (parts[k]?.value ?? []).slice(0, 6).join(' ');
  return `… ${before} ${change} ${after} …`.replace(/\s+/g, ' ');
}
