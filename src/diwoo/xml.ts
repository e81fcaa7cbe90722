import { escapeXml } from '../format/xml.js';
/** An XML element for a small, fixed document (a DiWoo record): a name, attributes, and text or child elements. */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  content?: string | (XmlElement | undefined)[];
}

/** The document as text: UTF-8 declaration, two spaces per level, attributes in the order given. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, '')}\n`;
}

function element(e: XmlElement, indent: string): string {
  const attrs = Object.entries(e.attrs ?? {})
    .filter((a): a is [string, string] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v, true)}"`)
    .join('');
  const open = `${indent}<${e.name}${attrs}`;
  if (e.content === undefined) return `${open}/>`;
  if (typeof e.content === 'string') return `${open}>${escapeXml(e.content, false)}</${e.name}>`;
  const children = e.content.filter((c): c is XmlElement => c !== undefined);
  if (children.length === 0) return `${open}/>`;
  return `${open}>\n${children.map((c) => element(c, `${indent}  `)).join('\n')}\n${indent}</${e.name}>`;
}
