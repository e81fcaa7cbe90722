// Writes src/diwoo/tooi-lists.json: the TOOI value lists a DiWoo record of voortgang uses, read from the DiWoo
// standard's own list schema (schemas/standards/diwoo-metadata-lijsten.xsd, each list an xs:simpleType of
// xs:enumeration values whose first documentation paragraph is the value's label). The build reads the JSON (it
// is bundled), never the XSD: a production install has no XML parser. A test holds the JSON to this script's output.
//   node scripts/write-tooi-lists.mjs [--check]    --check: exit 1 if the committed JSON is out of date
import { DOMParser } from '@xmldom/xmldom';
import { readFileSync, writeFileSync } from 'node:fs';

export const XSD = 'schemas/standards/diwoo-metadata-lijsten.xsd';
export const JSON_FILE = 'src/diwoo/tooi-lists.json';
const XS = 'http://www.w3.org/2001/XMLSchema';
const DITA = 'http://dita.oasis-open.org/architecture/2005/';

/** The lists a record uses: publisher (ministeries), classification, handeling, relation, language, format. */
export const LISTS = ['ministerielijst', 'informatiecategorielijst', 'documentsoortlijst', 'soorthandelinglijst', 'documentrelatielijst', 'taallijst', 'formatlijst'];

/** { version, lists: { <simpleType name>: { set: <TOOI set URI>, values: [[uri, label], …] } } } from the XSD's text. */
export function tooiLists(xsdText) {
  const doc = new DOMParser().parseFromString(xsdText, 'text/xml');
  const schema = doc.documentElement;
  const types = [...doc.getElementsByTagNameNS(XS, 'simpleType')].filter((t) => t.parentNode === schema);
  const lists = {};
  for (const name of LISTS) {
    const type = types.find((t) => t.getAttribute('name') === name);
    if (!type) throw new Error(`${XSD}: no xs:simpleType named ${name}`);
    const paragraphs = (el) => [...el.getElementsByTagNameNS(DITA, 'p')].map((p) => p.textContent.replace(/\s+/g, ' ').trim());
    const annotation = [...type.childNodes].find((n) => n.localName === 'annotation');
    const set = (annotation ? paragraphs(annotation) : []).find((p) => p.startsWith('https://identifier.overheid.nl/tooi/set/')) ?? '';
    const values = [...type.getElementsByTagNameNS(XS, 'enumeration')].map((e) => {
      const label = paragraphs(e)[0];
      if (!label) throw new Error(`${XSD}: ${name}: the value ${e.getAttribute('value')} has no label`);
      return [e.getAttribute('value'), label];
    });
    if (values.length === 0) throw new Error(`${XSD}: ${name} has no values`);
    lists[name] = { set, values };
  }
  return { version: schema.getAttribute('version'), source: XSD, lists };
}

export function tooiListsJson(xsdText) {
  return `${JSON.stringify(tooiLists(xsdText), null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = tooiListsJson(readFileSync(XSD, 'utf8'));
  let current = '';
  try { current = readFileSync(JSON_FILE, 'utf8'); } catch {}
  if (process.argv.includes('--check')) {
    if (current !== json) {
      console.error(`${JSON_FILE} is out of date: run node scripts/write-tooi-lists.mjs`);
      process.exit(1);
    }
  } else if (current !== json) writeFileSync(JSON_FILE, json);
}
