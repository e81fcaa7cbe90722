// The floor of a build: a fresh process that starts the same Chromium with the same flags, loads the finished
// (already paginated) HTML of a letter from memory and calls page.pdf() — none of voortgang's own work.
// It starts the browser with the build's own launchBrowser() (src/print/browser.ts: the same browser search —
// VOORTGANG_BROWSER, which the bench pins —, headless mode, flags, Chromium spawned while Puppeteer loads) and
// serves it as the build does (requests answered through the DevTools Fetch domain), so that what the two share
// costs the same on both sides; nothing else of voortgang is in it. bench/bench.js bundles it into
// dist/floor.js the way the build is bundled (scripts/node-bundle.mjs), so that both load Puppeteer alike:
// unbundled, its module loading alone costs ≈80 ms more, which would flatter the build's ratio.
//   node dist/floor.js <paginated.html> <out.pdf> [<paginated.html> <out.pdf> …]
// Several documents are printed one after the other by the one browser, as one build of a year does. It prints
// `browser <version>` on stdout: the bench checks that the build printed with the same.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserIdentity, launchBrowser } from '../src/print/browser.ts';

const pairs = [];
for (let i = 2; i + 1 < process.argv.length; i += 2) pairs.push([process.argv[i], process.argv[i + 1]]);
const root = join(fileURLToPath(import.meta.url), '..', '..');
const browser = await launchBrowser();
process.stdout.write(`browser ${browserIdentity(browser)?.version}\n`);
for (const [htmlFile, out] of pairs) {
  const page = await browser.newPage();
  const html = await readFile(htmlFile, 'utf8');
  const fonts = join(root, 'node_modules/dejavu-fonts-ttf/ttf');
  // Requests answered through the DevTools Fetch domain with Buffer's base64, as the build's Renderer does
  // (src/print/render-pdf.ts): the floor prints the same way, so that the serving's cost is alike on both sides.
  const session = page._client(); // the page's own session, as the Renderer uses (src/print/render-pdf.ts)
  session.on('Fetch.requestPaused', async ({ requestId, request }) => {
    const url = new URL(request.url);
    const answer = (type, body) => session.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders: [{ name: 'content-type', value: type }], body: Buffer.from(body).toString('base64') });
    if (url.pathname.endsWith('.html')) return answer('text/html; charset=utf-8', html);
    if (url.pathname.startsWith('/fonts/')) return answer('font/ttf', await readFile(join(fonts, url.pathname.slice(7))));
    return session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  await page.emulateMediaType('print');
  await page.goto(`http://voortgang.invalid/2022/${htmlFile.split('/').pop()}`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  await writeFile(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
  await page.close();
}
await browser.close();
