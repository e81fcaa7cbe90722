import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { ALLOWED_LINK } from '../markdown/check-links.js';

/**
 * The addresses in the HTML a layout renders (its template, partials and stylesheets with the letter's facts),
 * read as the browser reads them (parse5, the HTML standard's parser: entities decoded, <template> contents
 * included), and judged by the rules of the content's links:
 *
 * - a link (`<a href>`, `<area href>`, SVG `xlink:href` on `<a>`, `cite`, `longdesc`, `action`, `formaction`, a
 *   `<meta http-equiv="refresh">` target) goes to a web page, an e-mail address or a place in the letter;
 * - anything the page loads (`src`, `srcset`, `href` of `<link>`/`<base>`/`<use>`/`<image>`, `poster`, `data`,
 *   `background`, `ping`, `url()` in a style attribute, a `<style>` element or any other attribute, `@import`)
 *   is a path on the page's own origin (served from memory, or refused when the page asks for it), a web
 *   address (refused when asked for: rendering is offline) or inline `data:` — never `file:`, `javascript:`,
 *   `blob:` or any other scheme.
 */
export interface LayoutUrl {
  /** The address as the browser reads it. */
  url: string;
  /** What holds it, as the message names it: `src`, `href`, `url()`, `@import` … */
  where: string;
  kind: 'link' | 'resource';
  /** Its text in the rendered HTML, as written there (`src="file:///x"`, `url('x')`), and where the address starts in it. */
  raw: string;
  urlStart: number;
}

const LINK_ELEMENTS = new Set(['a', 'area']);
const LINK_ATTRIBUTES = new Set(['cite', 'longdesc', 'action', 'formaction']);
const RESOURCE_ATTRIBUTES = new Set(['src', 'poster', 'background', 'manifest', 'codebase', 'lowsrc', 'dynsrc', 'ping']);
const CANDIDATE_LISTS = new Set(['srcset', 'imagesrcset']);
/** The page's own origin, to resolve a relative address against (only its scheme is judged). */
const BASE = 'http://voortgang.invalid/jaar/document.html';

/** The addresses the layout's HTML refuses by these rules, in the order of the HTML. */
export function refusedUrls(html: string): LayoutUrl[] {
  return urlsIn(html).filter((u) => !allowed(u));
}

export function allowed(u: Pick<LayoutUrl, 'url' | 'kind'>): boolean {
  if (u.kind === 'link') return ALLOWED_LINK.test(u.url.trim());
  let resolved: URL;
  try {
    resolved = new URL(u.url, BASE);
  } catch {
    return false;
  }
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' || resolved.protocol === 'data:';
}

export function urlsIn(html: string): LayoutUrl[] {
  const out: LayoutUrl[] = [];
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const walk = (node: T.ParentNode) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      element(html, child, out);
      walk(child);
      if (child.tagName === 'template') walk((child as T.Template).content);
    }
  };
  walk(doc);
  return out;
}

function element(html: string, el: T.Element, out: LayoutUrl[]): void {
  const tag = el.tagName.toLowerCase();
  for (const attr of el.attrs) {
    const name = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
    const loc = el.sourceCodeLocation?.attrs?.[name] ?? el.sourceCodeLocation?.attrs?.[attr.name];
    const raw = loc ? html.slice(loc.startOffset, loc.endOffset) : `${name}="${attr.value}"`;
    const urlStart = /^[^=]*=\s*["']?/.exec(raw)?.[0].length ?? 0;
    // A candidate of a list (srcset, ping) is pointed at itself where it is written as read.
    const add = (url: string, kind: LayoutUrl['kind'], where = name) => out.push({ url, where, kind, raw, urlStart: url && raw.indexOf(url, urlStart) >= 0 ? raw.indexOf(url, urlStart) : urlStart });
    if (name === 'href' || name === 'xlink:href') add(attr.value, LINK_ELEMENTS.has(tag) ? 'link' : 'resource');
    else if (LINK_ATTRIBUTES.has(name)) add(attr.value, 'link');
    else if (name === 'data' && tag === 'object') add(attr.value, 'resource');
    else if (name === 'ping') for (const u of attr.value.split(/\s+/).filter(Boolean)) add(u, 'resource');
    else if (RESOURCE_ATTRIBUTES.has(name)) add(attr.value, 'resource');
    else if (CANDIDATE_LISTS.has(name)) for (const u of srcsetUrls(attr.value)) add(u, 'resource');
    else if (name === 'content' && tag === 'meta' && /refresh/i.test(el.attrs.find((a) => a.name === 'http-equiv')?.value ?? '')) {
      const target = /url\s*=\s*['"]?([^'"]*)/i.exec(attr.value)?.[1];
      if (target !== undefined) add(target.trim(), 'link');
    }
    // url() anywhere else: style="", SVG paint (fill="url(#…)"), filter, mask …
    if (/url\s*\(|@import/i.test(attr.value)) for (const u of cssUrls(attr.value)) out.push({ url: u.url, where: u.where, kind: 'resource', raw: u.raw, urlStart: u.urlStart });
  }
  if (tag === 'style') {
    const text = el.childNodes.map((c) => ('value' in c && typeof c.value === 'string' ? c.value : '')).join('');
    for (const u of cssUrls(text)) out.push({ ...u, kind: 'resource' });
  }
}

// A CSS escape (\66 or \66 followed by its one space, or \ and any character) is part of the address it is in.
const ESC = String.raw`\\(?:[0-9a-fA-F]{1,6}\s?|[\s\S])`;
const CSS_URL = new RegExp(String.raw`\burl\(\s*(?:"((?:[^"\\]|${ESC})*)"|'((?:[^'\\]|${ESC})*)'|((?:[^)\s\\]|${ESC})*))\s*\)|@import\s+(?:"((?:[^"\\]|${ESC})*)"|'((?:[^'\\]|${ESC})*)')`, 'gi');

/** url(…) and @import "…" in a style sheet or a style attribute, comments skipped, CSS escapes resolved. */
export function cssUrls(css: string): { url: string; where: string; raw: string; urlStart: number }[] {
  // Comments blanked with the same length, so that offsets stay.
  const text = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, (c) => ' '.repeat(c.length));
  const out: { url: string; where: string; raw: string; urlStart: number }[] = [];
  for (const m of text.matchAll(CSS_URL)) {
    const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    const raw = css.slice(m.index, m.index + m[0].length);
    const urlStart = /^(?:url\(\s*["']?|@import\s+["'])/i.exec(raw)?.[0].length ?? 0;
    out.push({ url: unescapeCss(value), where: m[0].startsWith('@') ? '@import' : 'url()', raw, urlStart });
  }
  return out;
}

function unescapeCss(s: string): string {
  return s.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|([\s\S]))/g, (_, hex: string | undefined, ch: string | undefined) => (hex ? String.fromCodePoint(Number.parseInt(hex, 16) || 0xfffd) : ch === '\n' ? '' : (ch ?? '')));
}

/** The addresses of a srcset, as the HTML standard splits it: an address may hold commas (data:), a descriptor may not end one. */
function srcsetUrls(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i]!)) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value[i]!)) i++;
    let url = value.slice(start, i);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      // Descriptors ("2x", "100w"), up to the comma that ends the candidate (not one inside parentheses).
      let depth = 0;
      while (i < value.length && !(value[i] === ',' && depth === 0)) {
        if (value[i] === '(') depth++;
        else if (value[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (url) out.push(url);
  }
  return out;
}
