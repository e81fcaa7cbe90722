import { findTooi, type TooiListName, type TooiValue } from './tooi.js';
import { xmlDocument, type XmlElement } from './xml.js';

/** What a DiWoo record of one public PDF says: plain data, made from the document's facts. */
export interface DiwooFacts {
  /** The PDF's address: its file name, or the document's woo.url with the file name. */
  loc: string;
  /** officieleTitel: the onderwerp. */
  title: string;
  /** The kenmerk, when its kind has one. */
  identifiers: string[];
  publisher: TooiValue;
  informatiecategorie: TooiValue;
  documentsoort: TooiValue;
  /** What happened on the datum (vaststelling, ondertekening). */
  handeling: TooiValue;
  /** The document's datum, YYYY-MM-DD. */
  datum: string;
  /** Its bijlagen: a document of the same year with the address of its public PDF, or one from elsewhere by title. */
  bijlagen: { label: string; resource?: string | undefined }[];
}

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const DIWOO_NS = 'https://standaarden.overheid.nl/diwoo/metadata/';

/** A value of a list that voortgang itself names (the language, the format, the relation "heeft bijlage"). */
function fixed(list: TooiListName, label: string): TooiValue {
  const found = findTooi(list, label);
  if ('problem' in found) throw new Error(found.problem);
  return found.value;
}

const tooi = (name: string, v: TooiValue): XmlElement => ({ name: `diwoo:${name}`, attrs: { resource: v.uri }, content: v.label });
const text = (name: string, content: string): XmlElement => ({ name: `diwoo:${name}`, content });
const list = (name: string, items: XmlElement[]): XmlElement | undefined => (items.length ? { name: `diwoo:${name}`, content: items } : undefined);

/**
 * The record as the DiWoo standard (0.9.8) has it travel: a sitemap (0.9) with one <url> for the PDF, carrying
 * diwoo:Document/diwoo:DiWoo. The elements follow the order of diwoo-metadata.xsd; the only date is the datum
 * (documenthandeling's atTime is a dateTime: the datum at 00:00, without a time zone, as no time is known).
 */
export function diwooRecord(f: DiwooFacts): string {
  const diwoo: XmlElement = {
    name: 'diwoo:DiWoo',
    content: [
      list('identifiers', f.identifiers.map((id) => text('identifier', id))),
      tooi('publisher', f.publisher),
      { name: 'diwoo:titelcollectie', content: [text('officieleTitel', f.title)] },
      {
        name: 'diwoo:classificatiecollectie',
        content: [list('informatiecategorieen', [tooi('informatiecategorie', f.informatiecategorie)]), list('documentsoorten', [tooi('documentsoort', f.documentsoort)])],
      },
      text('creatiedatum', f.datum),
      tooi('language', fixed('taallijst', 'Nederlands')),
      tooi('format', fixed('formatlijst', 'PDF')),
      { name: 'diwoo:documenthandelingen', content: [{ name: 'diwoo:documenthandeling', content: [tooi('soortHandeling', f.handeling), text('atTime', `${f.datum}T00:00:00`)] }] },
      list(
        'documentrelaties',
        f.bijlagen.map((b) => ({
          name: 'diwoo:documentrelatie',
          content: [tooi('role', fixed('documentrelatielijst', 'heeft bijlage')), { name: 'diwoo:relation', attrs: { resource: b.resource }, content: b.label }],
        })),
      ),
    ],
  };
  return xmlDocument({
    name: 'urlset',
    attrs: { xmlns: SITEMAP_NS, 'xmlns:diwoo': DIWOO_NS },
    content: [{ name: 'url', content: [{ name: 'loc', content: f.loc }, { name: 'diwoo:Document', content: [diwoo] }] }],
  });
}
