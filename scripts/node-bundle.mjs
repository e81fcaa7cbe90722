// How voortgang's Node code is bundled (scripts/bundle.mjs), shared with the benchmark's floor (bench/bench.js
// bundles bench/floor.js with it), so that the floor loads Puppeteer the way the build does.
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['@sparticuz/chromium', 'pdfjs-dist'],
  banner: { js: "import { createRequire as __voortgangRequire } from 'node:module'; const require = __voortgangRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  minify: true,
  keepNames: false,
};
