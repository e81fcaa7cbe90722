import { join, relative } from 'node:path';
import { kenmerkOf } from '../load/kind-rules.js';
import { SourceError } from '../errors.js';
import type { Kinds } from '../load/kinds.js';
import { loadBrief, type DocumentSources } from '../load/load-document.js';
import { readSourceText } from '../load/source-files.js';
import type { Brief } from '../validate/schemas.js';
import { diwooRecord, type DiwooFacts } from './record.js';
import { findTooi, tooiValues, type TooiValue } from './tooi.js';

/**
 * The DiWoo record of a public version of a document (`<name>.diwoo.xml` beside `<name>.pdf`), or undefined when
 * its kind has no Woo facts (no `woo:` in its layout.yaml). The facts come from the kind (informatiecategorie,
 * documentsoort, handeling), the document (onderwerp, kenmerk, datum, bijlagestukken, woo.url and overrides)
 * and its sender (the ministry, by its TOOI URI).
 */
export async function diwooRecordOf(sources: DocumentSources, versionName: string, paths: { content: string; kinds: Kinds }): Promise<string | undefined> {
  const kind = sources.layout.descriptor.woo;
  const { brief } = sources;
  if (!kind) {
    if (brief.woo === undefined) return undefined;
    // Woo facts of a document whose kind writes no record would be silently without effect.
    const at = (await import('../validate/validate-sources.js')).positionOf(sources.dataFile, await readSourceText(sources.dataFile, paths.content), ['woo']);
    throw new SourceError(sources.dataFile, at.line, at.col, `woo: a ${brief.soort} gets no DiWoo record — its kind has no woo facts (${relative(process.cwd(), sources.layout.file)}); remove woo: here, or give the kind its woo: informatiecategorie, documentsoort and handeling`);
  }
  const publicAsAWhole = sources.layout.descriptor.versies.every((v) => v.openbaar);
  const facts: DiwooFacts = {
    loc: address(brief, `${versionName}.pdf`),
    title: brief.onderwerp,
    identifiers: [kenmerkOf(brief, sources.layout.descriptor)].filter((k) => k !== undefined),
    publisher: await publisherOf(sources, paths.content),
    informatiecategorie: brief.woo?.informatiecategorie ?? kind.informatiecategorie,
    documentsoort: brief.woo?.documentsoort ?? kind.documentsoort,
    handeling: kind.handeling,
    datum: brief.datum,
    bijlagen: (
      await Promise.all(
        (brief.bijlagestukken ?? []).map(async (stuk) => {
          // The record names only what is published: the titles of a memo's annexes are printed nowhere, so an
          // external annex is named only by a document that is public as a whole (a letter sent with it).
          if ('extern' in stuk) return publicAsAWhole ? { label: stuk.extern } : undefined;
          const other = await loadBrief(paths.content, join(paths.content, sources.year, `${stuk.document}.yaml`), paths.kinds);
          const published = other.layout.descriptor.versies.find((v) => v.openbaar);
          if (!published) return undefined;
          // The address of the bijlage's public PDF: where it is published itself, else beside this document.
          return { label: other.brief.onderwerp, resource: address(other.brief.woo?.url ? other.brief : brief, `${stuk.document}${published.achtervoegsel}.pdf`) };
        }),
      )
    ).filter((b) => b !== undefined),
  };
  return diwooRecord(facts);
}

/** A PDF's address: its file name, after the document's woo.url when it gives one. */
function address(brief: Brief, file: string): string {
  const url = brief.woo?.url;
  return url ? `${url.endsWith('/') ? url : `${url}/`}${file}` : file;
}

/** The publisher: the sender's ministry as the TOOI list of ministries names it (or its `tooi:` URI). */
async function publisherOf(sources: DocumentSources, contentDir: string): Promise<TooiValue> {
  const { afzender, afzenderFile } = sources;
  if (afzender.tooi) return afzender.tooi;
  const found = findTooi('ministerielijst', afzender.ministerie);
  if ('value' in found) return found.value;
  const text = await readSourceText(afzenderFile, contentDir);
  const at = (await import('../validate/validate-sources.js')).positionOf(afzenderFile, text, 'ministerie');
  const ministries = tooiValues('ministerielijst');
  const twice = ministries.filter((m) => m.label.toLowerCase() === afzender.ministerie.trim().toLowerCase());
  const message = twice.length > 1
    ? `ministerie: "${afzender.ministerie}" is in the TOOI list of ministries ${twice.length} times (${twice.map((m) => m.uri).join(', ')}) — add tooi: <the URI of this one> to this file; a DiWoo record names its publisher by that URI`
    : `ministerie: "${afzender.ministerie}" is not in the TOOI list of ministries (schemas/standards/diwoo-metadata-lijsten.xsd), by which a DiWoo record names its publisher — write the name as the list has it, or add tooi: <the ministry's URI> (a former name: the URI of the ministry it is now, e.g. Veiligheid en Justitie → Justitie en Veiligheid, mnre1058); the list: ${ministries.map((m) => m.label).join('; ')}`;
  throw new SourceError(afzenderFile, at.line, at.col, message);
}
