import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SourceError, throwIfAny } from '../errors.js';
import type { Afzender, Brief } from '../validate/schemas.js';
import { kindOf, type KindLayout, type Kinds } from './kinds.js';
import { datasetCodec, type LoadedDataset } from './dataset.js';
import { readValidated } from './read-validated.js';
import { listSourceFiles, readSourceText } from './source-files.js';

export interface MarkdownSource {
  file: string;
  text: string;
}


/** Everything one document is made from, read and validated. */
export interface DocumentSources {
  year: string;
  name: string; // e.g. "kamerbrief": output file name and layout
  dataFile: string;
  brief: Brief;
  /** The layout of its soort: templates/<soort>/ and its descriptor. */
  layout: KindLayout;
  afzender: Afzender;
  /** content/afzenders/<afzender>.yaml: the sender's file, for errors about the sender. */
  afzenderFile: string;
  sections: MarkdownSource[];
  datasets: Map<string, LoadedDataset>;
  /** Every file read, for provenance and watch. */
  inputs: string[];
}

/** Reads and validates one document's sources against the kinds of the run's layouts folder. */
export async function loadDocument(contentDir: string, year: string, dataFile: string, kinds: Kinds): Promise<DocumentSources> {
  const name = basename(dataFile, '.yaml');
  const { brief, layout } = await loadBrief(contentDir, dataFile, kinds);
  await checkBijlagen(contentDir, year, dataFile, brief);

  // A sender is named, not pointed at: a name like dgsb-jfac, never a path that could lead out of content/.
  const afzenderAt = async () => (await validators()).positionOf(dataFile, await readSourceText(dataFile, contentDir), 'afzender');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(brief.afzender)) {
    const at = await afzenderAt();
    throw new SourceError(dataFile, at.line, at.col, `afzender: "${brief.afzender}" is not a sender's name — write the name of a file in ${join(contentDir, 'afzenders')}/ without .yaml (letters, digits, - and _), e.g. afzender: dgsb-jfac`);
  }
  const afzenderFile = join(contentDir, 'afzenders', `${brief.afzender}.yaml`);
  if (!existsSync(afzenderFile)) {
    const at = await afzenderAt();
    throw new SourceError(dataFile, at.line, at.col, `afzender: no file ${afzenderFile} — create it or use one of the names in ${join(contentDir, 'afzenders')}/`);
  }
  const afzender = await readValidated(afzenderFile, contentDir, 'afzender', async (text) => (await validators()).validateAfzender(afzenderFile, text));

  const sectionDir = join(contentDir, year, name);
  if (!existsSync(sectionDir)) throw new SourceError(dataFile, undefined, undefined, `the sections of this document belong in ${sectionDir}/ (one Markdown file per chapter), which does not exist`);
  const sectionFiles = await listSourceFiles(sectionDir, contentDir, '.md');
  if (sectionFiles.length === 0) throw new SourceError(sectionDir, undefined, undefined, 'no Markdown sections (*.md) found');
  const sections = await Promise.all(sectionFiles.map(async (file) => ({ file, text: await readSourceText(file, contentDir) })));

  const datasets = await loadDatasets(join(contentDir, year, 'data'), contentDir);
  return {
    year,
    name,
    dataFile,
    brief,
    layout,
    afzender,
    afzenderFile,
    sections,
    datasets,
    // The data files of its bijlagen too: a public version's DiWoo record names their titles and addresses.
    inputs: [dataFile, afzenderFile, ...sectionFiles, ...[...datasets.values()].map((d) => d.file), ...annexFiles(contentDir, year, brief)],
  };
}

/** A document's data file, read and validated, with the layout of its kind. */
export async function loadBrief(contentDir: string, dataFile: string, kinds: Kinds): Promise<{ brief: Brief; layout: KindLayout }> {
  const descriptors = new Map([...kinds.kinds].map(([k, v]) => [k, v.descriptor]));
  const brief = await readValidated(dataFile, contentDir, `brief ${kinds.key}`, async (text) => (await validators()).validateBrief(dataFile, text, descriptors));
  return { brief, layout: kindOf(kinds, brief.soort) };
}

/** The data files of the documents of the year a document lists as its bijlagen (checked to exist by checkBijlagen). */
function annexFiles(contentDir: string, year: string, brief: Brief): string[] {
  return (brief.bijlagestukken ?? []).flatMap((stuk) => ('document' in stuk && typeof stuk.document === 'string' ? [join(contentDir, year, `${stuk.document}.yaml`)] : []));
}

/**
 * "Bijlagen: 2" is a promise to the reader: when a document lists its bijlagen (bijlagestukken), their number
 * must be that number, and each one voortgang makes must be a document of the same year.
 */
async function checkBijlagen(contentDir: string, year: string, dataFile: string, brief: Brief): Promise<void> {
  const listed = brief.bijlagestukken;
  if (!listed) return;
  const at = async (path: string | (string | number)[]) => (await validators()).positionOf(dataFile, await readSourceText(dataFile, contentDir), path);
  const problems: SourceError[] = [];
  for (const [i, stuk] of listed.entries()) {
    if (!('document' in stuk)) continue;
    if (stuk.document === basename(dataFile, '.yaml') || !existsSync(join(contentDir, year, `${stuk.document}.yaml`))) {
      const p = await at(['bijlagestukken', i, 'document']);
      problems.push(new SourceError(dataFile, p.line, p.col, `bijlagestukken: "${stuk.document}" is not another document of ${year} — write the name of a data file in ${join(contentDir, year)}/ without .yaml, or { extern: <title> } for a bijlage voortgang does not make`));
    }
  }
  const count = brief.bijlagen ?? 0;
  if (count !== listed.length) {
    const p = await at(brief.bijlagen === undefined ? 'bijlagestukken' : 'bijlagen');
    problems.push(new SourceError(dataFile, p.line, p.col, `bijlagen: ${brief.bijlagen === undefined ? 'is not given' : `says ${count}`}, but bijlagestukken lists ${listed.length} — make them agree (a bijlage not made by voortgang is listed as { extern: <title> })`));
  }
  throwIfAny(problems);
}

async function loadDatasets(dir: string, contentDir: string): Promise<Map<string, LoadedDataset>> {
  const files = existsSync(dir) ? await listSourceFiles(dir, contentDir, '.yaml') : [];
  const loaded = await Promise.all(
    files.map(async (file) => {
      const name = basename(file, '.yaml');
      const dataset = await readValidated(file, contentDir, 'dataset', async (text) => (await validators()).validateDataset(name, file, text), datasetCodec);
      return [name, dataset] as const;
    }),
  );
  return new Map(loaded);
}

/** The parsers and schemas, loaded only when a file is not in the cache of validated files. */
const validators = () => import('../validate/validate-sources.js');
