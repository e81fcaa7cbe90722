// How voortgang's in-browser scripts are bundled (scripts/bundle.mjs): the page-filling pass (src/paginate/) that
// runs in the printing page, and the preview page's script (src/preview/client/) that runs in the user's browser.
// Each becomes one self-contained script (an IIFE), handed to the main bundle as a string. Shared with
// tests/preview-client.test.ts, which bundles the preview's script again from its source and expects the
// preview to serve exactly that.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The repository: entry files are named from it, and so are the files in the bundle's comments, wherever it runs. */
const root = fileURLToPath(new URL('..', import.meta.url));

/** One in-browser script from its entry file (relative to the repository): the text of the bundled IIFE. */
export async function browserScript(entry, { minify }) {
  const result = await build({
    absWorkingDir: root,
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
