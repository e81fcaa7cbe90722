import type { FactSpec, LayoutDescriptor } from '../validate/layout-schema.js';

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
