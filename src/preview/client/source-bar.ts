import { isElement } from './page-elements.js';
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
    const fact = isElement(target) ? this.factAt(target) : null;
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
   * A fact the layout prints (the datum in the letter head, a line of the margin column): the clicked element's
   * own text is one of the document's facts, or the sender's — or that of the element around it, as long as it
   * holds nothing else.
   */
  private factAt(el: Element): FactView | null {
    if (el.closest('.pagina-nr, .pagina-totaal')) return null;
    for (let n: Element | null = el; n && n.tagName !== 'BODY'; n = n.parentElement) {
      const text = flat(n.textContent);
      if (!text) continue;
      const fact = this.facts.find((f) => flat(f.text) === text);
      if (fact) return fact;
      if (n.children.length > 1) return null;
    }
    return null;
  }
}

function flat(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
