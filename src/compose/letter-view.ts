import { formatDate } from '../format/nl.js';
import type { DocumentSources } from '../load/load-document.js';
import type { DocumentBody } from '../markdown/to-html.js';

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
      eenheid: afzender.eenheid,
      onderdeel: afzender.onderdeel ?? null,
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
      brief: { ...head, geadresseerde: brief.geadresseerde, beantwoording: brief.beantwoording ?? null, ondertekening: brief.ondertekening },
    };
  }
  const opsteller = audience.openbaar || !brief.opsteller ? null : { naam: brief.opsteller.naam, eenheid: brief.opsteller.eenheid ?? null, telefoon: brief.opsteller.telefoon ?? null, email: brief.opsteller.email ?? null };
  return { ...common, brief: { ...head, aan: brief.aan, paraaf: brief.paraaf, opsteller } };
}
