import type { FactSpec, LayoutDescriptor } from '../validate/layout-schema.js';

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

/** A fact's type, as a descriptor writes it (`feiten: { <name>: { type: kenmerk } }`). */
export type FactType = FactSpec['type'];

/**
 * The common facts every document has (not listed in a descriptor) that are of a descriptor's fact type: they
 * are validated with the same schema as that type (src/validate/schemas.ts), so code that asks for "the datum
 * facts" finds them beside a kind's own.
 */
const COMMON_FACT_TYPES: ReadonlyArray<readonly [string, FactType]> = [
  ['datum', 'datum'],
  ['onderwerp', 'titel'],
];

/**
 * The names of a kind's facts of one type, in the order the descriptor lists them, after the common facts of
 * that type: what code knows of a kind's facts comes from its descriptor, never from a fact's name — a kind may
 * call its kenmerk `referentie`.
 */
export function factsOfType(descriptor: Pick<LayoutDescriptor, 'feiten'>, type: FactType): string[] {
  const own = Object.entries(descriptor.feiten).filter(([, spec]) => spec.type === type).map(([name]) => name);
  return [...COMMON_FACT_TYPES.filter(([, t]) => t === type).map(([name]) => name), ...own];
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
