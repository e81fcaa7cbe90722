import { formatDate } from '../format/nl.js';
import type { DocumentSources } from '../load/load-document.js';
import type { DocumentBody } from '../markdown/to-html.js';
import type { Kamerbrief } from '../validate/schemas.js';

/** A margin-column block as printed lines: a text is one line that wraps to the column, a list gives each line. */
export function linesOf(value: string | string[]): string[] {
  return typeof value === 'string' ? [value] : value;
}

/** The same block as running text (for the PDF's metadata): its lines joined with spaces. */
export function textOfLines(value: string | string[]): string {
  return linesOf(value).join(' ');
}

/**
 * The signatories, or null when the letter says `ondertekening: onbekend`. (The word is written here, not
 * imported from the schemas, which would load zod on every build; the type checks it is the schema's.)
 */
export function signatories(brief: Kamerbrief): Extract<Kamerbrief['ondertekening'], unknown[]> | null {
  return brief.ondertekening === 'onbekend' ? null : brief.ondertekening;
}

/** Whose eyes a version is for: the internal version carries personal data, the public one never does. */
export interface Audience {
  openbaar: boolean;
}

/**
 * What a layout may use. Optional facts are present as null so that strict templates can test them with
 * {{#if}}; anything else a template asks for is an error.
 */
export function letterView(sources: DocumentSources, body: DocumentBody, audience: Audience) {
  const { brief, afzender } = sources;
  const common = {
    openbaar: audience.openbaar,
    diff: false, // a redline (voortgang diff) sets this and marks what changed
    afzender: {
      ministerie: afzender.ministerie,
      eenheid: linesOf(afzender.eenheid),
      onderdeel: afzender.onderdeel === undefined ? null : linesOf(afzender.onderdeel),
      bezoekadres: afzender.bezoekadres,
      postadres: afzender.postadres,
      website: afzender.website ?? null,
      retouradres: afzender.postadres.join(' '),
    },
    body: body.html,
    footnotes: body.footnotesHtml,
  };
  const head = {
    kenmerk: brief.kenmerk,
    datum: formatDate(brief.datum),
    datumIso: brief.datum,
    onderwerp: brief.onderwerp,
    bijlagen: brief.bijlagen ?? null,
  };
  if (brief.soort === 'kamerbrief') {
    return {
      ...common,
      brief: { ...head, geadresseerde: brief.geadresseerde, beantwoording: brief.beantwoording === undefined ? null : linesOf(brief.beantwoording), ondertekening: signatories(brief) },
    };
  }
  const opsteller = audience.openbaar || !brief.opsteller ? null : { naam: brief.opsteller.naam, eenheid: brief.opsteller.eenheid ?? null, telefoon: brief.opsteller.telefoon ?? null, email: brief.opsteller.email ?? null };
  return { ...common, brief: { ...head, aan: brief.aan, paraaf: brief.paraaf, opsteller } };
}
