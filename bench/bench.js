// npm run bench — how long a build takes, next to the floor measured in the same run.
//
// Every side prints with one browser, pinned first and named in the output (bench/browser.js): the one
// voortgang takes (VOORTGANG_BROWSER if set, else its search — an installed Chromium before the bundled one).
//
//   cold build   a fresh `voortgang build 2022` process: start → PDF written (browser launched, all steps);
//                "cold" is a fresh process with the disk caches warm (node_modules/.cache/voortgang/)
//   cold floor   a fresh process that launches the same Chromium and prints the finished, already paginated
//                HTML with a bare page.pdf() (bench/floor.js, bundled as the build is): what no build can beat.
//                It starts Chromium and answers its requests with the build's own code, so that the ratio is
//                the cost of voortgang's work (preparing, the page-filling pass, finalizing), not of the plumbing
//   warm rebuild the same build again in a process that keeps its browser (what a preview loop pays)
//   warm floor   page.pdf() of the finished HTML in that same warm browser
//   cold diff    a fresh `voortgang diff 2022` process: the 2022 letter against a revision of it with the ten
//                real edits of tests/fixtures/kamerbrief-2022-revisie.json, redline PDF written; runs next to
//                the cold builds (target ≤ ×1.5 of the cold build)
//
//   source caches empty  the cold build with the caches of parsed and validated sources emptied before
//                each run (Markdown trees, validated YAML and blocks, charts); layouts and compiled
//                templates still cached: the first build after editing the sources
//   every cache empty    every folder of node_modules/.cache/voortgang/ emptied before each run but the
//                unpacked Chromium (also the layouts' descriptors and the compiled templates): the first build
//                of a fresh checkout. A fresh process has no cache in memory; the system's file cache is
//                left warm (emptying it needs root and slows every other process on the machine)
//
// Runs are interleaved (build, floor, build, floor …) so that drift of the machine hits both alike;
// the table shows medians and the ratio to the floor. No assertions: this prints figures.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Renderer, Run, runJob } from '../dist/voortgang.js';
import { pinBrowser, printedBy, SameBrowser } from './browser.js';
import { buildFloor } from './build-floor.js';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const scratch = mkdtempSync(join(tmpdir(), 'voortgang-bench-'));
const output = join(scratch, 'output');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const browsers = new SameBrowser(await pinBrowser(root));

/**
 * Runs a process and times it; `printed` is the PDF it writes (its browser is checked against the pinned one),
 * or 'floor' (the floor prints its browser on stdout).
 */
function timed(args, printed) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const elapsed = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  if (printed === 'floor') browsers.saw(/^browser (.+)$/m.exec(r.stdout)?.[1] ?? 'none named', `the floor, ${args[0]}`);
  else if (printed) browsers.saw(printedBy(printed), `${args.slice(1, 3).join(' ')} → ${printed}`);
  const rss = /"maxRssMB":(\d+)/.exec(r.stderr);
  const paginate = /"paginate":([\d.]+)/.exec(r.stderr);
  return { elapsed, rss: rss ? Number(rss[1]) : undefined, paginate: paginate ? Number(paginate[1]) : undefined };
}

// The floor, bundled as the build is (npm run bench has just built dist/): split into chunks, so that it loads
// only the modules it runs, as the build does (one file, it would parse all of Puppeteer's 2.1 MB).
await buildFloor(root);

// One build first: the paginated HTML for the floor, the Chromium unpacked, the caches filled.
const letterPdf = join(output, '2022', 'kamerbrief.pdf');
timed(['bin/voortgang.js', 'build', '2022', '--output', output], letterPdf);
const finished = join(output, '2022', 'kamerbrief.html');
const pages = /class="pagina-totaal">(\d+)</.exec(readFileSync(finished, 'utf8'))?.[1];
// `build 2022` makes the letter and its bijlage: its floor prints both finished HTMLs in one browser.
const finishedBijlage = join(output, '2022', 'actieprogramma.html');
const yearFloor = ['dist/floor.js', finished, join(scratch, 'floor.pdf'), finishedBijlage, join(scratch, 'floor-bijlage.pdf')];

// The bijlage alone: a content folder with only the Actieprogramma (its data file, sections, data sets and
// sender), so that a fresh `build 2022` process makes that one PDF; its floor is a bare print of its own HTML.
const bijlageContent = join(scratch, 'bijlage-content');
for (const part of ['afzenders', '2022/data', '2022/actieprogramma', '2022/actieprogramma.yaml']) cpSync(join(root, 'content', part), join(bijlageContent, part), { recursive: true });
const bijlageOutput = join(scratch, 'bijlage-output');
const bijlagePdf = join(bijlageOutput, '2022', 'actieprogramma.pdf');
timed(['bin/voortgang.js', 'build', '2022', '--content', bijlageContent, '--output', bijlageOutput], bijlagePdf);
const bijlageHtml = join(bijlageOutput, '2022', 'actieprogramma.html');
const bijlagePages = [...readFileSync(bijlageHtml, 'utf8').matchAll(/data-pagina="(\d+)"/g)].pop()?.[1];

// Two revisions of the content for the diff: as it is, and with the ten edits of the revision fixture.
const revA = join(scratch, 'rev-a');
const revB = join(scratch, 'rev-b');
cpSync(join(root, 'content'), revA, { recursive: true });
cpSync(join(root, 'content'), revB, { recursive: true });
for (const e of JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'kamerbrief-2022-revisie.json'), 'utf8')).edits) {
  const file = join(revB, '2022', e.file);
  writeFileSync(file, readFileSync(file, 'utf8').replace(e.from, e.to));
}
const diffArgs = ['bin/voortgang.js', 'diff', '2022', '--from', revA, '--to', revB, '--output', output];
const redlinePdf = join(output, '2022', 'kamerbrief.diff.pdf');
timed(diffArgs, redlinePdf);
timed(yearFloor, 'floor');

const cold = [];
const coldFloor = [];
const coldDiff = [];
const rss = [];
const pager = [];
for (let i = 0; i < runs; i++) {
  const b = timed(['bin/voortgang.js', 'build', '2022', '--output', output, '--timings'], letterPdf);
  cold.push(b.elapsed);
  if (b.rss) rss.push(b.rss);
  if (b.paginate !== undefined) pager.push(b.paginate);
  coldFloor.push(timed(yearFloor, 'floor').elapsed);
  coldDiff.push(timed(diffArgs, redlinePdf).elapsed);
}

const bijlageCold = [];
const bijlageFloor = [];
for (let i = 0; i < runs; i++) {
  bijlageCold.push(timed(['bin/voortgang.js', 'build', '2022', '--content', bijlageContent, '--output', bijlageOutput], bijlagePdf).elapsed);
  bijlageFloor.push(timed(['dist/floor.js', bijlageHtml, join(scratch, 'floor-bijlage-alone.pdf')], 'floor').elapsed);
}

// Cold without the caches. The source caches: what the very first build of changed sources costs (Markdown
// trees, validated YAML and blocks; the 2022 letter has no chart, like the real one, so the chart cache plays no
// part). Every cache: all of node_modules/.cache/voortgang/ but the unpacked Chromium, whatever kinds it holds.
const cacheRoot = join(root, 'node_modules', '.cache', 'voortgang');
const SOURCE_CACHES = ['grafiek', 'mdast', 'yaml', 'blocks'];
const everyCache = () => readdirSync(cacheRoot).filter((kind) => !kind.startsWith('chromium-'));
const emptied = everyCache();
const uncached = [];
const allUncached = [];
for (let i = 0; i < Math.min(runs, 5); i++) {
  for (const kind of SOURCE_CACHES) rmSync(join(cacheRoot, kind), { recursive: true, force: true });
  uncached.push(timed(['bin/voortgang.js', 'build', '2022', '--output', output], letterPdf).elapsed);
  for (const kind of everyCache()) rmSync(join(cacheRoot, kind), { recursive: true, force: true });
  allUncached.push(timed(['bin/voortgang.js', 'build', '2022', '--output', output], letterPdf).elapsed);
}

// build --all: every document of every year (2022 Kamerbrief; 2023 beslisnota, internal and public), one
// process each, with one page printing at a time and with two side by side.
const allRuns = { 1: [], 2: [] };
let allPdfs = 0;
for (let i = 0; i < Math.min(runs, 5); i++) {
  for (const jobs of [1, 2]) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['bin/voortgang.js', 'build', '--all', '--jobs', String(jobs), '--output', output], { cwd: root, encoding: 'utf8' });
    allRuns[jobs].push(performance.now() - t);
    if (r.status !== 0) throw new Error(`build --all failed:\n${r.stderr}`);
    browsers.saw(printedBy(letterPdf), `build --all --jobs ${jobs}`);
    allPdfs = (r.stdout.match(/\.pdf: /g) ?? []).length;
  }
}

const paths = { content: join(root, 'content'), templates: join(root, 'templates'), output };
// One run, as the preview's: its browser, one warm page for the job's whole chain, a second page for the floor.
const run = new Run(paths);
const browser = await run.printer.browser;
browsers.saw(await browser.version(), 'the warm rebuilds');
const page = run.printer.openPage();
const floorRenderer = new Renderer(browser);
const html = readFileSync(finished, 'utf8');
const warm = [];
const warmFloor = [];
const warmPager = [];
let fill;
const dataFile = join(root, 'content', '2022', 'kamerbrief.yaml');
for (let i = 0; i < runs + 2; i++) {
  let t = performance.now();
  const [built] = await runJob(run, { kind: 'document', year: '2022', dataFile, label: '2022/kamerbrief' }, page.renderer);
  const w = performance.now() - t;
  fill = built.report.perPage;
  t = performance.now();
  await floorRenderer.printStatic(html, '/2022/kamerbrief.html');
  const f = performance.now() - t;
  if (i >= 2) {
    warmPager.push(built.report.ms);
    warm.push(w);
    warmFloor.push(f);
  }
}
const heap = Math.round(process.memoryUsage().rss / 1024 / 1024);
await run.close();
rmSync(scratch, { recursive: true, force: true });

const rows = [
  ['cold build of 2022: the letter and its bijlage (fresh process, disk caches warm; start → PDFs)', median(cold), median(coldFloor)],
  [`cold build of the bijlage alone (Actieprogramma, ${bijlagePages} pages)`, median(bijlageCold), median(bijlageFloor)],
  ['cold build, source caches empty (Markdown trees, validated YAML; layouts and templates cached)', median(uncached), median(coldFloor)],
  [`cold build, every cache empty (${emptied.join(', ')}: all but the Chromium)`, median(allUncached), median(coldFloor)],
  ['warm rebuild (browser kept)', median(warm), median(warmFloor)],
];
console.log(`\nvoortgang bench — 2022 Kamerbrief, ${pages} pages, 51 footnotes, 2 tables, and its bijlage; median of ${runs} runs (Node ${process.version})`);
console.log(`every build, diff and floor printed by one browser: ${browsers.name}\n`);
console.log('| measurement | voortgang | floor (bare page.pdf) | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, v, f] of rows) console.log(`| ${name} | ${ms(v)} | ${ms(f)} | ×${(v / f).toFixed(2)} |`);
console.log(`\ncold diff of the 2022 letter (two revisions, redline PDF): median ${ms(median(coldDiff))}, ×${(median(coldDiff) / median(cold)).toFixed(2)} of the cold build (target ≤ ×1.5); runs ${coldDiff.map(Math.round).join(', ')} ms`);
console.log(`\ncold build runs: ${cold.map(Math.round).join(', ')} ms; floor runs: ${coldFloor.map(Math.round).join(', ')} ms`);
console.log(`source caches empty runs: ${uncached.map(Math.round).join(', ')} ms; every cache empty runs: ${allUncached.map(Math.round).join(', ')} ms`);
console.log(`bijlage cold build runs: ${bijlageCold.map(Math.round).join(', ')} ms; its floor runs: ${bijlageFloor.map(Math.round).join(', ')} ms`);
console.log(`warm rebuild runs: ${warm.map(Math.round).join(', ')} ms`);
console.log(`peak RSS of the build process (Node side): median ${median(rss)} MB; bench process after warm runs: ${heap} MB`);
console.log('targets: cold ≤ ×1.15 of the floor; warm rebuild ≤ 300 ms');
console.log(`\npage-filling pass (its own time in the page, as in --timings): cold median ${ms(median(pager))} (runs ${pager.join(', ')}); warm median ${ms(median(warmPager))}`);
const short = fill.slice(0, -1);
console.log(`page fill — unused text height at the end of each page, mm (the last page is where the letter ends):`);
console.log(`| page | ${fill.map((p) => p.page).join(' | ')} |`);
console.log(`| ---: |${fill.map(() => ' ---: |').join('')}`);
console.log(`| unused mm | ${fill.map((p) => p.unusedMm.toFixed(1)).join(' | ')} |`);
console.log(`| rule | ${fill.map((p) => p.brokenBy ?? '').join(' | ')} |`);
console.log(`pages but the last: ${short.reduce((s, p) => s + p.unusedMm, 0).toFixed(1)} mm unused in all, at most ${Math.max(...short.map((p) => p.unusedMm)).toFixed(1)} mm`);
console.log(`\nbuild --all (${allPdfs} PDFs from every year), a fresh process each run, median of ${allRuns[1].length}:`);
console.log('| --jobs | time | PDFs per second | vs --jobs 1 |');
console.log('| ---: | ---: | ---: | ---: |');
for (const jobs of [1, 2]) {
  const m = median(allRuns[jobs]);
  console.log(`| ${jobs} | ${ms(m)} | ${(allPdfs / (m / 1000)).toFixed(2)} | ×${(m / median(allRuns[1])).toFixed(2)} |`);
}
console.log(`runs --jobs 1: ${allRuns[1].map(Math.round).join(', ')} ms; --jobs 2: ${allRuns[2].map(Math.round).join(', ')} ms`);
