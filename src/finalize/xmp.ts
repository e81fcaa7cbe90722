import { escapeXml } from '../format/xml.js';
/**
 * The XMP metadata packet of a PDF (ISO 16684-1; PDF/A-2 6.6): the Info dictionary's entries in their XMP
 * properties, the PDF/A-2b and PDF/UA-1 identification, and PDF/A extension schemas for what no predefined
 * schema holds (PDF/UA's identification and voortgang's provenance), so every property is legal in PDF/A.
 */

/** What the Info dictionary says; the packet mirrors it exactly. */
export interface XmpFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** An ISO 8601 date-time with its offset (2022-12-14T12:00:00+00:00): CreationDate and ModDate. */
  date: string;
  provenance?: { document: string; hash: string; browser: string };
}

/** voortgang's provenance in XMP: the namespace of the extension schema and its properties (Info key → property). */
export const PROVENANCE_NAMESPACE = 'urn:voortgang:provenance:1.0#';
export const PROVENANCE_PREFIX = 'voortgang';
export const PROVENANCE_PROPERTIES = { document: 'Document', hash: 'SourceHash', browser: 'Browser' } as const;

const PROVENANCE_DESCRIPTIONS: Record<keyof typeof PROVENANCE_PROPERTIES, string> = {
  document: 'The document this file is: year/name (Info VoortgangDocument)',
  hash: 'sha256 of the sources it was made from: content, templates, fonts, voortgang version (Info VoortgangSourceHash)',
  browser: 'The browser that printed it, name/version (Info VoortgangBrowser)',
};

/** The packet as text (UTF-8 when written): no `bytes` or `encoding` attribute in its header (PDF/A-2 6.6.2.1). */
export function xmpPacket(f: XmpFacts): string {
  const provenance = f.provenance
    ? Object.entries(PROVENANCE_PROPERTIES)
        .map(([key, name]) => `   <${PROVENANCE_PREFIX}:${name}>${escapeXml(f.provenance![key as keyof typeof PROVENANCE_PROPERTIES])}</${PROVENANCE_PREFIX}:${name}>\n`)
        .join('')
    : '';
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '  <rdf:Description rdf:about=""\n' +
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n' +
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n' +
    '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n' +
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"\n' +
    `    xmlns:${PROVENANCE_PREFIX}="${PROVENANCE_NAMESPACE}"\n` +
    '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n' +
    '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n' +
    '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n' +
    '   <dc:format>application/pdf</dc:format>\n' +
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.title)}</rdf:li></rdf:Alt></dc:title>\n` +
    `   <dc:creator><rdf:Seq><rdf:li>${escapeXml(f.author)}</rdf:li></rdf:Seq></dc:creator>\n` +
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.subject)}</rdf:li></rdf:Alt></dc:description>\n` +
    `   <pdf:Keywords>${escapeXml(f.keywords)}</pdf:Keywords>\n` +
    `   <pdf:Producer>${escapeXml(f.producer)}</pdf:Producer>\n` +
    `   <xmp:CreatorTool>${escapeXml(f.creator)}</xmp:CreatorTool>\n` +
    `   <xmp:CreateDate>${f.date}</xmp:CreateDate>\n` +
    `   <xmp:ModifyDate>${f.date}</xmp:ModifyDate>\n` +
    `   <xmp:MetadataDate>${f.date}</xmp:MetadataDate>\n` +
    '   <pdfaid:part>2</pdfaid:part>\n' +
    '   <pdfaid:conformance>B</pdfaid:conformance>\n' +
    '   <pdfuaid:part>1</pdfuaid:part>\n' +
    provenance +
    '   <pdfaExtension:schemas>\n' +
    '    <rdf:Bag>\n' +
    extensionSchema('PDF/UA Universal Accessibility Schema', 'http://www.aiim.org/pdfua/ns/id/', 'pdfuaid', [
      ['part', 'Integer', 'Indicates which part of ISO 14289 standard is followed'],
    ]) +
    (f.provenance
      ? extensionSchema(
          'voortgang provenance',
          PROVENANCE_NAMESPACE,
          PROVENANCE_PREFIX,
          Object.entries(PROVENANCE_PROPERTIES).map(([key, name]) => [name, 'Text', PROVENANCE_DESCRIPTIONS[key as keyof typeof PROVENANCE_PROPERTIES]]),
        )
      : '') +
    '    </rdf:Bag>\n' +
    '   </pdfaExtension:schemas>\n' +
    '  </rdf:Description>\n' +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    '<?xpacket end="r"?>'
  );
}

/** A PDF/A extension schema (PDF/A-2 6.6.2.3.3): the schema, its namespace and prefix, and each property. */
function extensionSchema(schema: string, namespace: string, prefix: string, properties: Array<[string, string, string]>): string {
  return (
    '     <rdf:li rdf:parseType="Resource">\n' +
    `      <pdfaSchema:schema>${escapeXml(schema)}</pdfaSchema:schema>\n` +
    `      <pdfaSchema:namespaceURI>${escapeXml(namespace)}</pdfaSchema:namespaceURI>\n` +
    `      <pdfaSchema:prefix>${prefix}</pdfaSchema:prefix>\n` +
    '      <pdfaSchema:property>\n' +
    '       <rdf:Seq>\n' +
    properties
      .map(
        ([name, type, description]) =>
          '        <rdf:li rdf:parseType="Resource">\n' +
          `         <pdfaProperty:name>${name}</pdfaProperty:name>\n` +
          `         <pdfaProperty:valueType>${type}</pdfaProperty:valueType>\n` +
          '         <pdfaProperty:category>internal</pdfaProperty:category>\n' +
          `         <pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description>\n` +
          '        </rdf:li>\n',
      )
      .join('') +
    '       </rdf:Seq>\n' +
    '      </pdfaSchema:property>\n' +
    '     </rdf:li>\n'
  );
}

/** D:YYYYMMDDHHmmSS+HH'mm' → YYYY-MM-DDTHH:mm:SS+HH:mm. */
export function xmpDate(pdfDate: string): string {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'$/.exec(pdfDate);
  if (!m) throw new Error(`finalize: a PDF date of an unexpected form: ${pdfDate}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`;
}
