// node bench/preview-profile.js — where the warm pager's time goes: the 2022 letter loaded into a warm page and
// paginated a few times (as the preview does on every save), then one pass under Chromium's sampling profiler,
// with the self time of the functions that cost most (getBoundingClientRect and friends: forced layouts).
import { join, resolve } from 'node:path';
import { Run } from '../dist/voortgang.js';

const root = resolve(import.meta.dirname, '..');
const paths = { content: join(root, 'content'), templates: join(root, 'templates'), output: join(root, 'output') };
const run = new Run(paths);
try {
  const renderer = await run.printer.openPage().renderer;
  const [doc] = await run.preparer.prepare({ kind: 'document', year: '2022', dataFile: join(paths.content, '2022', 'kamerbrief.yaml'), label: '2022/kamerbrief' });
  const passes = [];
  for (let i = 0; i < 5; i++) {
    await renderer.load(doc.html, '/2022/kamerbrief.html');
    passes.push((await renderer.paginate()).ms);
  }
  await renderer.load(doc.html, '/2022/kamerbrief.html');
  const cdp = await renderer.page.createCDPSession(); // the Renderer's one page (a bench may look inside)
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const report = await renderer.paginate();
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = nodes.get(id).callFrame;
    const name = f.url ? `${f.functionName || '(anonymous)'} (pager:${f.columnNumber})` : f.functionName;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`\nwarm pager, 2022 Kamerbrief (${report.pages} pages): passes ${passes.map(Math.round).join(', ')} ms; profiled pass ${Math.round(report.ms)} ms`);
  console.log('| self time | function |');
  console.log('| ---: | --- |');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`| ${ms.toFixed(1)} ms | ${name} |`);
} finally {
  await run.close();
}
