import { escapeXml } from '../format/xml.js';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/**
 * The MDTO `bestand` record of a PDF (MDTO-XML 1.0.1, Nationaal Archief: Metagegevens voor duurzaam toegankelijke
 * overheidsinformatie), written beside it as `<name>.pdf.mdto.xml`: which file it is, its size, its format
 * (PRONOM fmt/477, PDF/A-2b), its SHA-256 checksum and the information object it represents (the letter, by its
 * kenmerk). The checksum's date is the document's datum, not the time of the build, so that the same sources
 * give the same record. Element order and required fields as schemas/standards/MDTO-XML1.0.1.xsd has them.
 */
export interface RecordFacts {
  /** The PDF's file name, e.g. kamerbrief.pdf. */
  name: string;
  /** year/name, as VoortgangDocument says (2022/kamerbrief). */
  document: string;
  /** The onderwerp: the name of the information object the PDF represents. */
  title: string;
  /** The document's kenmerk, when its kind has one. */
  kenmerk?: string;
  /** Who gave the kenmerk: the ministry. */
  organisation: string;
  /** The datum (YYYY-MM-DD). */
  date: string;
}

export const RECORD_SUFFIX = '.mdto.xml';

/** The record's file beside a PDF. */
export function recordFile(pdfFile: string): string {
  return `${pdfFile}${RECORD_SUFFIX}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function mdtoRecord(pdf: Uint8Array, f: RecordFacts): string {
  const identification = f.kenmerk
    ? { kenmerk: `${f.kenmerk}/${basename(f.name)}`, bron: `${f.organisation}: ons kenmerk en bestandsnaam` }
    : { kenmerk: `${f.document}.pdf`, bron: 'voortgang: jaar/document (VoortgangDocument) en bestandsnaam' };
  const represents = f.kenmerk
    ? `      <verwijzingIdentificatie>\n        <identificatieKenmerk>${escapeXml(f.kenmerk)}</identificatieKenmerk>\n        <identificatieBron>${escapeXml(f.organisation)}</identificatieBron>\n      </verwijzingIdentificatie>\n`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<MDTO xmlns="https://www.nationaalarchief.nl/mdto" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="https://www.nationaalarchief.nl/mdto https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd">\n' +
    '  <bestand>\n' +
    '    <identificatie>\n' +
    `      <identificatieKenmerk>${escapeXml(identification.kenmerk)}</identificatieKenmerk>\n` +
    `      <identificatieBron>${escapeXml(identification.bron)}</identificatieBron>\n` +
    '    </identificatie>\n' +
    `    <naam>${escapeXml(basename(f.name))}</naam>\n` +
    `    <omvang>${pdf.length}</omvang>\n` +
    '    <bestandsformaat>\n' +
    '      <begripLabel>Acrobat PDF/A - Portable Document Format, versie 2b</begripLabel>\n' +
    '      <begripCode>fmt/477</begripCode>\n' +
    '      <begripBegrippenlijst>\n' +
    '        <verwijzingNaam>PRONOM-register</verwijzingNaam>\n' +
    '      </begripBegrippenlijst>\n' +
    '    </bestandsformaat>\n' +
    '    <checksum>\n' +
    '      <checksumAlgoritme>\n' +
    '        <begripLabel>SHA-256</begripLabel>\n' +
    '        <begripBegrippenlijst>\n' +
    '          <verwijzingNaam>Begrippenlijst ChecksumAlgoritme MDTO</verwijzingNaam>\n' +
    '        </begripBegrippenlijst>\n' +
    '      </checksumAlgoritme>\n' +
    `      <checksumWaarde>${sha256(pdf)}</checksumWaarde>\n` +
    `      <checksumDatum>${f.date}T12:00:00+00:00</checksumDatum>\n` +
    '    </checksum>\n' +
    '    <isRepresentatieVan>\n' +
    `      <verwijzingNaam>${escapeXml(f.title)}</verwijzingNaam>\n` +
    represents +
    '    </isRepresentatieVan>\n' +
    '  </bestand>\n' +
    '</MDTO>\n'
  );
}

/** What verify reads back from a record: the checksum and size it states. */
export function recordedChecksum(record: string): { sha256?: string; size?: number } {
  const sum = /<checksumAlgoritme>[\s\S]*?<begripLabel>SHA-256<\/begripLabel>[\s\S]*?<\/checksumAlgoritme>\s*<checksumWaarde>([^<]*)<\/checksumWaarde>/.exec(record)?.[1]?.trim();
  const size = /<omvang>(\d+)<\/omvang>/.exec(record)?.[1];
  return { sha256: sum?.toLowerCase(), size: size === undefined ? undefined : Number(size) };
}
