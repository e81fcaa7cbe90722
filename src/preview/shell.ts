import type { ShellConfig } from './client/protocol.js';

// The page's script (src/preview/client/, bundled into one script by scripts/bundle.mjs).
declare const __PREVIEW_SCRIPT__: string | undefined;

/** The preview page's script, as the build bundled it; undefined when voortgang runs unbundled. */
export const PREVIEW_SCRIPT = typeof __PREVIEW_SCRIPT__ === 'string' ? __PREVIEW_SCRIPT__ : undefined;

/** Where the page loads its script from. */
export const SCRIPT_PATH = '/preview.js';

/**
 * The page the user's browser opens: a bar (document switcher, state, the PDF button), the document's
 * paginated HTML in a frame, exactly as output/<year>/<name>.html holds it, an overlay for errors and a line
 * that names the source of what was clicked. Its settings are JSON in the page; its script
 * (src/preview/client/main.ts) is served at SCRIPT_PATH.
 */
export function shellHtml(year: string, doc: string): string {
  const config = JSON.stringify({ year, doc } satisfies ShellConfig).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>voortgang preview ${escapeHtml(year)}</title>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
#bar { display: flex; gap: 12px; align-items: center; padding: 6px 12px; background: #154273; color: #fff; flex: none; }
#bar select, #bar button { font: inherit; }
#status { flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#bron { padding: 4px 12px; background: #eef; border-bottom: 1px solid #99a; flex: none; min-height: 1.4em; font-family: ui-monospace, monospace; }
#bron a { margin-left: 1em; }
#main { position: relative; flex: 1; }
#pages { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: #888; }
#overlay { position: absolute; left: 24px; right: 24px; top: 16px; max-height: 60%; overflow: auto; background: #3a0a0a; color: #fff; border-left: 6px solid #e33; box-shadow: 0 4px 16px rgba(0,0,0,.5); padding: 12px 16px; }
#overlay[hidden] { display: none; }
#overlay h2 { margin: 0 0 8px; font-size: 15px; color: #fcc; }
#overlay pre { margin: 0; white-space: pre-wrap; font: 13px/1.5 ui-monospace, monospace; }
</style>
</head>
<body>
<div id="bar">
  <strong>voortgang preview ${escapeHtml(year)}</strong>
  <select id="document" aria-label="document"></select>
  <span id="status">…</span>
  <button id="pdf" type="button" title="print this document to output/, as voortgang build does">PDF</button>
</div>
<div id="bron" aria-live="polite">Click a paragraph, heading, table cell or footnote to see where it is written.</div>
<div id="main">
  <iframe id="pages" title="pages"></iframe>
  <div id="overlay" role="alert" hidden><h2>The sources have a problem — the pages shown are the last good ones</h2><pre id="error"></pre></div>
</div>
<script type="application/json" id="config">${config}</script>
<script src="${SCRIPT_PATH}"></script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
