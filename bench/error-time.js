// node bench/error-time.js — how long a mistake in the sources takes to be reported, next to a good build of
// the same document measured in the same run (the target: the error in ≤ 25 % of the good build's time).
//
//   good build   a fresh `voortgang build 2024` process: 2024 started from 2023 (`voortgang new`), kenmerk and
//                datum filled in; the beslisnota and its public version printed and written
//   error build  the same year with kenmerk and datum left empty, as `voortgang new` leaves them: exit 1 with
//                both mistakes at their file:line:column, without waiting for the browser
//   start        `voortgang --version`: Node started and voortgang's command line loaded, nothing else — the
//                part of the error build that comes before the sources are even looked at
//
// Runs are interleaved (good, error, start, good, error, start …) so that drift of the machine hits all alike;
// the table shows medians and the ratios pair by pair. Both print with the browser voortgang finds (the pinned Chromium
// where there is one), or the one VOORTGANG_BROWSER names. No assertions: this prints figures.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const scratch = mkdtempSync(join(tmpdir(), 'voortgang-error-time-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(content, expectCode) {
  return timed(['build', '2024', '--content', content, '--output', join(scratch, 'output')], expectCode);
}

function timed(args, expectCode) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'voortgang.js'), ...args], { cwd: scratch, encoding: 'utf8' });
  const elapsed = performance.now() - t;
  if (r.status !== expectCode) throw new Error(`voortgang ${args.join(' ')} exited with ${r.status}, not ${expectCode}:\n${r.stderr}`);
  return { elapsed, stderr: r.stderr };
}

// Two content folders: 2024 made from 2023 by `voortgang new` (kenmerk and datum empty), and a copy filled in.
const bad = join(scratch, 'bad');
cpSync(join(root, 'content'), bad, { recursive: true });
rmSync(join(bad, '2024'), { recursive: true, force: true }); // a 2024 of the user's own (README: voortgang new 2024) is not this bench's
const made = spawnSync(process.execPath, [join(root, 'bin', 'voortgang.js'), 'new', '2024', '--from', '2023', '--content', bad], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(made.stderr);
const good = join(scratch, 'good');
cpSync(bad, good, { recursive: true });
const yaml = join(good, '2024', 'beslisnota.yaml');
writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^kenmerk:.*$/m, 'kenmerk: "5012345"').replace(/^datum:.*$/m, 'datum: 2024-11-28'));

// Once each first: caches filled (validated YAML, Markdown trees), the Chromium unpacked.
run(good, 0);
const message = run(bad, 1).stderr;

const goods = [];
const errors = [];
const starts = [];
for (let i = 0; i < runs; i++) {
  goods.push(run(good, 0).elapsed);
  errors.push(run(bad, 1).elapsed);
  starts.push(timed(['--version'], 0).elapsed);
}
const ratios = goods.map((g, i) => errors[i] / g);
const startRatios = goods.map((g, i) => starts[i] / g);
const row = (name, xs) => `${name.padEnd(12)} ${String(Math.round(median(xs))).padStart(6)} ms   (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
process.stdout.write(
  [
    `build 2024 (beslisnota, 2 versions), ${runs} interleaved runs, medians:`,
    row('good build', goods),
    row('error build', errors),
    row('start', starts),
    `error/good   ${(median(ratios) * 100).toFixed(0).padStart(6)} %    (pair by pair: ${ratios.map((r) => `${Math.round(r * 100)}%`).join(' ')}; target ≤ 25 %)`,
    `start/good   ${(median(startRatios) * 100).toFixed(0).padStart(6)} %    (pair by pair: ${startRatios.map((r) => `${Math.round(r * 100)}%`).join(' ')})`,
    '',
    'the error build says:',
    message.trimEnd(),
    '',
  ].join('\n'),
);
rmSync(scratch, { recursive: true, force: true });
