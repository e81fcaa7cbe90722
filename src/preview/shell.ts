/**
 * The page the user's browser opens: a bar (document switcher, state, the PDF button), the document's
 * paginated HTML in a frame, exactly as output/<year>/<name>.html holds it, an overlay for errors and a line
 * that names the source of what was clicked. The script keeps the frame's document and swaps its body when new
 * pages arrive (server-sent events), so the browser never reloads and the reader stays on the page.
 */
export function shellHtml(year: string, doc: string): string {
  const config = JSON.stringify({ year, doc }).replace(/</g, '\\u003c');
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
<script>
(function () {
  var config = ${config};
  var frame = document.getElementById('pages');
  var select = document.getElementById('document');
  var status = document.getElementById('status');
  var overlay = document.getElementById('overlay');
  var errorText = document.getElementById('error');
  var bron = document.getElementById('bron');
  var shown = 0;
  var sections = [];
  var facts = [];
  var loading = Promise.resolve();
  var preview = (window.voortgangPreview = { rev: 0, error: null, doc: config.doc, updates: 0 });

  function snapshotUrl(rev) { return '/' + config.year + '/' + encodeURIComponent(config.doc) + '.html?rev=' + rev; }

  function pagesOf(d) { return Array.prototype.slice.call(d.querySelectorAll('.pagina')); }

  function topOf(el, win) { return el.getBoundingClientRect().top + win.scrollY; }

  // New pages into the frame's document, in place: the same page stays where it was on the screen; when the
  // first page that changed is out of sight, it is brought into view.
  function swap(html) {
    var d = frame.contentDocument, win = frame.contentWindow;
    var before = pagesOf(d);
    var y = win.scrollY, anchor = 0;
    before.forEach(function (p, i) { if (topOf(p, win) <= y + 1) anchor = i; });
    var offset = before[anchor] ? y - topOf(before[anchor], win) : y;
    // A page's text (its content and footnotes), not its chrome: one more page changes every "Pagina n van N".
    var textOf = function (p) { var t = p.querySelector('.pagina-tekst'); return t ? t.innerHTML : p.outerHTML; };
    var old = before.map(textOf);
    var next = new DOMParser().parseFromString(html, 'text/html');
    if (d.head.innerHTML !== next.head.innerHTML) d.head.innerHTML = next.head.innerHTML;
    d.body.replaceWith(d.importNode(next.body, true));
    var after = pagesOf(d);
    var same = after[Math.min(anchor, after.length - 1)];
    win.scrollTo(0, same ? topOf(same, win) + offset : y);
    var changed = -1;
    for (var i = 0; i < after.length; i++) if (textOf(after[i]) !== old[i]) { changed = i; break; }
    if (changed >= 0) {
      var r = after[changed].getBoundingClientRect();
      if (r.bottom < 0 || r.top > win.innerHeight) after[changed].scrollIntoView({ block: 'start' });
    }
    return changed;
  }

  function load(rev) {
    if (shown === 0) {
      return new Promise(function (done) {
        frame.onload = function () { frame.contentDocument.addEventListener('click', clicked); done(); };
        frame.src = snapshotUrl(rev);
      });
    }
    return fetch(snapshotUrl(rev)).then(function (r) { return r.text(); }).then(swap);
  }

  function apply(state) {
    sections = state.sections;
    facts = state.facts || [];
    select.textContent = '';
    state.documents.forEach(function (d) {
      var o = document.createElement('option');
      o.value = d.name; o.textContent = d.label; o.selected = d.name === config.doc;
      select.appendChild(o);
    });
    loading = loading.then(function () {
      if (state.rev > shown) {
        return load(state.rev).then(function () { shown = state.rev; preview.rev = shown; preview.updates++; });
      }
    }).then(function () {
      preview.error = state.error || null;
      if (state.error) { errorText.textContent = state.error; overlay.hidden = false; }
      else overlay.hidden = true;
      status.textContent = (state.pages ? state.pages + ' pages' : 'no pages yet') + (state.error ? ' — a problem, see above' : '') + ' · ' + new Date().toLocaleTimeString();
      document.documentElement.dataset.rev = String(shown);
    });
  }

  function show(file, line, what) {
    bron.textContent = file.shown + ':' + line + (what ? ' (' + what + ')' : '') + ' ';
    var a = document.createElement('a');
    a.href = 'vscode://file' + (file.path.charAt(0) === '/' ? '' : '/') + file.path + ':' + line;
    a.textContent = 'open in VS Code';
    bron.appendChild(a);
    preview.source = { file: file.shown, line: Number(line), href: a.href, fact: what || undefined };
  }

  function flat(s) { return (s || '').replace(/\s+/g, ' ').trim(); }

  // A fact the layout prints (the datum in the letter head, a line of the margin column): the clicked element's
  // own text is one of the document's facts, or the sender's.
  function factAt(el) {
    if (el.closest && el.closest('.pagina-nr, .pagina-totaal')) return null;
    for (var n = el; n && n.nodeType === 1 && n.tagName !== 'BODY'; n = n.parentElement) {
      var text = flat(n.textContent);
      if (!text) continue;
      for (var i = 0; i < facts.length; i++) if (flat(facts[i].text) === text) return facts[i];
      if (n.children.length > 1) return null;
    }
    return null;
  }

  function clicked(e) {
    var hit = e.target.closest && e.target.closest('[data-bron]');
    var parts = hit ? hit.getAttribute('data-bron').split(':') : [];
    var file = hit ? sections[Number(parts[0])] : null;
    if (file) return show(file, parts[1], '');
    var fact = factAt(e.target);
    if (fact) return show(fact, fact.line, fact.fact);
    // Something with no source of its own (the layout's own text, a page number): the bar says so, instead of
    // keeping the place of the last click.
    bron.textContent = 'No source: this is part of the layout, not of the text or the facts.';
    preview.source = null;
  }

  select.addEventListener('change', function () { location.search = '?doc=' + encodeURIComponent(select.value); });

  document.getElementById('pdf').addEventListener('click', function () {
    status.textContent = 'printing…';
    fetch('/api/pdf?doc=' + encodeURIComponent(config.doc), { method: 'POST' })
      .then(function (r) { return r.json(); })
      .then(function (r) { status.textContent = r.error ? 'not printed: ' + r.error : 'printed ' + r.files.join(', '); preview.printed = r; });
  });

  var events = new EventSource('/events?doc=' + encodeURIComponent(config.doc));
  events.addEventListener('state', function (e) { apply(JSON.parse(e.data)); });
})();
</script>
</body>
</html>
`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
