/**
 * The text of every link of a printed page, by where it leads: PDF/UA-1 7.18.5 asks each link annotation for
 * an alternate description in its /Contents, and Chromium writes none. The page's HTML (the snapshot that is
 * printed) has the words a reader sees; a link annotation knows only its destination (a named destination for
 * `#id`, a URI otherwise), so the texts are keyed by that.
 */

/** Link text by destination: `#id` for a link inside the document, the URL (as the URL parser writes it) otherwise. */
export type LinkTexts = Map<string, string>;

export function linkTexts(html: string): LinkTexts {
  const texts: LinkTexts = new Map();
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const href = entities(m[1]!);
    // A table of contents' page number (filled in by the pager) is where the link is shown, not what it is.
    const words = m[2]!.replace(/<span\b[^>]*class="[^"]*\bpagina-verwijzing\b[^"]*"[^>]*>[^<]*<\/span>/g, ' ');
    const text = entities(words.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    const key = destinationKey(href);
    // A destination reached from several links (the change list's page number and its place) is described
    // by the fullest of their texts.
    if (key && text && text.length > (texts.get(key)?.length ?? 0)) texts.set(key, text);
  }
  return texts;
}

/** `#id` as it is, an absolute URL normalized as Chromium writes it into the annotation; undefined for neither. */
export function destinationKey(href: string): string | undefined {
  if (href.startsWith('#')) return href;
  try {
    return new URL(href).href;
  } catch {
    return undefined;
  }
}

/** The description of a link: a footnote call says which note it is, any other link has its own words. */
export function linkDescription(key: string, texts: LinkTexts): string {
  const note = /^#noot-(\d+)$/.exec(key);
  if (note) return `Voetnoot ${note[1]}`;
  return texts.get(key) ?? (key.startsWith('#') ? `Verwijzing binnen het document (${key.slice(1)})` : key);
}

function entities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower]!;
  });
}
