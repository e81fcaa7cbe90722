import { isElement } from './page-elements.js';
import { printedLineAt } from './printed-line.js';
import type { FactView, PreviewHook, SectionFile } from './protocol.js';

/**
 * The line under the bar that names where the clicked text is written: a block of a section (its data-bron),
 * else a fact the layout prints (letter head, margin column), else nothing — the layout's own text says so.
 */
export class SourceBar {
  /** The sections and facts of the pages shown (the latest state). */
  sections: SectionFile[] = [];
  facts: FactView[] = [];

  constructor(
    private readonly bar: HTMLElement,
    private readonly hook: PreviewHook,
  ) {}

  /** A click in the pages' frame. */
  readonly clicked = (e: Event): void => {
    const target = e.target;
    const hit = isElement(target) ? target.closest('[data-bron]') : null;
    const parts = hit ? (hit.getAttribute('data-bron') ?? '').split(':') : [];
    const file = hit ? this.sections[Number(parts[0])] : undefined;
    if (file) return this.show(file, parts[1], '');
    const fact = isElement(target) ? this.factAt(target, e) : null;
    if (fact) return this.show(fact, fact.line, fact.fact);
    // Something with no source of its own (the layout's own text, a page number): the bar says so, instead of
    // keeping the place of the last click.
    this.bar.textContent = 'No source: this is part of the layout, not of the text or the facts.';
    this.hook.source = null;
  };

  private show(file: SectionFile, line: string | number | undefined, what: string): void {
    this.bar.textContent = `${file.shown}:${line}${what ? ` (${what})` : ''} `;
    const a = document.createElement('a');
    a.href = `vscode://file${file.path.startsWith('/') ? '' : '/'}${file.path}:${line}`;
    a.textContent = 'open in VS Code';
    this.bar.appendChild(a);
    this.hook.source = { file: file.shown, line: Number(line), href: a.href, fact: what || undefined };
  }

  /**
   * A fact the layout prints (the datum in the letter head, a line of the margin column). On text: the printed
   * line clicked — one item of a list fact (a line of the sender's address) is one line, between <br>s — is one
   * of the document's facts or the sender's, or nothing (a label). Beside text (a cell's padding): the clicked
   * element's own text, or that of the element around it as long as it holds nothing else.
   */
  private factAt(el: Element, e: Event): FactView | null {
    if (el.closest(PAGE_NUMBER)) return null;
    const line = isMouse(e) ? printedLineAt(el.ownerDocument, e.clientX, e.clientY) : null;
    if (line) return line.element.closest(PAGE_NUMBER) ? null : this.factPrinted(line.text);
    for (let n: Element | null = el; n && n.tagName !== 'BODY'; n = n.parentElement) {
      const text = flat(n.textContent);
      if (!text) continue;
      const fact = this.factPrinted(text);
      if (fact) return fact;
      if (n.children.length > 1) return null;
    }
    return null;
  }

  /** The fact printed as `text` (white space collapsed), the document's own before the sender's. */
  private factPrinted(text: string): FactView | null {
    return this.facts.find((f) => flat(f.text) === text) ?? null;
  }
}

/** A page's number and the count of pages: the layout's, though "2" may also be a fact's value (bijlagen: 2). */
const PAGE_NUMBER = '.pagina-nr, .pagina-totaal';

/** A click's event (the frame's own MouseEvent, of another window than this script's: its fields tell). */
function isMouse(e: Event): e is MouseEvent {
  return typeof (e as Partial<MouseEvent>).clientX === 'number';
}

function flat(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
