// voortgang's page-filling pass. Runs inside the page (Chromium), after fonts have loaded.
//
// It pours the blocks of <main id="flow"> into page boxes cloned from <template id="pagina-eerste"> and
// <template id="pagina-vervolg">, and puts every footnote (#voetnoten > .noot) at the bottom of the page that
// holds its first call. Rules, in order of precedence:
//   - a footnote is on the page of its call: a line whose note does not fit moves to the next page;
//   - paragraphs and list items break between lines, leaving at least MIN_LINES lines on either side;
//   - tables break between rows, repeating the header row; a row is never split;
//   - a heading never ends a page; figures and the signature block are never split;
//   - the signature block never starts a page alone: the block before it moves along.
// Everything is measured with the browser's own layout, so the PDF is what was measured.
//
// Plain JavaScript on purpose: it is sent to the page as is (no transpiler helpers inside).
(function () {
  'use strict';
  const MIN_LINES = 2;
  const MIN_ROWS = 2;
  const EPS = 0.5; // px

  const KEEP_WITH_NEXT = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  const LINE_BLOCKS = new Set(['P', 'LI', 'DD', 'DT', 'BLOCKQUOTE']);
  const LISTS = new Set(['UL', 'OL']);

  function paginate() {
    const started = performance.now();
    const flow = document.getElementById('flow');
    const notesSource = document.getElementById('voetnoten');
    const firstTemplate = document.getElementById('pagina-eerste');
    const nextTemplate = document.getElementById('pagina-vervolg') || firstTemplate;
    if (!flow || !firstTemplate) throw new Error('layout lacks #flow or <template id="pagina-eerste">');

    const notes = new Map();
    if (notesSource) for (const note of notesSource.querySelectorAll(':scope > .noot')) notes.set(note.dataset.noot, note);

    const book = document.createElement('div');
    book.id = 'paginas';
    flow.before(book);

    const pages = [];
    const newPage = () => {
      const template = pages.length === 0 ? firstTemplate : nextTemplate;
      const el = template.content.firstElementChild.cloneNode(true);
      book.appendChild(el);
      const page = {
        el,
        text: el.querySelector('.pagina-tekst'),
        content: el.querySelector('.pagina-inhoud'),
        notes: el.querySelector('.pagina-voetnoten'),
        noteIds: '',
        number: pages.length + 1,
      };
      pages.push(page);
      return page;
    };

    const queue = Array.from(flow.children);
    let page = newPage();
    let guard = 0;
    while (queue.length) {
      if (++guard > 100000) throw new Error('pagination does not converge');
      const block = queue.shift();
      page.content.appendChild(block);
      syncNotes(page, notes);
      if (overflow(page) <= EPS) continue;

      const rest = splitToFit(page, block, notes);
      if (rest) {
        // The block was split: its first part stays here, the rest opens the next page.
        page = newPage();
        queue.unshift(rest);
        continue;
      }
      // Nothing of the block fits here: move it, with the headings that introduce it.
      const carried = [block];
      block.remove();
      if (keepsWithPrevious(block) && page.content.lastElementChild) {
        carried.unshift(page.content.lastElementChild);
        page.content.lastElementChild.remove();
      }
      while (page.content.lastElementChild && keepsWithNext(page.content.lastElementChild)) {
        carried.unshift(page.content.lastElementChild);
        page.content.lastElementChild.remove();
      }
      syncNotes(page, notes);
      if (page.content.childElementCount === 0) {
        // The block is taller than an empty page and cannot be split: place it and report it.
        for (const el of carried) page.content.appendChild(el);
        syncNotes(page, notes);
        page.el.dataset.overflow = String(Math.round(overflow(page)));
        page = newPage();
        continue;
      }
      page = newPage();
      queue.unshift(...carried);
    }
    // The last page may have been opened for nothing.
    const last = pages[pages.length - 1];
    if (pages.length > 1 && last.content.childElementCount === 0) {
      last.el.remove();
      pages.pop();
    }

    for (const p of pages) {
      p.el.dataset.pagina = String(p.number);
      for (const el of p.el.querySelectorAll('.pagina-nr')) el.textContent = String(p.number);
      for (const el of p.el.querySelectorAll('.pagina-totaal')) el.textContent = String(pages.length);
    }

    const report = {
      pages: pages.length,
      notesOnPage: {},
      callsOnPage: {},
      unplaced: [],
      overflows: [],
      headingAtEnd: [],
      ms: 0,
    };
    pages.forEach((p) => {
      for (const n of p.notes.querySelectorAll('.noot')) if (!n.classList.contains('vervolg')) report.notesOnPage[n.dataset.noot] = p.number;
      for (const c of p.content.querySelectorAll('.noot-ref.eerste')) report.callsOnPage[c.dataset.noot] = p.number;
      if (p.el.dataset.overflow) report.overflows.push({ page: p.number, px: Number(p.el.dataset.overflow) });
      const last = p.content.lastElementChild;
      if (p !== pages[pages.length - 1] && last && keepsWithNext(last)) report.headingAtEnd.push(p.number);
      const wide = p.content.scrollWidth - p.content.clientWidth;
      if (wide > 1) report.overflows.push({ page: p.number, px: wide, sideways: true });
    });
    for (const id of notes.keys()) if (!(id in report.notesOnPage)) report.unplaced.push(Number(id));

    flow.remove();
    if (notesSource) notesSource.remove();
    for (const t of document.querySelectorAll('template')) t.remove();
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  // ---- measuring ------------------------------------------------------------------------------

  /** How far (px) the page's content plus its footnotes run past the text area. */
  function overflow(page) {
    const box = page.text.getBoundingClientRect();
    const last = page.content.lastElementChild;
    const contentBottom = last ? last.getBoundingClientRect().bottom : box.top;
    const notesHeight = page.notes.childElementCount ? page.notes.getBoundingClientRect().height + noteGap(page) : 0;
    return contentBottom - box.top + notesHeight - box.height;
  }

  /** Space kept between the last line and the footnote rule: one line of body leading. */
  function noteGap(page) {
    return parseFloat(getComputedStyle(page.content).lineHeight) || 0;
  }

  function keepsWithNext(el) {
    return KEEP_WITH_NEXT.has(el.tagName) || el.classList.contains('houd-bij-volgende');
  }

  function keepsWithPrevious(el) {
    return el.matches('.ondertekening, .houd-bij-vorige');
  }

  /** The footnotes at the bottom of a page are those whose first call is in the page's content. */
  function syncNotes(page, notes) {
    const ids = [];
    for (const call of page.content.querySelectorAll('.noot-ref.eerste')) ids.push(call.dataset.noot);
    const key = ids.join(',');
    if (key === page.noteIds) return;
    page.noteIds = key;
    page.notes.replaceChildren(...ids.map((id) => notes.get(id)).filter(Boolean));
  }

  // ---- splitting --------------------------------------------------------------------------------

  /**
   * Splits `block` (the last child of the page) so that the page fits: the block keeps its first part and the
   * rest is returned. Returns null, with the block unchanged, when no acceptable first part fits.
   */
  function splitToFit(page, block, notes) {
    if (!isSplittable(block)) return null;
    // Trials work on copies; `block` itself stays untouched so that a failed split leaves the page as it was.
    block.remove();
    syncNotes(page, notes);
    const box = page.text.getBoundingClientRect();
    const notesNow = page.notes.childElementCount ? page.notes.getBoundingClientRect().height + noteGap(page) : 0;
    // Start from the room left by what precedes the block, then tighten by any overflow that the notes
    // called from the first part bring along.
    let limit = box.top + box.height - notesNow;
    for (let attempt = 0; attempt < 20; attempt++) {
      const trial = block.cloneNode(true);
      page.content.appendChild(trial);
      const rest = splitAt(trial, limit);
      if (!rest) {
        trial.remove();
        break;
      }
      syncNotes(page, notes);
      const over = overflow(page);
      if (over <= EPS) return rest;
      trial.remove();
      syncNotes(page, notes);
      limit -= Math.max(over, 1);
    }
    page.content.appendChild(block);
    syncNotes(page, notes);
    return null;
  }

  function isSplittable(el) {
    if (el.classList.contains('niet-splitsen') || el.matches('figure, .ondertekening, h1, h2, h3, h4, h5, h6, img, svg')) return false;
    return LINE_BLOCKS.has(el.tagName) || LISTS.has(el.tagName) || el.tagName === 'TABLE' || el.tagName === 'DIV' || el.tagName === 'SECTION';
  }

  /** Splits `el` so that its first part ends above `limit` (client y); returns the rest, or null. */
  function splitAt(el, limit) {
    if (el.tagName === 'TABLE') return splitTable(el, limit);
    if (hasBlockChildren(el)) return splitContainer(el, limit);
    if (LINE_BLOCKS.has(el.tagName) || el.tagName === 'DIV') return splitLines(el, limit);
    return null;
  }

  function hasBlockChildren(el) {
    for (const c of el.children) {
      const d = getComputedStyle(c).display;
      if (d === 'block' || d === 'list-item' || d === 'table' || d === 'flex') return true;
    }
    return false;
  }

  /** A block of lines: break after the last whole line above `limit`, keeping MIN_LINES on either side. */
  function splitLines(el, limit) {
    const style = getComputedStyle(el);
    const lh = parseFloat(style.lineHeight);
    if (!(lh > 0)) return null;
    const rect = el.getBoundingClientRect();
    const top = rect.top + parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth);
    const height = rect.bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth) - top;
    const lines = Math.round(height / lh);
    let keep = Math.floor((limit - top + EPS) / lh);
    if (keep >= lines) return null; // it fits whole: nothing to split (caller will not ask)
    keep = Math.min(keep, lines - MIN_LINES);
    if (keep < MIN_LINES) return null;
    const pos = positionAtY(el, top + keep * lh + lh / 2);
    if (!pos) return null;
    const range = document.createRange();
    range.setStart(pos.node, pos.offset);
    range.setEnd(el, el.childNodes.length);
    const rest = el.cloneNode(false);
    rest.removeAttribute('id');
    rest.appendChild(range.extractContents());
    rest.classList.add('vervolg');
    el.classList.add('gesplitst');
    if (el.tagName === 'LI') rest.classList.add('vervolg');
    return rest;
  }

  /** The first text position whose glyph lies at or below `y` (client y of the middle of a line). */
  function positionAtY(el, y) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    const starts = [];
    let total = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      starts.push(total);
      total += n.data.length;
    }
    if (total === 0) return null;
    const range = document.createRange();
    const locate = (i) => {
      let k = 0;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= i) { k = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return { node: nodes[k], offset: i - starts[k] };
    };
    // Vertical middle of the glyph at i, skipping collapsed whitespace (no box); Infinity past the end.
    const middle = (i) => {
      for (let j = i; j < total; j++) {
        const p = locate(j);
        range.setStart(p.node, p.offset);
        range.setEnd(p.node, p.offset + 1);
        const rects = range.getClientRects();
        if (rects.length && rects[0].width > 0) return (rects[0].top + rects[0].bottom) / 2;
      }
      return Infinity;
    };
    let lo = 0;
    let hi = total; // answer in [lo, hi]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (middle(mid) >= y - 2) hi = mid; else lo = mid + 1;
    }
    if (lo >= total || lo === 0) return null;
    return locate(lo);
  }

  /** A list or other block container: break between children, or inside the child that crosses `limit`. */
  function splitContainer(el, limit) {
    const children = Array.from(el.children);
    let i = 0;
    while (i < children.length && children[i].getBoundingClientRect().bottom <= limit + EPS) i++;
    if (i >= children.length) return null;
    const crossing = children[i];
    const rest = el.cloneNode(false);
    rest.removeAttribute('id');
    rest.classList.add('vervolg');
    el.classList.add('gesplitst');
    let inner = null;
    if (crossing.getBoundingClientRect().top < limit && isSplittable(crossing)) inner = splitAt(crossing, limit);
    if (inner) {
      rest.appendChild(inner);
      for (const c of children.slice(i + 1)) rest.appendChild(c);
    } else {
      if (i === 0 || (i < 2 && !LISTS.has(el.tagName))) return null;
      for (const c of children.slice(i)) rest.appendChild(c);
    }
    if (el.tagName === 'OL') rest.setAttribute('start', String((Number(el.getAttribute('start')) || 1) + el.querySelectorAll(':scope > li:not(.vervolg)').length - (inner ? 1 : 0)));
    if (keepsWithNext(el.lastElementChild || el)) return null;
    return rest;
  }

  /** A table: break between body rows, with at least MIN_ROWS on either side; the header repeats. */
  function splitTable(table, limit) {
    const body = table.tBodies[0];
    if (!body) return null;
    const rows = Array.from(body.rows);
    let keep = 0;
    while (keep < rows.length && rows[keep].getBoundingClientRect().bottom <= limit + EPS) keep++;
    const footRows = table.tFoot ? table.tFoot.rows.length : 0;
    if (keep < MIN_ROWS || rows.length + footRows - keep < MIN_ROWS) return null;
    const rest = table.cloneNode(false);
    rest.removeAttribute('id');
    rest.classList.add('vervolg');
    table.classList.add('gesplitst');
    if (table.tHead) rest.appendChild(table.tHead.cloneNode(true));
    const restBody = body.cloneNode(false);
    for (const r of rows.slice(keep)) restBody.appendChild(r);
    rest.appendChild(restBody);
    if (table.tFoot) rest.appendChild(table.tFoot);
    return rest;
  }

  window.voortgangPaginate = paginate;
})();
