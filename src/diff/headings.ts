import type { Element } from 'hast';
import { textOf } from '../markdown/to-html.js';

const NUMBER = /^(\d+(?:\.\d+)*)\.?(?=\s)/;

/** "2.3 Aanpak recidive" → "2.3"; an unnumbered heading has none. */
export function headingNumber(text: string): string | undefined {
  return NUMBER.exec(text.trim())?.[1];
}

/**
 * The nearest heading above a point of the document as the reader follows it, with its number: a heading
 * of its own number ("2.3 Aanpak recidive"), or an unnumbered one under the nearest numbered heading of a
 * higher level ("2.1 › Alleen jij bepaalt"). A heading closes every heading of its level and below.
 */
export class HeadingTracker {
  private open: Array<{ level: number; text: string; number?: string }> = [];

  see(heading: Element): void {
    const level = Number(heading.tagName.slice(1));
    const text = textOf(heading).replace(/\s+/g, ' ').trim();
    this.open = this.open.filter((o) => o.level < level);
    this.open.push({ level, text, number: headingNumber(text) });
  }

  number(): string | undefined {
    return [...this.open].reverse().find((o) => o.number)?.number;
  }

  label(): string {
    const last = this.open[this.open.length - 1];
    if (!last) return '(begin)';
    if (last.number) return last.text;
    const n = this.number();
    return n ? `${n} › ${last.text}` : last.text;
  }
}
