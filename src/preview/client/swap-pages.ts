/**
 * New pages into the frame's document, in place (no reload: the reader's scroll position and the frame's own
 * state stay): the same page stays where it was on the screen; when the first page that changed is out of
 * sight, it is brought into view. Returns the index of the first changed page, -1 if none did.
 */
export function swapPages(frame: HTMLIFrameElement, html: string): number {
  const d = frame.contentDocument;
  const win = frame.contentWindow;
  if (!d || !win) throw new Error('the pages frame has no document');
  const before = pagesOf(d);
  const y = win.scrollY;
  let anchor = 0;
  before.forEach((p, i) => {
    if (topOf(p, win) <= y + 1) anchor = i;
  });
  const anchored = before[anchor];
  const offset = anchored ? y - topOf(anchored, win) : y;
  const old = before.map(textOf);
  const next = new DOMParser().parseFromString(html, 'text/html');
  if (d.head.innerHTML !== next.head.innerHTML) d.head.innerHTML = next.head.innerHTML;
  d.body.replaceWith(d.importNode(next.body, true));
  const after = pagesOf(d);
  const same = after[Math.min(anchor, after.length - 1)];
  win.scrollTo(0, same ? topOf(same, win) + offset : y);
  const changed = after.findIndex((p, i) => textOf(p) !== old[i]);
  const first = after[changed];
  if (first) {
    const r = first.getBoundingClientRect();
    if (r.bottom < 0 || r.top > win.innerHeight) first.scrollIntoView({ block: 'start' });
  }
  return changed;
}

function pagesOf(d: Document): Element[] {
  return Array.from(d.querySelectorAll('.pagina'));
}

function topOf(el: Element, win: Window): number {
  return el.getBoundingClientRect().top + win.scrollY;
}

/** A page's text (its content and footnotes), not its chrome: one more page changes every "Pagina n van N". */
function textOf(p: Element): string {
  const t = p.querySelector('.pagina-tekst');
  return t ? t.innerHTML : p.outerHTML;
}
