// node bench/scale.js — how a build scales with the length of the document (part of `npm run bench`).
//
// A synthetic Kamerbrief: the 2022 body (content/2022/kamerbrief/*.md) repeated N times, each copy's footnote
// labels renamed (`[^label]` → `[^label-kN]`, calls and definitions together, so labels stay unique per file),
// with the 2022 kamerbrief.yaml, its afzender and its data. It is written to a scratch folder, never to content/.
// For ×1, ×16 and ×150 copies (≈ 14, 220 and 2,000 pages) a fresh `voortgang build` process prints it, and the
// table shows pages, the wall time of the process, the time per page and the peak memory of all processes
// together: Node and every Chromium process, sampled from /proc every ~100 ms over the whole process tree and
// summed (RSS, and PSS, which shares the pages the processes have in common instead of counting them in each).
// Every size is sources never built before (the labels are renamed for ×1 too: the Markdown is parsed and
// cached, as on the first build of a new draft); BENCH_SCALE_TWICE=1 builds each a second time (`same`: the
// caches of parsed sections and validated YAML hit, as when an author rebuilds).
// The step times of the CLI's --timings, and print's own parts (VOORTGANG_TRACE: open, goto, paginate —
// the page-filling pass with font loading —, snapshot, pdf — page.pdf()), follow each row.
// Every size prints with one browser, pinned first and named in the output (bench/browser.js).
//
// One check, as a row of its own with PASS or FAIL (and exit code 1 on FAIL; not a test: a time is no test's
// business): time per page flat with length — ms/page at ×150 ≤ 1.5 × ms/page at ×16 — when both sizes ran.
//
//   BENCH_SCALE=0        skip it (npm run bench)
//   BENCH_SCALE=1,16,150 the sizes (copies of the body)
//   BENCH_SCALE_KEEP=1   keep the scratch folder (its path is printed)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pinBrowser, printedBy, SameBrowser } from './browser.js';
import { syntheticContent } from './synthetic.js';

const root = resolve(import.meta.dirname, '..');
const setting = process.env.BENCH_SCALE ?? '1,16,150';
if (setting === '0' || setting === '') process.exit(0);
const sizes = setting.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SCALE=${setting}: give copy counts like 1,16,150 (or 0 to skip)`);

const browsers = new SameBrowser(await pinBrowser(root));
const FLAT = { small: 16, large: 150, atMost: 1.5 }; // ms/page at ×150 ≤ 1.5 × ms/page at ×16
const PAGE = 4096; // bytes per page of /proc/<pid>/statm on Linux x86-64
const scratch = mkdtempSync(join(tmpdir(), 'voortgang-scale-'));

/** Every process in the tree under `pid` (itself included), from /proc/<pid>/task/<tid>/children. */
function tree(pid) {
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue; // gone
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ')) if (c.trim()) todo.push(Number(c));
      } catch {
        // the thread or process ended meanwhile
      }
    }
  }
  return out;
}

/** A figure summed over processes; a process that ended between listing and reading counts nothing. */
function sumOver(pids, read) {
  let sum = 0;
  for (const p of pids) {
    try {
      sum += read(p);
    } catch {
      // ended, or not ours to read
    }
  }
  return sum;
}

const rssOf = (pids) => sumOver(pids, (p) => Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE);
const pssOf = (pids) => sumOver(pids, (p) => Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024);

/** Runs the CLI, sampling the memory of its process tree every ~100 ms; resolves with its output and the peaks. */
function build(content, output) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'voortgang.js'), 'build', '2022', '--content', content, '--output', output, '--timings'], { cwd: root, env: { ...process.env, VOORTGANG_TRACE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // RSS of every process every ~100 ms; the process list and PSS (which walks every mapping, costly for a
    // renderer of a GB) every ~1 s, so that the sampling itself takes next to no CPU from the build.
    const peak = { rss: 0, pss: 0, processes: 0 };
    let pids = [child.pid];
    let tick = 0;
    const sample = () => {
      if (tick++ % 10 === 0) {
        pids = tree(child.pid);
        peak.processes = Math.max(peak.processes, pids.length);
        peak.pss = Math.max(peak.pss, pssOf(pids));
      }
      peak.rss = Math.max(peak.rss, rssOf(pids));
    };
    const timer = setInterval(sample, 100);
    sample();
    child.on('error', fail);
    child.on('close', (status) => {
      clearInterval(timer);
      done({ status, stdout, stderr, ms: performance.now() - started, peak });
    });
  });
}

const MB = (b) => Math.round(b / 2 ** 20);
const pad = (s, n) => String(s).padStart(n);
console.log(`\nscale: the 2022 body repeated N times (scratch ${scratch})`);
console.log(`${'copies'.padEnd(7)}${'sources'.padEnd(8)}${pad('pages', 6)}${pad('notes', 7)}${pad('s', 8)}${pad('ms/page', 9)}${pad('peak RSS MB', 13)}${pad('peak PSS MB', 13)}${pad('procs', 7)}`);
const rows = [];
for (const copies of sizes) {
  const dir = join(scratch, `x${copies}`);
  const content = syntheticContent(dir, copies);
  for (const run of process.env.BENCH_SCALE_TWICE === '1' ? ['new', 'same'] : ['new']) {
    const r = await build(content, join(dir, 'output'));
    if (r.status !== 0) {
      process.exitCode = 1;
      console.log(`×${copies} (${run}) FAILED after ${(r.ms / 1000).toFixed(1)} s, exit ${r.status}, peak RSS ${MB(r.peak.rss)} MB:\n${r.stderr}`);
      break;
    }
    const m = /kamerbrief\.pdf: (\d+) pages, (\d+) footnotes/.exec(r.stdout);
    const pages = Number(m?.[1]);
    const row = { copies, run, pages, notes: Number(m?.[2]), ms: r.ms, perPage: r.ms / pages, ...r.peak };
    rows.push(row);
    browsers.saw(printedBy(join(dir, 'output', '2022', 'kamerbrief.pdf')), `×${copies}`);
    console.log(`${('×' + copies).padEnd(7)}${run.padEnd(8)}${pad(pages, 6)}${pad(row.notes, 7)}${pad((r.ms / 1000).toFixed(1), 8)}${pad(row.perPage.toFixed(1), 9)}${pad(MB(r.peak.rss), 13)}${pad(MB(r.peak.pss), 13)}${pad(r.peak.processes, 7)}`);
    const t = /^timings (.*)$/m.exec(r.stderr);
    if (t) console.log(`       steps (ms): ${Object.entries(JSON.parse(t[1])).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
    const rt = /^render (.*)$/m.exec(r.stderr);
    if (rt) console.log(`       in print (ms): ${Object.entries(JSON.parse(rt[1])).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  }
}
const perPage = (copies) => rows.find((r) => r.copies === copies && r.run === 'new')?.perPage;
if (perPage(FLAT.small) && perPage(FLAT.large)) {
  const ratio = perPage(FLAT.large) / perPage(FLAT.small);
  const pass = ratio <= FLAT.atMost;
  console.log(`flat time per page: ms/page ×${FLAT.large} ${perPage(FLAT.large).toFixed(1)} / ×${FLAT.small} ${perPage(FLAT.small).toFixed(1)} = ${ratio.toFixed(2)} (at most ${FLAT.atMost}): ${pass ? 'PASS' : 'FAIL'}`);
  if (!pass) process.exitCode = 1;
} else {
  console.log(`flat time per page: not measured (needs ×${FLAT.small} and ×${FLAT.large}; BENCH_SCALE=${setting})`);
}
console.log(`printed by one browser: ${browsers.name}`);
if (process.env.BENCH_SCALE_KEEP === '1') console.log(`kept ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
