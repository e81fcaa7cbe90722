import { cached, cacheKey } from '../disk-cache.js';
import { lineColumnAt, SourceError, throwIfAny } from '../errors.js';
import { SOURCE_FORMAT_ID } from '../load/format-id.js';
import type { LayoutUrl } from './layout-urls.js';

/** A file of a layout and its text: the template, a partial, a stylesheet. */
export interface LayoutFile {
  file: string;
  text: string;
}

/**
 * Refuses a rendered layout whose own HTML holds an address the rules of src/compose/layout-urls.ts refuse
 * (`<img src="file:///etc/hostname">`), at the line and column of the layout file that wrote it — before
 * anything is printed, so that neither the PDF nor the HTML written beside it carries it. The body and the
 * footnotes, made from the Markdown whose links are checked where they are written, are left out. A chrome that
 * passed is remembered by its text (the disk cache), so an unchanged build does not load the HTML parser.
 */
export async function checkLayoutUrls(html: string, view: { body?: unknown; footnotes?: unknown }, files: LayoutFile[]): Promise<void> {
  let chrome = html;
  for (const part of [view.body, view.footnotes]) {
    const text = typeof part === 'string' ? part : undefined;
    const at = text ? chrome.indexOf(text) : -1;
    if (text && at >= 0) chrome = chrome.slice(0, at) + chrome.slice(at + text.length);
  }
  await cached('layout-urls', cacheKey(SOURCE_FORMAT_ID, chrome), async () => {
    const { refusedUrls } = await import('./layout-urls.js');
    throwIfAny(refusedUrls(chrome).map((u) => refusal(u, files)));
    return true;
  });
}

function refusal(u: LayoutUrl, files: LayoutFile[]): SourceError {
  // Control characters (a tab inside "java\tscript:") shown as escapes.
  const visible = u.url.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const shown = visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
  const message =
    u.kind === 'link'
      ? `${u.where}: link to "${shown}": a layout, as a letter, links only to web pages (https://…), e-mail addresses (mailto:…) or places in the letter (#…) — write the address in full, or leave the link out`
      : `${u.where}: "${shown}": a layout loads only files of its own page (a relative path, as the fonts' ../fonts/DejaVuSans.ttf) or inline data: — ${scheme(u.url)}; remove it`;
  const at = whereWritten(u, files);
  if (!at) return new SourceError(files[0]!.file, undefined, undefined, message);
  const { line, column } = lineColumnAt(at.file.text, at.offset);
  return new SourceError(at.file.file, line, column, `${message}${at.placed ? ` (the value placed here by {{…}})` : ''}`);
}

/** What is wrong with a loaded address, by the scheme the browser reads in it (tabs and case do not hide one). */
function scheme(url: string): string {
  try {
    return `not ${new URL(url, 'http://voortgang.invalid/').protocol} addresses`;
  } catch {
    return 'this is no valid address';
  }
}

/**
 * The layout file and offset that wrote an address. Literal text of a template reaches the HTML unchanged, so
 * the address's text as rendered is looked up in the layout's files: whole, then shorter down to its scheme
 * (`src="file:///{{pad}}"`), then an attribute of the same name whose value a {{…}} places.
 */
function whereWritten(u: LayoutUrl, files: LayoutFile[]): { file: LayoutFile; offset: number; placed?: boolean } | undefined {
  const schemeEnd = u.raw.indexOf(':', u.urlStart);
  const shortest = Math.max(u.urlStart + 1, schemeEnd >= 0 ? schemeEnd + 1 : u.raw.length);
  for (let end = u.raw.length; end >= shortest; end--) {
    const needle = u.raw.slice(0, end);
    for (const file of files) {
      const at = file.text.indexOf(needle);
      if (at >= 0) return { file, offset: at + u.urlStart };
    }
  }
  // An attribute (not url() or @import): the first of its name whose value starts with a {{…}}.
  const name = /^([\w:.-]+)\s*=/.exec(u.raw)?.[1];
  if (name && !/^url$/i.test(name)) {
    const placed = new RegExp(`(?<![\\w:.-])${name.replace(/[.]/g, '\\.')}\\s*=\\s*["']?\\s*(?=\\{\\{)`, 'i');
    for (const file of files) {
      const m = placed.exec(file.text);
      if (m) return { file, offset: m.index + m[0].length, placed: true };
    }
  }
  return undefined;
}
