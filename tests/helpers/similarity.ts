import { diffArrays } from 'diff';

/**
 * Word-sequence similarity of two texts: 2·(words in the longest common subsequence) / (total words),
 * 1 for identical texts. Typographic variants (curly quotes, dashes) and footnote call numbers do not count.
 */
export function wordSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length + wb.length === 0) return 1;
  let common = 0;
  for (const part of diffArrays(wa, wb)) if (!part.added && !part.removed) common += part.count ?? part.value.length;
  return (2 * common) / (wa.length + wb.length);
}

export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/(^|\s)[•◦▪o](?=\s)/g, '$1') // bullets as printed
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/**
 * The body text of a letter in the seed's Markdown: from its first heading to the closing signatures,
 * without the margin column blocks repeated at page breaks, the footnote texts and the call numbers.
 */
export function seedBody(markdown: string, opts: { from: RegExp; to: RegExp }): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => opts.from.test(l));
  const end = lines.findIndex((l, i) => i > start && opts.to.test(l));
  const blocks = lines.slice(start, end < 0 ? undefined : end).join('\n').split(/\n\s*\n/);
  const kept = blocks.filter((b) => {
    const t = b.trim();
    if (/^<sup>\d+<\/sup>/.test(t) || /^[¹²³⁴⁵⁶⁷⁸⁹]/.test(t)) return false; // footnote text
    if (/^Met een CHO kunnen/.test(t)) return false; // second paragraph of a footnote
    if (/^\*\*(Directoraat|Datum|Ons kenmerk)/.test(t) || /^(Datum|Ons kenmerk)\n/.test(t) || /^\*Bij beantwoording/.test(t)) return false; // margin column
    if (/^-{3}/.test(t)) return false;
    return true;
  });
  return kept
    .join('\n')
    .replace(/<sup>\d+<\/sup>/g, '')
    .replace(/[¹²³⁴⁵⁶⁷⁸⁹]/g, '')
    .replace(/^\s*[-*] (o )?/gm, '') // list markers ("- o" for a nested item); the printed bullets are dropped too
    .replace(/<\/?b>/g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/\*\*|\*/g, '')
    .replace(/\\_/g, '_')
    .replace(/^-{3}.*$/gm, '')
    .replace(/\t/g, ' ');
}
