// npm run bench (preview) — from a file's save to the new pages being ready, for a one-word edit of the 2022
// letter, next to a cold `voortgang build 2022` in the same run.
//
//   save → pages ready   writeFile of the section returns → the preview has the new paginated HTML (it then
//                        tells the browser); the steps: the watch's quiet time, listing the year, prepare
//                        (load, markdown, compose), loading the HTML into the warm page, the pager, the snapshot
//   save → shown         the same, until the browser looking at the preview has swapped in the new pages
//   cold build           a fresh process: start → PDF written
//
// Runs are interleaved (edit, cold build, edit, …) so that drift of the machine hits both alike. The preview,
// the browser that shows it and the cold builds use one browser, pinned first and named in the output
// (bench/browser.js). No assertions: this prints figures; the target is ≤ 150 ms save → pages ready.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, startPreview } from '../dist/voortgang.js';
import { pinBrowser, printedBy, SameBrowser } from './browser.js';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const scratch = mkdtempSync(join(tmpdir(), 'voortgang-bench-preview-'));
cpSync(join(root, 'content'), join(scratch, 'content'), { recursive: true });
const paths = { content: join(scratch, 'content'), templates: join(root, 'templates'), output: join(scratch, 'output') };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const browsers = new SameBrowser(await pinBrowser(root));

const preview = await startPreview({ paths, year: '2022', log: () => undefined, info: () => undefined });
let waiting;
preview.onRebuilt((versions) => waiting?.({ at: performance.now(), versions }));
const viewer = await launchBrowser();
browsers.saw(await viewer.version(), 'the browser showing the preview');
const page = await viewer.newPage();
await page.setViewport({ width: 1100, height: 900 });
await page.goto(preview.url);
await page.waitForFunction(() => Number(document.documentElement.dataset.rev) >= 1);

const section = join(paths.content, '2022', 'kamerbrief', '03-preventie-daderschap.md');
const original = readFileSync(section, 'utf8');
const words = ['aandacht', 'zorg'];
if (!original.includes(` ${words[0]} `)) throw new Error(`${section} has no word "${words[0]}" to edit`);

const ready = [];
const shown = [];
const steps = [];
const cold = [];
const warmup = 3; // the first edits of a process compile the parser and the pager's hot paths (JIT): not the steady state
for (let i = 0; i < runs + warmup; i++) {
  const text = original.replace(` ${words[0]} `, ` ${words[i % 2 === 0 ? 1 : 0]} `);
  const rev = await page.evaluate(() => window.voortgangPreview.rev);
  // The browser notes the moment its frame has the new pages (Date.now(): the same clock as this process).
  const inBrowser = page.evaluate(
    (before) =>
      new Promise((done) => {
        const check = () => (window.voortgangPreview.rev > before ? done(Date.now()) : requestAnimationFrame(check));
        check();
      }),
    rev,
  );
  const rebuilt = new Promise((done) => (waiting = done));
  const wallStart = Date.now();
  writeFileSync(section, text);
  const t0 = performance.now();
  const { at, versions } = await rebuilt;
  const seen = await inBrowser;
  if (versions[0]?.error) throw new Error(versions[0].error);
  if (i < warmup) continue;
  ready.push(at - t0);
  shown.push(seen - wallStart);
  steps.push(versions[0].timings);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/voortgang.js', 'build', '2022', '--output', join(scratch, 'cold')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  cold.push(performance.now() - t);
  browsers.saw(printedBy(join(scratch, 'cold', '2022', 'kamerbrief.pdf')), 'the cold build');
}
writeFileSync(section, original);
const pages = preview.session.get('kamerbrief').pages;
await viewer.close();
await preview.stop();
rmSync(scratch, { recursive: true, force: true });

const step = (name) => median(steps.map((s) => s[name] ?? 0));
console.log(`\nvoortgang bench (preview) — a one-word edit of the 2022 Kamerbrief (${pages} pages), median of ${runs} runs after ${warmup} warm-up edits; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores\n`);
console.log(`every side printed by one browser: ${browsers.name}\n`);
console.log('| measurement | median | runs |');
console.log('| --- | ---: | --- |');
console.log(`| save → new pages ready (preview) | ${ms(median(ready))} | ${ready.map(Math.round).join(', ')} |`);
console.log(`| save → new pages shown in the browser | ${ms(median(shown))} | ${shown.map(Math.round).join(', ')} |`);
console.log(`| cold build 2022 (process start → PDF written) | ${ms(median(cold))} | ${cold.map(Math.round).join(', ')} |`);
console.log(`\nwhere the time goes (median ms): watch quiet time 15 (fixed) + event delivery; listing the year ${step('list')}; prepare ${step('prepared')} (load ${step('load')}, markdown ${step('markdown')}, compose ${step('compose')}); in the warm page: load the HTML and its fonts ${step('pageLoad')}, paginate ${step('paginate')}, snapshot ${step('snapshot')}`);
console.log(`target: save → pages ready ≤ 150 ms: ${median(ready) <= 150 ? 'met' : `not met, by ${ms(median(ready) - 150)}`}`);
