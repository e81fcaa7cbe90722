// The preview's script in the user's browser (the page is src/preview/shell.ts; scripts/bundle.mjs bundles this
// file and what it imports into one script, which the server serves at /preview.js). It keeps the frame's
// document and swaps its body when new pages arrive (server-sent events), so the browser never reloads and the
// reader stays on the page.
import { byId } from './page-elements.js';
import type { PdfAnswer, PreviewHook, PreviewState, ShellConfig } from './protocol.js';
import { SourceBar } from './source-bar.js';
import { swapPages } from './swap-pages.js';

const config = JSON.parse(byId('config', HTMLScriptElement).text) as ShellConfig;
const frame = byId('pages', HTMLIFrameElement);
const select = byId('document', HTMLSelectElement);
const status = byId('status', HTMLElement);
const overlay = byId('overlay', HTMLElement);
const errorText = byId('error', HTMLElement);
const preview: PreviewHook = { rev: 0, error: null, doc: config.doc, updates: 0 };
Object.assign(window, { voortgangPreview: preview });
const bron = new SourceBar(byId('bron', HTMLElement), preview);
/** The rev of the pages in the frame. */
let shown = 0;
/** The states' work, in the order they came: pages are fetched and swapped one state at a time. */
let loading: Promise<void> = Promise.resolve();

function snapshotUrl(rev: number): string {
  return `/${config.year}/${encodeURIComponent(config.doc)}.html?rev=${rev}`;
}

/** The pages of `rev`: the first into the frame as its page, later ones swapped into its document. */
async function load(rev: number): Promise<void> {
  if (shown === 0) {
    return new Promise((done) => {
      frame.onload = () => {
        frame.contentDocument?.addEventListener('click', bron.clicked);
        done();
      };
      frame.src = snapshotUrl(rev);
    });
  }
  const html = await fetch(snapshotUrl(rev)).then((r) => r.text());
  swapPages(frame, html);
}

function apply(state: PreviewState): void {
  bron.sections = state.sections;
  bron.facts = state.facts;
  select.textContent = '';
  for (const d of state.documents) {
    const o = document.createElement('option');
    o.value = d.name;
    o.textContent = d.label;
    o.selected = d.name === config.doc;
    select.appendChild(o);
  }
  loading = loading
    .then(async () => {
      if (state.rev > shown) {
        await load(state.rev);
        shown = state.rev;
        preview.rev = shown;
        preview.updates++;
      }
    })
    .then(() => {
      preview.error = state.error || null;
      if (state.error) {
        errorText.textContent = state.error;
        overlay.hidden = false;
      } else overlay.hidden = true;
      status.textContent = `${state.pages ? `${state.pages} pages` : 'no pages yet'}${state.error ? ' — a problem, see above' : ''} · ${new Date().toLocaleTimeString()}`;
      document.documentElement.dataset.rev = String(shown);
    });
}

select.addEventListener('change', () => {
  location.search = `?doc=${encodeURIComponent(select.value)}`;
});

byId('pdf', HTMLButtonElement).addEventListener('click', () => {
  status.textContent = 'printing…';
  void fetch(`/api/pdf?doc=${encodeURIComponent(config.doc)}`, { method: 'POST' })
    .then((r) => r.json() as Promise<PdfAnswer>)
    .then((r) => {
      status.textContent = 'error' in r ? `not printed: ${r.error}` : `printed ${r.files.join(', ')}`;
      preview.printed = r;
    });
});

const events = new EventSource(`/events?doc=${encodeURIComponent(config.doc)}`);
events.addEventListener('state', (e: MessageEvent<string>) => apply(JSON.parse(e.data) as PreviewState));
