import { formatDate, formatMonth } from '../format/nl.js';
import { kenmerkOf } from '../load/kind-rules.js';
import type { DocumentSources } from '../load/load-document.js';
import type { DocumentBody } from '../markdown/to-html.js';
import type { FactSpec, LayoutDescriptor } from '../validate/layout-schema.js';

/** A margin-column block as printed lines: a text is one line that wraps to the column, a list gives each line. */
export function linesOf(value: string | string[]): string[] {
  return typeof value === 'string' ? [value] : value;
}

/** The same block as running text (for the PDF's metadata): its lines joined with spaces. */
export function textOfLines(value: string | string[]): string {
  return linesOf(value).join(' ');
}

/** Whose eyes a version is for: the internal version carries personal data, the public one never does. */
export interface Audience {
  openbaar: boolean;
}

/**
 * What a layout may use: the sender, the body, the table of contents, the page geometry, and under `brief` the
 * common facts and every fact the kind's descriptor declares. Optional facts are present as null so that strict
 * templates can test them with {{#if}}; anything else a template asks for is an error.
 */
export function letterView(sources: DocumentSources, body: DocumentBody, audience: Audience) {
  const { brief, afzender } = sources;
  const descriptor = sources.layout.descriptor;
  const facts: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(descriptor.feiten)) facts[key] = factView(spec, brief[key], audience);
  return {
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
    /** The table of contents: every heading with its number and id; the pager fills in the pages. */
    inhoud: body.toc,
    /** The Woo grounds of the redactions in this version ({ code, artikel, omschrijving }), each once: the public version lists them at its end. */
    lakken: body.lakken,
    /** The page geometry of the descriptor, as the CSS variables the stylesheets use. */
    pagina: { css: geometryCss(descriptor.pagina) },
    brief: {
      ...facts,
      kenmerk: kenmerkOf(brief, descriptor) ?? '',
      datum: formatDate(brief.datum),
      datumIso: brief.datum,
      datumMaand: formatMonth(brief.datum),
      onderwerp: brief.onderwerp,
      bijlagen: brief.bijlagen ?? null,
    } as Record<string, unknown> & { datum: string; kenmerk: string },
  };
}

/** A fact as a template sees it: lines as lists, an unknown signatory or an absent fact as null, personal data only internally. */
export function factView(spec: FactSpec, value: unknown, audience: Audience): unknown {
  if (value === undefined || value === null) return null;
  if (spec.intern && audience.openbaar) return null;
  switch (spec.type) {
    case 'regels':
      return linesOf(value as string | string[]);
    case 'ondertekening':
      return value === 'onbekend' ? null : value;
    case 'datum':
      return formatDate(value as string);
    case 'lijst':
      return (value as unknown[]).map((item) => factView(spec.items ?? { type: "tekst" }, item, audience));
    case 'object':
      return Object.fromEntries(Object.entries(spec.velden ?? {}).map(([k, f]) => [k, factView(f, (value as Record<string, unknown>)[k], audience)]));
    default:
      return value;
  }
}

/** `:root { --tekst-links: 21mm; … }`: the descriptor's geometry, which the shared stylesheets are written against. */
export function geometryCss(pagina: LayoutDescriptor['pagina']): string {
  return `:root { ${Object.entries(pagina).map(([k, v]) => `--${k}: ${v};`).join(' ')} }`;
}
