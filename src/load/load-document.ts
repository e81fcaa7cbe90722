import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SourceError } from '../errors.js';
import type { Afzender, Brief } from '../validate/schemas.js';
import { datasetCodec, type LoadedDataset } from './dataset.js';
import { readValidated } from './read-validated.js';

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
  afzender: Afzender;
  sections: MarkdownSource[];
  datasets: Map<string, LoadedDataset>;
  /** Every file read, for provenance and watch. */
  inputs: string[];
}

export async function loadDocument(contentDir: string, year: string, dataFile: string): Promise<DocumentSources> {
  const name = basename(dataFile, '.yaml');
  const brief = await readValidated(dataFile, 'brief', async (text) => (await validators()).validateBrief(dataFile, text));

  const afzenderFile = join(contentDir, 'afzenders', `${brief.afzender}.yaml`);
  if (!existsSync(afzenderFile)) {
    const at = (await validators()).positionOf(dataFile, await readFile(dataFile, 'utf8'), 'afzender');
    throw new SourceError(dataFile, at.line, at.col, `afzender: no file ${afzenderFile} — create it or use one of the names in ${join(contentDir, 'afzenders')}/`);
  }
  const afzender = await readValidated(afzenderFile, 'afzender', async (text) => (await validators()).validateAfzender(afzenderFile, text));

  const sectionDir = join(contentDir, year, name);
  const sectionFiles = (await readdir(sectionDir).catch(() => {
    throw new SourceError(dataFile, undefined, undefined, `the sections of this document belong in ${sectionDir}/ (one Markdown file per chapter), which does not exist`);
  }))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(sectionDir, f));
  if (sectionFiles.length === 0) throw new SourceError(sectionDir, undefined, undefined, 'no Markdown sections (*.md) found');
  const sections = await Promise.all(sectionFiles.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));

  const datasets = await loadDatasets(join(contentDir, year, 'data'));
  return {
    year,
    name,
    dataFile,
    brief,
    afzender,
    sections,
    datasets,
    inputs: [dataFile, afzenderFile, ...sectionFiles, ...[...datasets.values()].map((d) => d.file)],
  };
}

async function loadDatasets(dir: string): Promise<Map<string, LoadedDataset>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const loaded = await Promise.all(
    files.map(async (f) => {
      const name = basename(f, '.yaml');
      const file = join(dir, f);
      const dataset = await readValidated(file, 'dataset', async (text) => (await validators()).validateDataset(name, file, text), datasetCodec);
      return [name, dataset] as const;
    }),
  );
  return new Map(loaded);
}

/** The parsers and schemas, loaded only when a file is not in the cache of validated files. */
const validators = () => import('../validate/validate-sources.js');
