// Bundles voortgang into one ESM file, dist/voortgang.js. A command-line tool that loads ~400 small modules
// spends ~0.5 s in Node's module loader on every start; one file loads in a fraction of that (see npm run bench).
// Puppeteer is bundled too: imported from node_modules it costs ~270 ms of module loading before Chromium can
// even be started; from the bundle, a fraction. The packaged Chromium (@sparticuz/chromium) stays outside.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { browserScript, previewScript } from './browser-bundle.mjs';
import { nodeBundle } from './node-bundle.mjs';

// Versions of everything that shapes a Markdown syntax tree: the key of the parse cache (src/markdown/parse-section.ts).
const parserPackages = ['remark-parse', 'remark-gfm', 'micromark', 'mdast-util-from-markdown', 'micromark-extension-gfm', 'mdast-util-gfm'];
const parserVersions = parserPackages.map((p) => `${p}@${JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version}`).join(' ');

// Versions of what draws charts: the key of the chart cache (src/markdown/grafiek/chart-svg.ts).
// and of voortgang's own drawing code, so that a change of style draws every chart again.
const chartVersions = [
  ...['echarts', 'zrender', 'hast-util-from-html'].map((p) => `${p}@${JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version}`),
  createHash('sha256').update(readFileSync('src/markdown/grafiek/draw-svg.ts')).update(readFileSync('src/format/nl.ts')).digest('hex').slice(0, 16),
].join(' ');

// What reads source files (schemas, checks, the YAML parser, zod) and judges a layout's addresses: the key of
// the cache of validated files (src/load/read-validated.ts) and of checked layout chrome (compose/check-layout-urls.ts).
const sourceFormatFiles = ['src/validate/schemas.ts', 'src/validate/layout-schema.ts', 'src/validate/validate-layout.ts', 'src/validate/block-schemas.ts', 'src/validate/validate-sources.ts', 'src/load/dataset-from-yaml.ts', 'src/validate/validate-yaml.ts', 'src/validate/dataset-source.ts', 'src/load/dataset.ts', 'src/load/written-figures.ts', 'src/load/read-yaml.ts', 'src/load/plain-yaml.ts', 'src/load/yaml-text.ts', 'src/load/text-guard.ts', 'src/compose/layout-urls.ts', 'src/compose/check-layout-urls.ts', 'src/markdown/check-links.ts', 'src/format/nl.ts', 'src/diwoo/tooi-schema.ts', 'src/diwoo/tooi.ts', 'src/diwoo/tooi-lists.json'];
const sourceFormatId = createHash('sha256')
  .update(['yaml', 'zod'].map((p) => `${p}@${JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version}`).join(' '))
  .update(sourceFormatFiles.map((f) => readFileSync(f, 'utf8')).join('\0'))
  .digest('hex')
  .slice(0, 16);

// The page-filling pass runs in the page, not in Node: one script of its own (an IIFE for Chromium), handed to
// the main bundle as a string (src/print/render-pdf.ts adds it to each document).
const paginateScript = await browserScript('src/paginate/in-page.ts', { minify: !process.env.PAGINATE_DEBUG });
// The preview page's script, likewise: the preview's server serves it (src/preview/shell.ts, server.ts).
const previewPageScript = await previewScript();

// Chunk names carry content hashes: start from an empty dist/ so that old chunks do not pile up.
rmSync('dist', { recursive: true, force: true });

const bundled = await build({
  // Split, so that the command line's own start loads only what starting the browser needs; the pipeline
  // before the browser is loaded in the worker thread (or on demand for an in-process build).
  entryPoints: { voortgang: 'src/cli.ts', 'prepare-worker': 'src/pipeline/prepare-worker.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  ...nodeBundle,
  define: { __PARSER_VERSIONS__: JSON.stringify(parserVersions), __CHART_VERSIONS__: JSON.stringify(chartVersions), __SOURCE_FORMAT_ID__: JSON.stringify(sourceFormatId), __PAGINATE_SCRIPT__: JSON.stringify(paginateScript), __PREVIEW_SCRIPT__: JSON.stringify(previewPageScript) },
  metafile: true,
});
// zod is loaded on the way to every mistake in a source file. `import { z } from 'zod'` keeps the whole
// namespace, with its ≈50 translations of the messages (264 kB of the 457 kB chunk): `import * as z from 'zod'`
// lets esbuild keep only what is used (102 kB, English messages as before; loading it ≈30 ms instead of ≈50 ms
// on this two-core machine). One `{ z }` import anywhere brings every locale back: refuse the bundle then.
const locales = Object.values(bundled.metafile.outputs).flatMap((o) => Object.keys(o.inputs).filter((f) => o.inputs[f].bytesInOutput > 0)).filter((f) => /node_modules\/zod\/v4\/locales\/(?!en\.js$)/.test(f));
if (locales.length) throw new Error(`scripts/bundle.mjs: zod's translations are bundled (${locales.length} files, e.g. ${locales[0]}) — import zod as \`import * as z from 'zod'\`, not \`import { z } from 'zod'\``);
// The bundle's types are its source's: the tests import dist/voortgang.js and are type-checked against them
// (tsconfig.tests.json, run by `npm test`).
writeFileSync('dist/voortgang.d.ts', "export * from '../src/cli.js';\n");
