import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { failureText } from './pipeline/progress.js';
import { browserIdentity, describeSource, type LaunchOptions } from './print/browser.js';
import { Printer } from './print/printer.js';
import { FONT_DIR, FONT_FILES } from './print/fonts.js';
import { VERSION } from './version.js';

const TEST_PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>voortgang doctor</title><style>
@font-face { font-family: "Huisletter"; src: url("/fonts/DejaVuSans.ttf"); font-weight: 400; }
@font-face { font-family: "Huisletter"; src: url("/fonts/DejaVuSans-Bold.ttf"); font-weight: 700; }
@page { size: A4; margin: 20mm; }
body { font: 9pt/13.5pt "Huisletter"; }
</style></head><body><p><b>voortgang doctor</b></p><p>Proefpagina: één, ideeën, 1.982 overvallen, 62,57%.</p></body></html>`;

/**
 * `voortgang doctor`: what this machine prints with — Node, the browser (path, where it was found, version),
 * the fonts — and whether a test page prints. Exit code 1 when something is missing or the page does not print.
 */
export async function doctor(launch: LaunchOptions, out: (s: string) => void): Promise<number> {
  let ok = true;
  out(`voortgang ${VERSION}\n`);
  out(`node: ${process.version} (${process.platform} ${process.arch}) ${process.execPath}\n`);

  const fontsVersion = (JSON.parse(readFileSync(join(dirname(FONT_DIR), 'package.json'), 'utf8')) as { version: string }).version;
  out(`fonts: DejaVu Sans ${fontsVersion} (npm dejavu-fonts-ttf) in ${FONT_DIR}\n`);
  for (const f of FONT_FILES) {
    try {
      out(`  ${f}: ${Math.round(statSync(join(FONT_DIR, f)).size / 1024)} kB\n`);
    } catch {
      ok = false;
      out(`  ${f}: MISSING — reinstall with npm ci\n`);
    }
  }

  // The browser as every command has it: started and closed by a Printer, printing in one of its pages.
  const printer = new Printer(launch);
  let browser;
  try {
    browser = await printer.browser;
  } catch (err) {
    out(`browser: NONE\n${indent(failureText(err))}\n`);
    return 1;
  }
  try {
    const id = browserIdentity(browser)!;
    out(`browser: ${id.path}\n  found: ${describeSource(id)}\n  why: ${id.why}\n  version: ${id.version}\n  headless mode: ${id.headless}\n`);
    try {
      const renderer = await printer.openPage().renderer;
      const started = performance.now();
      const pdf = Buffer.from(await renderer.printStatic(TEST_PAGE, '/doctor/proefpagina.html'));
      const ms = Math.round(performance.now() - started);
      const text = pdf.toString('latin1');
      const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      const faces = [...new Set([...text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([A-Za-z-]+)/g)].map((m) => m[1]!))];
      const letterFace = faces.some((f) => f.startsWith('DejaVuSans'));
      if (!text.startsWith('%PDF-') || pages !== 1 || !letterFace) ok = false;
      out(`test page: ${text.startsWith('%PDF-') && pages === 1 ? `printed, ${pages} page, ${pdf.length} bytes, ${ms} ms` : `NOT PRINTED RIGHT (${pages} pages)`}; fonts embedded: ${faces.join(', ') || 'none'}${letterFace ? '' : ' — the letter face DejaVu Sans is missing'}\n`);
    } catch (err) {
      ok = false;
      out(`test page: FAILED — ${failureText(err)}\n`);
    }
  } finally {
    await printer.close();
  }
  out(ok ? 'ok: this machine can print voortgang\'s documents\n' : 'not ok: see above\n');
  return ok ? 0 : 1;
}

function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}
