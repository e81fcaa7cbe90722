// How voortgang's in-browser scripts are bundled (scripts/bundle.mjs): the page-filling pass (src/paginate/) that
// runs in the printing page, and the preview page's script (src/preview/client/) that runs in the user's browser.
// Each becomes one self-contained script (an IIFE), handed to the main bundle as a string. Shared with
// tests/preview-client.test.ts, which bundles the preview's script again from its source and expects the
// preview to serve exactly that.
import { build } from 'esbuild';

/** One in-browser script from its entry file: the text of the bundled IIFE. */
export async function browserScript(entry, { minify }) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/**
 * The preview page's script. Not minified: it is served from 127.0.0.1 (its ~5 KB cost nothing there) and
 * stays readable in the browser's developer tools.
 */
export const previewScript = () => browserScript('src/preview/client/main.ts', { minify: false });
