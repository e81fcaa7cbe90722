import type { Element, ElementContent } from 'hast';
import type { Redaction, RedactionBox } from 'mdast';
import { h } from 'hastscript';
import type { State } from 'mdast-util-to-hast';

/** The classes the layouts style (templates/css/lakken.css): the internal marking, its label, the public box. */
export const REDACTION_CLASS = { marked: 'lak-intern', label: 'lak-grond', box: 'lak', boxLabel: 'lak-label' } as const;

/** The internal version: the passage as written, marked, with its ground before it. */
export function markedRedaction(state: State, node: Redaction): Element {
  // The space keeps the ground a word of its own in the text (the heading's bookmark, the redline's summary).
  return h('mark', { className: [REDACTION_CLASS.marked], dataGrond: node.ground }, [h('span', { className: [REDACTION_CLASS.label] }, node.ground), { type: 'text', value: ' ' }, ...(state.all(node) as ElementContent[])]);
}

/**
 * The public version: black boxes carrying the ground, about as wide as the passage was. The text is gone
 * (removeRedacted), so the width comes from its length: characters rounded up to a multiple of 5 (the box
 * shows that something of about this length was withheld, not the exact count), 0.55em each — about the mean
 * advance of a character of Dutch prose, spaces included, in the letters' DejaVu Sans. A passage longer than
 * 40 characters is several boxes of at most 40, so that it wraps over lines as its text would have.
 */
export function redactionBoxes(node: RedactionBox): ElementContent[] {
  const chars = Math.max(5, Math.ceil(node.length / BOX_STEP) * BOX_STEP);
  const out: ElementContent[] = [];
  for (let left = chars; left > 0; left -= BOX_MAX) {
    if (out.length) out.push({ type: 'text', value: ' ' });
    const width = Math.min(left, BOX_MAX) * EM_PER_CHAR;
    // The box takes the font size of the text around it (its em is that text's), the ground inside is smaller.
    out.push(h('span', { className: [REDACTION_CLASS.box], dataGrond: node.ground, style: `width: ${Number(width.toFixed(2))}em` }, [h('span', { className: [REDACTION_CLASS.boxLabel] }, node.ground)]));
  }
  return out;
}

const BOX_STEP = 5;
const BOX_MAX = 40;
const EM_PER_CHAR = 0.55;
