import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { diffInline, type AtomRules, type Counts } from './inline-diff.js';
import { addClass } from './mark.js';

const svgOf = (el: Element) => el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');

/**
 * A chart whose data changed: the new chart and, beside it, the old one drawn in grey with dashed lines
 * (the reader compares the two at a glance), and under them what changed in the text alternative, where
 * every value is listed (old → new).
 */
export function diffFigure(old: Element, now: Element, rules: AtomRules): { element: Element; counts: Counts; changed: boolean } {
  const alt = (el: Element) => h('p', String(svgOf(el)?.properties.ariaLabel ?? ''));
  const d = diffInline(alt(old), alt(now), rules);
  const element = structuredClone(now);
  // The text alternative names the first and the last year's figures; a figure between them changes the drawing only.
  const redrawn = drawingOf(old) !== drawingOf(now);
  if (!d.changed && !redrawn) return { element, counts: d.counts, changed: false };
  addClass(element, 'diff-gewijzigd');
  const newSvg = svgOf(element);
  const oldSvg = svgOf(old);
  if (newSvg && oldSvg) {
    const before = withIds(structuredClone(oldSvg), 'oud-');
    before.properties.ariaLabel = `Vorige versie: ${String(before.properties.ariaLabel ?? '')}`;
    const pair = h('div', { className: ['diff-grafieken'] }, [
      h('div', { className: ['diff-grafiek-nieuw'] }, [h('p', { className: ['diff-label'] }, 'Nieuw'), newSvg]),
      h('div', { className: ['diff-grafiek-oud'] }, [h('p', { className: ['diff-label'] }, 'Vorige versie (grijs, gestreept)'), before]),
    ]);
    element.children = element.children.map((c) => (c === newSvg ? pair : c));
  }
  const told: ElementContent[] = d.changed ? d.element.children : [{ type: 'text', value: 'andere cijfers tussen het eerste en het laatste jaar (zie Gewijzigde gegevens).' }];
  element.children.push(h('p', { className: ['diff-toelichting'] }, [{ type: 'text', value: 'Grafiek gewijzigd: ' }, ...told]));
  return { element, counts: d.counts, changed: true };
}

/**
 * What a chart draws, as text: its SVG's elements, attributes and texts without its ids and the references to
 * them (which follow the chart's place in the document, not its data).
 */
export function drawingOf(figure: Element): string {
  const parts: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type === 'text') parts.push(n.value);
    if (n.type !== 'element') return;
    const props = Object.entries(n.properties).filter(([k, v]) => k !== 'id' && !(typeof v === 'string' && (v.includes('url(#') || v.startsWith('#'))));
    parts.push(`<${n.tagName} ${JSON.stringify(props)}>`);
    n.children.forEach(walk);
  };
  const svg = svgOf(figure);
  if (svg) walk(svg);
  return parts.join('');
}

/** The ids of a copied SVG (clip paths, markers) and the references to them, prefixed: no clash with the original. */
function withIds(svg: Element, prefix: string): Element {
  const walk = (n: ElementContent) => {
    if (n.type !== 'element') return;
    for (const [key, value] of Object.entries(n.properties)) {
      if (key === 'id' && typeof value === 'string') n.properties.id = prefix + value;
      else if (typeof value === 'string' && value.includes('url(#')) n.properties[key] = value.replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`);
      else if ((key === 'href' || key === 'xLinkHref') && typeof value === 'string' && value.startsWith('#')) n.properties[key] = `#${prefix}${value.slice(1)}`;
    }
    n.children.forEach(walk);
  };
  walk(svg);
  return svg;
}
