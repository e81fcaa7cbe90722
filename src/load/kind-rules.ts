import type { LayoutDescriptor } from '../validate/layout-schema.js';

/**
 * What a kind's descriptor (templates/<soort>/layout.yaml) says about how its documents are printed. The code
 * knows kinds only through these rules and the facts' types, never by their names.
 */

/**
 * The versions a document is printed in: e.g. a beslisnota's internal one, complete and with its author's
 * personal data, and the public one for the Woo (`<name>-openbaar.pdf`), which ends at the streep and carries
 * no personal data. A Kamerbrief has one.
 */
export function versionsOf(descriptor: LayoutDescriptor) {
  return descriptor.versies.map((v) => ({ suffix: v.achtervoegsel, extent: v.omvang, openbaar: v.openbaar, subject: v.onderwerp }));
}

/** Only a kind with a public version of its own may have a streep: elsewhere the text under it would be printed. */
export function mayHaveStreep(descriptor: LayoutDescriptor): boolean {
  return versionsOf(descriptor).some((v) => v.extent === 'openbaar');
}

/**
 * Only a kind with a version that is not public may have redactions ([[5.1.2e: …]]): that version prints the
 * passage, every public one a box. In a kind whose versions are all public the passage would be printed nowhere.
 */
export function mayRedact(descriptor: LayoutDescriptor): boolean {
  return versionsOf(descriptor).some((v) => !v.openbaar);
}

/** What the Markdown step takes from a layout: the text width (charts are drawn at it) and the heading numbering. */
export function markdownLayout(descriptor: LayoutDescriptor): { textWidthMm: number; numbering: number[] } {
  return { textWidthMm: parseFloat(descriptor.pagina['tekst-breedte']), numbering: descriptor.koppen.nummering };
}

/** The names of a kind's facts of one type (`kenmerk`, `ondertekening`, …): found by type, whatever they are called. */
export function factsOfType(descriptor: LayoutDescriptor, type: LayoutDescriptor['feiten'][string]['type']): string[] {
  return Object.entries(descriptor.feiten).flatMap(([name, fact]) => (fact.type === type ? [name] : []));
}

/** The document's kenmerk: the value of its kind's fact of type `kenmerk`, when it has one (a bijlage has none). */
export function kenmerkOf(brief: Record<string, unknown>, descriptor: LayoutDescriptor): string | undefined {
  for (const name of factsOfType(descriptor, 'kenmerk')) {
    const value = brief[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** A letter reconstructed from an incomplete source: its kind's fact of type `ondertekening` is set to `onbekend`. */
export function unsigned(brief: Record<string, unknown>, descriptor: LayoutDescriptor): boolean {
  return factsOfType(descriptor, 'ondertekening').some((name) => brief[name] === 'onbekend');
}
