/**
 * The printed line under a click in the pages' frame. The layouts print a list fact one item per line inside one
 * element (the margin column's `Directoraat-Generaal<br>Straffen en Beschermen`), so no element's text is one
 * fact: the line is found from the text under the pointer, between the `<br>`s (or the block's edges) around it.
 */

/** A line of printed text: its words (white space as shown) and the element its clicked text stands in. */
export interface PrintedLine {
  text: string;
  element: Element;
}

/**
 * The printed line at (x, y) of the frame's viewport, or null when the point is not on text (a margin, the
 * space beside a short line): the caret is put at the nearest text wherever one clicks, so the point is checked
 * against where the text is drawn.
 */
export function printedLineAt(doc: Document, x: number, y: number): PrintedLine | null {
  const text = textNodeAt(doc, x, y);
  const parent = text?.parentElement;
  if (!text || !parent || !drawnAt(text, x, y)) return null;
  const block = blockAround(parent);
  const line = lineOf(block, text);
  return line ? { text: line, element: parent } : null;
}

/** The text node the caret goes to at (x, y): caretPositionFromPoint (the standard), or WebKit's caretRangeFromPoint. */
function textNodeAt(doc: Document, x: number, y: number): Text | null {
  let node: Node | null | undefined;
  if (typeof doc.caretPositionFromPoint === 'function') node = doc.caretPositionFromPoint(x, y)?.offsetNode;
  else if (typeof doc.caretRangeFromPoint === 'function') node = doc.caretRangeFromPoint(x, y)?.startContainer;
  return node && node.nodeType === Node.TEXT_NODE ? (node as Text) : null;
}

/** Whether (x, y) is on one of the boxes the text is drawn in (a text that wraps has one per line). */
function drawnAt(text: Text, x: number, y: number): boolean {
  const range = text.ownerDocument.createRange();
  range.selectNodeContents(text);
  return Array.from(range.getClientRects()).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
}

/** The nearest element around `el` (itself included) that is not laid out inline: a paragraph, a cell. */
function blockAround(el: Element): Element {
  let n = el;
  while (n.parentElement && isInline(n)) n = n.parentElement;
  return n;
}

/**
 * The words of the line `text` is on inside `block`: the texts from the `<br>` (or nested block) before it to
 * the one after it, joined and with white space collapsed as the browser shows it.
 */
function lineOf(block: Element, text: Text): string {
  const lines: string[][] = [[]];
  let found = -1;
  const walk = (parent: Node): void => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        lines[lines.length - 1]!.push((child as Text).data);
        if (child === text) found = lines.length - 1;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = child as Element;
        const display = displayOf(el);
        if (el.tagName === 'BR') lines.push([]);
        else if (display === 'none') continue;
        else if (display === 'inline' || display === 'contents') walk(el);
        // A nested block (not the one clicked in: that is `block`, or inline in it) ends the line before it.
        else lines.push([]);
      }
    }
  };
  walk(block);
  return found < 0 ? '' : lines[found]!.join('').replace(/\s+/g, ' ').trim();
}

function isInline(el: Element): boolean {
  const display = displayOf(el);
  return display === 'inline' || display === 'contents';
}

function displayOf(el: Element): string {
  const view = el.ownerDocument.defaultView;
  return view ? view.getComputedStyle(el).display : 'block';
}
