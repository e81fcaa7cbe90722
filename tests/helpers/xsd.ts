import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

// Validation against the standards' own XSDs (schemas/standards/, copied as they are), offline, with libxml2
// compiled to WebAssembly (npm xmllint-wasm): the same validator as `xmllint --schema`.
const STANDARDS = join(import.meta.dirname, '..', '..', 'schemas', 'standards');
const file = (name: string) => ({ fileName: name, contents: readFileSync(join(STANDARDS, name), 'utf8') });

// diwoo-metadata.xsd imports MDTO from its web address; an offline validator maps it to the local copy. This
// schema imports MDTO from the local file first, so libxml2 skips the web address ("namespace already imported"),
// then DiWoo and the sitemap: a DiWoo record travels as a sitemap extension (the sitemap's <url> takes elements
// of other namespaces with processContents="strict", so the diwoo:Document inside is validated too).
const DIWOO_SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="https://www.nationaalarchief.nl/mdto" schemaLocation="MDTO-XML1.0.1.xsd"/>
  <xs:import namespace="https://standaarden.overheid.nl/diwoo/metadata/" schemaLocation="diwoo-metadata.xsd"/>
  <xs:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap-0.9.xsd"/>
</xs:schema>`;

export interface XsdResult {
  valid: boolean;
  /** xmllint's own output: "<file> validates", or its errors with file:line. */
  output: string;
  errors: string[];
}

async function run(xml: string, fileName: string, schema: { fileName: string; contents: string }, preload: { fileName: string; contents: string }[]): Promise<XsdResult> {
  let r: XMLValidationResult;
  try {
    r = await validateXML({ xml: [{ fileName, contents: xml }], schema: [schema], preload });
  } catch (e) {
    // xmllint-wasm throws when a schema does not compile (exit code 5): that is never a valid result.
    return { valid: false, output: (e as Error).message, errors: [(e as Error).message] };
  }
  return { valid: r.valid, output: r.rawOutput.trim(), errors: r.errors.map((e) => e.rawMessage) };
}

/** A DiWoo sidecar (a sitemap with diwoo:Document) against sitemap 0.9 + DiWoo 0.9.8 (with its MDTO import). */
export function validateDiwoo(xml: string, fileName = 'document.diwoo.xml'): Promise<XsdResult> {
  const preload = ['diwoo-metadata.xsd', 'diwoo-metadata-lijsten.xsd', 'MDTO-XML1.0.1.xsd', 'sitemap-0.9.xsd'].map(file);
  return run(xml, fileName, { fileName: 'diwoo-sitemap.xsd', contents: DIWOO_SITEMAP }, preload);
}

/** An MDTO record (e.g. a bestand record) against MDTO-XML 1.0.1. */
export function validateMdto(xml: string, fileName = 'document.pdf.mdto.xml'): Promise<XsdResult> {
  return run(xml, fileName, file('MDTO-XML1.0.1.xsd'), []);
}
