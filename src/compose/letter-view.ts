import { formatDate } from '../format/nl.js';
import type { DocumentSources } from '../load/load-document.js';
import type { DocumentBody } from '../markdown/to-html.js';

/**
 * What a letter layout may use. Optional facts are present as null so that strict templates can test them
 * with {{#if}}; anything else a template asks for is an error.
 */
export function letterView(sources: DocumentSources, body: DocumentBody) {
  const { brief, afzender } = sources;
  return {
    brief: {
      kenmerk: brief.kenmerk,
      datum: formatDate(brief.datum),
      datumIso: brief.datum,
      onderwerp: brief.onderwerp,
      bijlagen: brief.bijlagen ?? null,
      geadresseerde: brief.geadresseerde,
      beantwoording: brief.beantwoording ?? null,
      ondertekening: brief.ondertekening,
    },
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
}
