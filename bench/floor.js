// The floor of a build: a fresh process that starts the same Chromium with the same flags, loads the finished
// (already paginated) HTML of a letter from memory and calls page.pdf() — none of voortgang's own work.
// Standalone on purpose: it imports Puppeteer only, not voortgang's bundle. bench/bench.js bundles it into
// dist/floor.js the way the build is bundled (scripts/node-bundle.mjs), so that both load Puppeteer alike:
// unbundled, its module loading alone costs ≈80 ms more, which would flatter the build's ratio.
//   node dist/floor.js <paginated.html> <out.pdf> [<paginated.html> <out.pdf> …]    (or unbundled: node bench/floor.js …)
// Several documents are printed one after the other by the one browser, as one build of a year does.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pairs = [];
for (let i = 2; i + 1 < process.argv.length; i += 2) pairs.push([process.argv[i], process.argv[i + 1]]);
const root = join(fileURLToPath(import.meta.url), '..', '..');
const { default: puppeteer } = await import('puppeteer-core');
const version = JSON.parse(await readFile(join(root, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')).version;
const browser = await puppeteer.launch({
  executablePath: join(root, 'node_modules/.cache/voortgang', `chromium-${version}`, 'chromium'),
  headless: 'shell',
  pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-domain-reliability', '--no-pings', '--font-render-hinting=none', '--disable-dev-shm-usage'],
});
for (const [htmlFile, out] of pairs) {
  const page = await browser.newPage();
  const html = await readFile(htmlFile, 'utf8');
  const fonts = join(root, 'node_modules/dejavu-fonts-ttf/ttf');
  await page.setRequestInterception(true);
  page.on('request', async (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.html')) return req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (url.pathname.startsWith('/fonts/')) return req.respond({ status: 200, contentType: 'font/ttf', body: await readFile(join(fonts, url.pathname.slice(7))) });
    return req.abort('blockedbyclient');
  });
  await page.emulateMediaType('print');
  await page.goto(`http://voortgang.invalid/2022/${htmlFile.split('/').pop()}`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  await writeFile(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
  await page.close();
}
await browser.close();
